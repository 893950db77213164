import type { CareerGuidanceInput } from '../../generated/graphql.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { careerGuidance, careerGuidanceRow } from './section.ts';

// §13 — results of career guidance.

export function addCareerGuidance(deps: ChangeDeps, cardId: string, version: number, input: CareerGuidanceInput) {
  return changeCard(deps, { cardId, version, action: 'careerGuidanceAdd', argument: 'cardId' }, async (change) => {
    const checks = change.checks();
    const row = careerGuidanceRow(checks, input);
    checks.orReject();
    return change.add(careerGuidance, row);
  });
}

export function correctCareerGuidance(deps: ChangeDeps, id: string, version: number, input: CareerGuidanceInput) {
  return changeEntry(deps, { section: careerGuidance, entryId: id, version, action: 'careerGuidanceCorrect' }, async (change, entry) => {
    const checks = change.checks();
    const row = careerGuidanceRow(checks, input);
    checks.orReject();
    change.update(careerGuidance, entry, (e) => change.em.assign(e, row));
    return entry;
  });
}
