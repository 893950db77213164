import type { AdditionalEducationInput, LastJobInput, MainEducationInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, period, text } from '../base/inputs.ts';
import { cardPart, listSection, partValue } from '../card/card-section.ts';
import { EducationEntry } from './education.entity.ts';
import { educationPrinted, lastJobPrinted } from './printed.ts';

// §10 education (main and additional entries share one table) and §11 the last place of work.

/** §10.1 — checks a main-education entry and gives its row. */
export function mainEducationRow(checks: Checks, input: MainEducationInput, field: readonly string[] = ['input']) {
  const { institutionName, level, studyPeriod, specialty, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'institutionName'], institutionName).text([...field, 'specialty'], specialty, false)
    .period([...field, 'studyPeriod'], studyPeriod);
  return {
    section: 'MAIN' as const, institutionName: institutionName.trim(), level, additionalKind: null, studyPeriod: period(studyPeriod), specialty: text(specialty),
  };
}

/** §10.2 — checks an additional-education entry and gives its row. */
export function additionalEducationRow(checks: Checks, input: AdditionalEducationInput, field: readonly string[] = ['input']) {
  const { organisationName, kind, studyPeriod, specialty, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'organisationName'], organisationName).text([...field, 'specialty'], specialty, false)
    .period([...field, 'studyPeriod'], studyPeriod);
  return {
    section: 'ADDITIONAL' as const, institutionName: organisationName.trim(), level: null, additionalKind: kind, studyPeriod: period(studyPeriod),
    specialty: text(specialty),
  };
}

/** §10 — education, main (§10.1) and additional (§10.2). */
export const education = listSection({
  name: 'education',
  printed: educationPrinted,
  documentKey: 'education',
  entity: EducationEntry,
  types: { MainEducation: (row) => row.section === 'MAIN', AdditionalEducation: (row) => row.section === 'ADDITIONAL' },
  // Chronological: by start of study; entries without a period last, in order of entry.
  order: [{ property: 'studyPeriod.start', cast: 'date' }, { property: 'id', cast: 'bigint' }],
  variant: 'section',
  imported: [
    { key: 'mainEducation', description: '§10.1 — main education.', input: 'MainEducationInput', row: (checks, input: MainEducationInput) => ({ row: mainEducationRow(checks, input) }) },
    {
      key: 'additionalEducation', description: '§10.2 — additional education (retraining, upskilling).', input: 'AdditionalEducationInput',
      row: (checks, input: AdditionalEducationInput) => ({ row: additionalEducationRow(checks, input) }),
    },
  ],
});

/** §11 — checks the last place of work and gives it as stored. */
export function lastJobValue(checks: Checks, input: LastJobInput, field: readonly string[] = ['input']) {
  const { employerName, hiredOn, dismissedOn, position, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'employerName'], employerName).text([...field, 'position'], position, false)
    .happened([...field, 'hiredOn'], hiredOn).happened([...field, 'dismissedOn'], dismissedOn)
    .order([...field, 'dismissedOn'], hiredOn, dismissedOn, 'the hire date');
  return { employerName: employerName.trim(), hiredOn: hiredOn ?? null, dismissedOn: dismissedOn ?? null, position: text(position) };
}

/** §11 — the last place of work. */
export const lastJob = cardPart({
  name: 'lastJob',
  printed: lastJobPrinted,
  type: 'LastJob',
  snapshot: (card) => partValue(card.lastJob),
  restore: (value) => ({ lastJob: value }),
  imported: { key: 'lastJob', input: 'LastJobInput', values: (checks, input: LastJobInput) => ({ lastJob: lastJobValue(checks, input, []) }) },
});
