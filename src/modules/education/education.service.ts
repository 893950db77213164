import type { AdditionalEducationKind, EducationLevel } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, changeEntry, type CardChange, type ChangeDeps } from '../card/card-change.ts';
import { EducationEntry } from './education.entity.ts';

// §10 education entries and §11 last place of work.

export interface PeriodData {
  start: string;
  end?: string | null;
}

export interface MainEducationData {
  institutionName: string;
  level: EducationLevel;
  studyPeriod?: PeriodData | null;
  specialty?: string | null;
}

export interface AdditionalEducationData {
  organisationName: string;
  kind: AdditionalEducationKind;
  studyPeriod?: PeriodData | null;
  specialty?: string | null;
}

export interface LastJobData {
  employerName: string;
  hiredOn?: string | null;
  dismissedOn?: string | null;
  position?: string | null;
}

const period = (p: PeriodData | null | undefined) => (p ? { start: p.start, end: p.end ?? null } : null);

export function mainColumns(checks: Checks, data: MainEducationData) {
  checks.text(['input', 'institutionName'], data.institutionName).text(['input', 'specialty'], data.specialty, false)
    .period(['input', 'studyPeriod'], data.studyPeriod);
  return {
    section: 'MAIN' as const, institutionName: data.institutionName.trim(), level: data.level, additionalKind: null,
    studyPeriod: period(data.studyPeriod), specialty: data.specialty?.trim() ?? null,
  };
}

export function additionalColumns(checks: Checks, data: AdditionalEducationData) {
  checks.text(['input', 'organisationName'], data.organisationName).text(['input', 'specialty'], data.specialty, false)
    .period(['input', 'studyPeriod'], data.studyPeriod);
  return {
    section: 'ADDITIONAL' as const, institutionName: data.organisationName.trim(), level: null, additionalKind: data.kind,
    studyPeriod: period(data.studyPeriod), specialty: data.specialty?.trim() ?? null,
  };
}

type Columns = ReturnType<typeof mainColumns> | ReturnType<typeof additionalColumns>;

function add(deps: ChangeDeps, cardId: string, version: number, action: string, columns: (checks: Checks) => Columns) {
  return changeCard(deps, { cardId, version, action, argument: 'cardId' }, async (change) => {
    const checks = change.checks();
    const data = columns(checks);
    checks.orReject();
    return change.add('education', EducationEntry, data);
  });
}

function correct(deps: ChangeDeps, entryId: string, version: number, action: string, columns: (checks: Checks) => Columns) {
  return changeEntry(deps, { entity: EducationEntry, entryId, version, action }, async (change: CardChange, entry) => {
    const checks = change.checks();
    const data = columns(checks);
    // A correction keeps the entry in its own list.
    if (entry.section !== data.section) throw new Rejected([userError(['id'], 'NOT_FOUND', 'no such entry')]);
    checks.orReject();
    change.update('education', entry, (e) => change.em.assign(e, data as never));
    return entry;
  });
}

export const addMainEducation = (deps: ChangeDeps, cardId: string, version: number, data: MainEducationData) =>
  add(deps, cardId, version, 'mainEducationAdd', (checks) => mainColumns(checks, data));
export const correctMainEducation = (deps: ChangeDeps, id: string, version: number, data: MainEducationData) =>
  correct(deps, id, version, 'mainEducationCorrect', (checks) => mainColumns(checks, data));
export const addAdditionalEducation = (deps: ChangeDeps, cardId: string, version: number, data: AdditionalEducationData) =>
  add(deps, cardId, version, 'additionalEducationAdd', (checks) => additionalColumns(checks, data));
export const correctAdditionalEducation = (deps: ChangeDeps, id: string, version: number, data: AdditionalEducationData) =>
  correct(deps, id, version, 'additionalEducationCorrect', (checks) => additionalColumns(checks, data));

export function checkLastJob(checks: Checks, data: LastJobData): void {
  checks.text(['input', 'employerName'], data.employerName).text(['input', 'position'], data.position, false)
    .happened(['input', 'hiredOn'], data.hiredOn).happened(['input', 'dismissedOn'], data.dismissedOn)
    .order(['input', 'dismissedOn'], data.hiredOn, data.dismissedOn, 'the hire date');
}

/** The §11 embeddable, tidied. */
export function lastJobColumns(data: LastJobData) {
  return { employerName: data.employerName.trim(), hiredOn: data.hiredOn ?? null, dismissedOn: data.dismissedOn ?? null, position: data.position?.trim() ?? null };
}

/** §11 — sets, corrects or clears the last place of work. */
export function setLastJob(deps: ChangeDeps, cardId: string, version: number, data: LastJobData | null) {
  return changeCard(deps, { cardId, version, action: 'cardSetLastJob' }, async (change) => {
    const checks = change.checks();
    if (data) checkLastJob(checks, data);
    checks.orReject();
    change.updateCard('lastJob', (card) => change.em.assign(card, { lastJob: data && lastJobColumns(data) } as never));
  });
}
