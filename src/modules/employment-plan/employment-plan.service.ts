import type {
  EmploymentPlanExecutionInput, EmploymentPlanNonExecutionInput, EmploymentPlanRowCorrectInput, EmploymentPlanRowInput,
} from '../../generated/graphql.ts';
import { allHandled } from '../base/inputs.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { alreadyRecorded } from '../referral/section.ts';
import type { EmploymentPlanRow } from './employment-plan.entity.ts';
import { employmentPlan, planRow } from './section.ts';

// §20 — the plan for placing the person in permanent work: measures, then for each either its
// execution or the reasons it was not executed.

export function addPlanRow(deps: ChangeDeps, cardId: string, version: number, input: EmploymentPlanRowInput) {
  const { measure, ...rest } = input;
  allHandled(rest);
  return changeCard(deps, { cardId, version, action: 'employmentPlanRowAdd', argument: 'cardId' }, async (change) => {
    change.checks().text(['input', 'measure'], measure).orReject();
    return change.add(employmentPlan, { measure: measure.trim() });
  });
}

const settled = (row: EmploymentPlanRow) => row.executedOn || row.execution || row.nonExecutionReason;

export function recordPlanExecution(deps: ChangeDeps, id: string, version: number, input: EmploymentPlanExecutionInput) {
  const { executedOn, execution, ...rest } = input;
  allHandled(rest);
  return changeEntry(deps, { section: employmentPlan, entryId: id, version, action: 'employmentPlanRowRecordExecution' }, async (change, row) => {
    if (settled(row)) throw alreadyRecorded();
    change.checks().happened(['input', 'executedOn'], executedOn).text(['input', 'execution'], execution).orReject();
    change.update(employmentPlan, row, (r) => Object.assign(r, { executedOn, execution: execution.trim() }));
    return row;
  });
}

export function recordPlanNonExecution(deps: ChangeDeps, id: string, version: number, input: EmploymentPlanNonExecutionInput) {
  const { reason, ...rest } = input;
  allHandled(rest);
  return changeEntry(deps, { section: employmentPlan, entryId: id, version, action: 'employmentPlanRowRecordNonExecution' }, async (change, row) => {
    if (settled(row)) throw alreadyRecorded();
    change.checks().text(['input', 'reason'], reason).orReject();
    change.update(employmentPlan, row, (r) => Object.assign(r, { nonExecutionReason: reason.trim() }));
    return row;
  });
}

export function correctPlanRow(deps: ChangeDeps, id: string, version: number, input: EmploymentPlanRowCorrectInput) {
  return changeEntry(deps, { section: employmentPlan, entryId: id, version, action: 'employmentPlanRowCorrect' }, async (change, row) => {
    const checks = change.checks();
    const values = planRow(checks, input);
    checks.orReject();
    change.update(employmentPlan, row, (r) => Object.assign(r, values));
    return row;
  });
}
