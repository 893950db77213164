import type { CareerGuidanceInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled } from '../base/inputs.ts';
import { listSection } from '../card/card-section.ts';
import { CareerGuidance } from './guidance.entity.ts';
import { careerGuidancePrinted } from './printed.ts';

/** §13 — checks a career-guidance result and gives its row. */
export function careerGuidanceRow(checks: Checks, input: CareerGuidanceInput, field: readonly string[] = ['input']) {
  const { bodyName, heldOn, result, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'bodyName'], bodyName).text([...field, 'result'], result).happened([...field, 'heldOn'], heldOn);
  return { bodyName: bodyName.trim(), heldOn, result: result.trim() };
}

/** §13 — results of career guidance. */
export const careerGuidance = listSection({
  name: 'careerGuidance',
  printed: careerGuidancePrinted,
  documentKey: 'careerGuidance',
  entity: CareerGuidance,
  types: { CareerGuidance: () => true },
  order: [{ property: 'heldOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
  imported: [{
    key: 'careerGuidance', description: '§13 — career guidance results.', input: 'CareerGuidanceInput',
    row: (checks, input: CareerGuidanceInput) => ({ row: careerGuidanceRow(checks, input) }),
  }],
});
