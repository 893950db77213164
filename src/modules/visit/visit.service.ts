import type { Checks } from '../base/checks.ts';
import { alreadyRecorded } from '../referral/referral.service.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { Visit } from './visit.entity.ts';

// §18 — visits: planned (possibly ahead), then recorded with the actual date and a note. Row
// numbers follow the order rows were added, voided rows keeping theirs, as on the paper form.

export function planVisit(deps: ChangeDeps, cardId: string, version: number, plannedOn: string) {
  return changeCard(deps, { cardId, version, action: 'visitPlan', argument: 'cardId' }, async (change) => {
    change.checks().afterBirth(['input', 'plannedOn'], plannedOn).orReject();
    return change.add('visit', Visit, { rowNumber: await change.nextRowNumber(Visit), plannedOn });
  });
}

export function recordVisit(deps: ChangeDeps, id: string, version: number, data: { attendedOn: string; note?: string | null }) {
  return changeEntry(deps, { entity: Visit, entryId: id, version, action: 'visitRecord' }, async (change, visit) => {
    if (visit.attendedOn) throw alreadyRecorded();
    change.checks().happened(['input', 'attendedOn'], data.attendedOn).text(['input', 'note'], data.note, false).orReject();
    change.update('visit', visit, (v) => Object.assign(v, { attendedOn: data.attendedOn, note: data.note?.trim() || null }));
    return visit;
  });
}

export interface VisitData {
  plannedOn: string;
  attendedOn?: string | null;
  note?: string | null;
}

/** A whole §18 row: a planned date (may be ahead), and the attendance if it happened. */
export function visitColumns(checks: Checks, data: VisitData) {
  checks.afterBirth(['input', 'plannedOn'], data.plannedOn).happened(['input', 'attendedOn'], data.attendedOn).text(['input', 'note'], data.note, false);
  return { plannedOn: data.plannedOn, attendedOn: data.attendedOn ?? null, note: data.note?.trim() || null };
}

export function correctVisit(deps: ChangeDeps, id: string, version: number, data: VisitData) {
  return changeEntry(deps, { entity: Visit, entryId: id, version, action: 'visitCorrect' }, async (change, visit) => {
    const checks = change.checks();
    const row = visitColumns(checks, data);
    checks.orReject();
    change.update('visit', visit, (v) => Object.assign(v, row));
    return visit;
  });
}
