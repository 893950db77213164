import type { EmploymentPlanRowCorrectInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, text } from '../base/inputs.ts';
import { listSection } from '../card/card-section.ts';
import { EmploymentPlanRow } from './employment-plan.entity.ts';
import { employmentPlanPrinted } from './printed.ts';

/** §20 — checks a whole plan row (executed with its date, or not executed with the reason, or neither yet) and gives it. */
export function planRow(checks: Checks, input: EmploymentPlanRowCorrectInput, field: readonly string[] = ['input']) {
  const { measure, execution, executedOn, nonExecutionReason, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'measure'], measure).text([...field, 'execution'], execution, false)
    .text([...field, 'nonExecutionReason'], nonExecutionReason, false).happened([...field, 'executedOn'], executedOn);
  if ((execution || executedOn) && nonExecutionReason) {
    checks.add([...field, 'nonExecutionReason'], 'INVALID_VALUE', 'a row is either executed or not executed, not both');
  }
  if (execution && !executedOn) checks.add([...field, 'executedOn'], 'REQUIRED', 'an execution needs its date');
  return { measure: measure.trim(), execution: text(execution), executedOn: executedOn ?? null, nonExecutionReason: text(nonExecutionReason) };
}

/** §20 — the plan for placing the person in permanent work: a numbered table, rows in the order they were added. */
export const employmentPlan = listSection({
  name: 'employmentPlanRow',
  printed: employmentPlanPrinted,
  documentKey: 'employmentPlan',
  entity: EmploymentPlanRow,
  types: { EmploymentPlanRow: () => true },
  order: [{ property: 'id', cast: 'bigint' }],
  numbered: true,
  imported: [{
    key: 'employmentPlan', description: '§20 — rows of the placement plan.', input: 'EmploymentPlanRowCorrectInput',
    row: (checks, input: EmploymentPlanRowCorrectInput) => ({ row: planRow(checks, input) }),
  }],
});
