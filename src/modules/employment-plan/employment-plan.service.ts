import type { Checks } from '../base/checks.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { alreadyRecorded } from '../referral/referral.service.ts';
import { EmploymentPlanRow } from './employment-plan.entity.ts';

// §20 — the plan for placing the person in permanent work: measures, then for each either its
// execution or the reasons it was not executed.

export function addPlanRow(deps: ChangeDeps, cardId: string, version: number, measure: string) {
  return changeCard(deps, { cardId, version, action: 'employmentPlanRowAdd', argument: 'cardId' }, async (change) => {
    change.checks().text(['input', 'measure'], measure).orReject();
    return change.add('employmentPlanRow', EmploymentPlanRow, { rowNumber: await change.nextRowNumber(EmploymentPlanRow), measure: measure.trim() });
  });
}

const settled = (row: EmploymentPlanRow) => row.executedOn || row.execution || row.nonExecutionReason;

export function recordPlanExecution(deps: ChangeDeps, id: string, version: number, data: { executedOn: string; execution: string }) {
  return changeEntry(deps, { entity: EmploymentPlanRow, entryId: id, version, action: 'employmentPlanRowRecordExecution' }, async (change, row) => {
    if (settled(row)) throw alreadyRecorded();
    change.checks().happened(['input', 'executedOn'], data.executedOn).text(['input', 'execution'], data.execution).orReject();
    change.update('employmentPlanRow', row, (r) => Object.assign(r, { executedOn: data.executedOn, execution: data.execution.trim() }));
    return row;
  });
}

export function recordPlanNonExecution(deps: ChangeDeps, id: string, version: number, reason: string) {
  return changeEntry(deps, { entity: EmploymentPlanRow, entryId: id, version, action: 'employmentPlanRowRecordNonExecution' }, async (change, row) => {
    if (settled(row)) throw alreadyRecorded();
    change.checks().text(['input', 'reason'], reason).orReject();
    change.update('employmentPlanRow', row, (r) => Object.assign(r, { nonExecutionReason: reason.trim() }));
    return row;
  });
}

export interface PlanRowCorrection {
  measure: string;
  execution?: string | null;
  executedOn?: string | null;
  nonExecutionReason?: string | null;
}

/** A whole §20 row: executed (with its date) or not executed (with the reason), or neither yet. */
export function planRowColumns(checks: Checks, data: PlanRowCorrection) {
  checks.text(['input', 'measure'], data.measure).text(['input', 'execution'], data.execution, false)
    .text(['input', 'nonExecutionReason'], data.nonExecutionReason, false).happened(['input', 'executedOn'], data.executedOn);
  if ((data.execution || data.executedOn) && data.nonExecutionReason) {
    checks.add(['input', 'nonExecutionReason'], 'INVALID_VALUE', 'a row is either executed or not executed, not both');
  }
  if (data.execution && !data.executedOn) checks.add(['input', 'executedOn'], 'REQUIRED', 'an execution needs its date');
  return {
    measure: data.measure.trim(), execution: data.execution?.trim() || null, executedOn: data.executedOn ?? null,
    nonExecutionReason: data.nonExecutionReason?.trim() || null,
  };
}

export function correctPlanRow(deps: ChangeDeps, id: string, version: number, data: PlanRowCorrection) {
  return changeEntry(deps, { entity: EmploymentPlanRow, entryId: id, version, action: 'employmentPlanRowCorrect' }, async (change, row) => {
    const checks = change.checks();
    const columns = planRowColumns(checks, data);
    checks.orReject();
    change.update('employmentPlanRow', row, (r) => Object.assign(r, columns));
    return row;
  });
}
