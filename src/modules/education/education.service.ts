import type { AdditionalEducationInput, LastJobInput, MainEducationInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, changeEntry, type ChangeDeps } from '../card/card-change.ts';
import { additionalEducationRow, education, lastJob, lastJobValue, mainEducationRow } from './section.ts';

// §10 education entries and §11 last place of work.

type Row = ReturnType<typeof mainEducationRow> | ReturnType<typeof additionalEducationRow>;

function add(deps: ChangeDeps, cardId: string, version: number, action: string, row: (checks: Checks) => Row) {
  return changeCard(deps, { cardId, version, action, argument: 'cardId' }, async (change) => {
    const checks = change.checks();
    const data = row(checks);
    checks.orReject();
    return change.add(education, data);
  });
}

function correct(deps: ChangeDeps, entryId: string, version: number, action: string, row: (checks: Checks) => Row) {
  return changeEntry(deps, { section: education, entryId, version, action }, async (change, entry) => {
    const checks = change.checks();
    const data = row(checks);
    // A correction keeps the entry in its own list.
    if (entry.section !== data.section) throw new Rejected([userError(['id'], 'NOT_FOUND', 'no such entry')]);
    checks.orReject();
    change.update(education, entry, (e) => change.em.assign(e, data as never));
    return entry;
  });
}

export const addMainEducation = (deps: ChangeDeps, cardId: string, version: number, input: MainEducationInput) =>
  add(deps, cardId, version, 'mainEducationAdd', (checks) => mainEducationRow(checks, input));
export const correctMainEducation = (deps: ChangeDeps, id: string, version: number, input: MainEducationInput) =>
  correct(deps, id, version, 'mainEducationCorrect', (checks) => mainEducationRow(checks, input));
export const addAdditionalEducation = (deps: ChangeDeps, cardId: string, version: number, input: AdditionalEducationInput) =>
  add(deps, cardId, version, 'additionalEducationAdd', (checks) => additionalEducationRow(checks, input));
export const correctAdditionalEducation = (deps: ChangeDeps, id: string, version: number, input: AdditionalEducationInput) =>
  correct(deps, id, version, 'additionalEducationCorrect', (checks) => additionalEducationRow(checks, input));

/** §11 — sets, corrects or clears the last place of work. */
export function setLastJob(deps: ChangeDeps, cardId: string, version: number, input: LastJobInput | null) {
  return changeCard(deps, { cardId, version, action: 'cardSetLastJob' }, async (change) => {
    const checks = change.checks();
    const value = input && lastJobValue(checks, input);
    checks.orReject();
    change.updateCard(lastJob, (card) => change.em.assign(card, { lastJob: value } as never));
  });
}
