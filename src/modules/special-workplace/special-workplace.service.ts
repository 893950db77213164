import type { Checks } from '../base/checks.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import type { PeriodData } from '../education/education.service.ts';
import { checkHiringAct, recordedOutcome, type HiringActData } from '../referral/referral.service.ts';
import { SpecialWorkplace } from './special-workplace.entity.ts';

// §17 — special workplaces equipped for persons with disability.

export interface SpecialWorkplaceData {
  employerName: string;
  referredOn: string;
  participationPeriod?: PeriodData | null;
  position: string;
  hiringAct?: HiringActData | null;
}

export function specialWorkplaceColumns(checks: Checks, data: SpecialWorkplaceData) {
  checks.text(['input', 'employerName'], data.employerName).text(['input', 'position'], data.position)
    .happened(['input', 'referredOn'], data.referredOn)
    .plannedPeriod(['input', 'participationPeriod'], data.participationPeriod, { date: data.referredOn, what: 'the referral' });
  if (data.hiringAct) checkHiringAct(checks, ['input', 'hiringAct'], data.hiringAct, data.referredOn);
  return {
    employerName: data.employerName.trim(), referredOn: data.referredOn, position: data.position.trim(),
    participationPeriod: data.participationPeriod ? { start: data.participationPeriod.start, end: data.participationPeriod.end ?? null } : null,
    hiringAct: data.hiringAct ? { ...data.hiringAct, orderNumber: data.hiringAct.orderNumber.trim(), position: data.hiringAct.position.trim() } : null,
  };
}

export function createSpecialWorkplace(deps: ChangeDeps, cardId: string, version: number, data: SpecialWorkplaceData) {
  return changeCard(deps, { cardId, version, action: 'specialWorkplaceCreate', argument: 'cardId' }, async (change) => {
    const checks = change.checks();
    const row = specialWorkplaceColumns(checks, data);
    checks.orReject();
    return change.add('specialWorkplace', SpecialWorkplace, row);
  });
}

export function recordSpecialWorkplaceHiring(deps: ChangeDeps, id: string, version: number, hiring: HiringActData) {
  return changeEntry(deps, { entity: SpecialWorkplace, entryId: id, version, action: 'specialWorkplaceRecordHiring' }, async (change, entry) => {
    const { hiringAct } = recordedOutcome(change.checks(), entry, { hiring }, entry.referredOn);
    change.update('specialWorkplace', entry, (e) => change.em.assign(e, { hiringAct } as never));
    return entry;
  });
}

export function correctSpecialWorkplace(deps: ChangeDeps, id: string, version: number, data: SpecialWorkplaceData) {
  return changeEntry(deps, { entity: SpecialWorkplace, entryId: id, version, action: 'specialWorkplaceCorrect' }, async (change, entry) => {
    const checks = change.checks();
    const row = specialWorkplaceColumns(checks, data);
    checks.orReject();
    change.update('specialWorkplace', entry, (e) => change.em.assign(e, row as never));
    return entry;
  });
}
