import type { VisitCorrectInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, text } from '../base/inputs.ts';
import { listSection } from '../card/card-section.ts';
import { Visit } from './visit.entity.ts';
import { visitsPrinted } from './printed.ts';

/** §18 — checks a whole visit row (a planned date, which may be ahead, and the attendance if it happened) and gives it. */
export function visitRow(checks: Checks, input: VisitCorrectInput, field: readonly string[] = ['input']) {
  const { plannedOn, attendedOn, note, ...rest } = input;
  allHandled(rest);
  checks.afterBirth([...field, 'plannedOn'], plannedOn).happened([...field, 'attendedOn'], attendedOn).text([...field, 'note'], note, false);
  return { plannedOn, attendedOn: attendedOn ?? null, note: text(note) };
}

/** §18 — visits to the career center: a numbered table, planned then recorded. */
export const visits = listSection({
  name: 'visit',
  printed: visitsPrinted,
  documentKey: 'visits',
  entity: Visit,
  types: { Visit: () => true },
  order: [{ property: 'plannedOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
  paged: true,
  numbered: true,
  imported: [{
    key: 'visits', description: '§18 — visits to the career center.', input: 'VisitCorrectInput',
    row: (checks, input: VisitCorrectInput) => ({ row: visitRow(checks, input) }),
  }],
});
