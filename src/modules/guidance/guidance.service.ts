import type { Checks } from '../base/checks.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { CareerGuidance } from './guidance.entity.ts';

// §13 — results of career guidance.

export interface CareerGuidanceData {
  bodyName: string;
  heldOn: string;
  result: string;
}

export function guidanceColumns(checks: Checks, data: CareerGuidanceData) {
  checks.text(['input', 'bodyName'], data.bodyName).text(['input', 'result'], data.result).happened(['input', 'heldOn'], data.heldOn);
  return { bodyName: data.bodyName.trim(), heldOn: data.heldOn, result: data.result.trim() };
}

export function addCareerGuidance(deps: ChangeDeps, cardId: string, version: number, data: CareerGuidanceData) {
  return changeCard(deps, { cardId, version, action: 'careerGuidanceAdd', argument: 'cardId' }, async (change) => {
    const checks = change.checks();
    const row = guidanceColumns(checks, data);
    checks.orReject();
    return change.add('careerGuidance', CareerGuidance, row);
  });
}

export function correctCareerGuidance(deps: ChangeDeps, id: string, version: number, data: CareerGuidanceData) {
  return changeEntry(deps, { entity: CareerGuidance, entryId: id, version, action: 'careerGuidanceCorrect' }, async (change, entry) => {
    const checks = change.checks();
    const row = guidanceColumns(checks, data);
    checks.orReject();
    change.update('careerGuidance', entry, (e) => change.em.assign(e, row));
    return entry;
  });
}
