import type { VisitCorrectInput, VisitPlanInput, VisitRecordInput } from '../../generated/graphql.ts';
import { allHandled, text } from '../base/inputs.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { alreadyRecorded } from '../referral/section.ts';
import { visitRow, visits } from './section.ts';

// §18 — visits: planned (possibly ahead), then recorded with the actual date and a note. Row
// numbers are not stored: they follow the planned dates (see `numbered` in card-section.ts).

export function planVisit(deps: ChangeDeps, cardId: string, version: number, input: VisitPlanInput) {
  const { plannedOn, ...rest } = input;
  allHandled(rest);
  return changeCard(deps, { cardId, version, action: 'visitPlan', argument: 'cardId' }, async (change) => {
    change.checks().afterBirth(['input', 'plannedOn'], plannedOn).orReject();
    const visit = change.add(visits, { plannedOn });
    // Appendix 2: the person is told when to come (a visit entered for a past day invites nobody).
    if (plannedOn >= deps.today()) await change.notify('VISIT_PLANNED', { plannedOn });
    return visit;
  });
}

export function recordVisit(deps: ChangeDeps, id: string, version: number, input: VisitRecordInput) {
  const { attendedOn, note, ...rest } = input;
  allHandled(rest);
  return changeEntry(deps, { section: visits, entryId: id, version, action: 'visitRecord' }, async (change, visit) => {
    if (visit.attendedOn) throw alreadyRecorded();
    change.checks().happened(['input', 'attendedOn'], attendedOn).text(['input', 'note'], note, false).orReject();
    change.update(visits, visit, (v) => Object.assign(v, { attendedOn, note: text(note) }));
    return visit;
  });
}

export function correctVisit(deps: ChangeDeps, id: string, version: number, input: VisitCorrectInput) {
  return changeEntry(deps, { section: visits, entryId: id, version, action: 'visitCorrect' }, async (change, visit) => {
    const checks = change.checks();
    const row = visitRow(checks, input);
    checks.orReject();
    change.update(visits, visit, (v) => Object.assign(v, row));
    return visit;
  });
}
