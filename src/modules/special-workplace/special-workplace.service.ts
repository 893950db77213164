import type { HiringActInput, SpecialWorkplaceInput } from '../../generated/graphql.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { recordedOutcome } from '../referral/section.ts';
import { specialWorkplaceRow, specialWorkplaces } from './section.ts';

// §17 — special workplaces equipped for persons with disability.

export function createSpecialWorkplace(deps: ChangeDeps, cardId: string, version: number, input: SpecialWorkplaceInput) {
  return changeCard(deps, { cardId, version, action: 'specialWorkplaceCreate', argument: 'cardId' }, async (change) => {
    const checks = change.checks();
    const row = specialWorkplaceRow(checks, input);
    checks.orReject();
    return change.add(specialWorkplaces, row);
  });
}

export function recordSpecialWorkplaceHiring(deps: ChangeDeps, id: string, version: number, hiring: HiringActInput) {
  return changeEntry(deps, { section: specialWorkplaces, entryId: id, version, action: 'specialWorkplaceRecordHiring' }, async (change, entry) => {
    const { hiringAct } = recordedOutcome(change.checks(), entry, { hiring }, entry.referredOn);
    change.update(specialWorkplaces, entry, (e) => change.em.assign(e, { hiringAct } as never));
    return entry;
  });
}

export function correctSpecialWorkplace(deps: ChangeDeps, id: string, version: number, input: SpecialWorkplaceInput) {
  return changeEntry(deps, { section: specialWorkplaces, entryId: id, version, action: 'specialWorkplaceCorrect' }, async (change, entry) => {
    const checks = change.checks();
    const row = specialWorkplaceRow(checks, input);
    checks.orReject();
    change.update(specialWorkplaces, entry, (e) => change.em.assign(e, row as never));
    return entry;
  });
}
