import type { SpecialWorkplaceInput } from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { allHandled, period } from '../base/inputs.ts';
import { listSection } from '../card/card-section.ts';
import { hiringActValue } from '../referral/section.ts';
import { SpecialWorkplace } from './special-workplace.entity.ts';
import { specialWorkplacesPrinted } from './printed.ts';

/** §17 — checks a special workplace and gives its row. */
export function specialWorkplaceRow(checks: Checks, input: SpecialWorkplaceInput, field: readonly string[] = ['input']) {
  const { employerName, referredOn, participationPeriod, position, hiringAct, ...rest } = input;
  allHandled(rest);
  checks.text([...field, 'employerName'], employerName).text([...field, 'position'], position)
    .happened([...field, 'referredOn'], referredOn)
    .plannedPeriod([...field, 'participationPeriod'], participationPeriod, { date: referredOn, what: 'the referral' });
  return {
    employerName: employerName.trim(), referredOn, position: position.trim(), participationPeriod: period(participationPeriod),
    hiringAct: hiringAct ? hiringActValue(checks, [...field, 'hiringAct'], hiringAct, referredOn) : null,
  };
}

/** §17 — special workplaces equipped for persons with disability. */
export const specialWorkplaces = listSection({
  name: 'specialWorkplace',
  printed: specialWorkplacesPrinted,
  documentKey: 'specialWorkplaces',
  entity: SpecialWorkplace,
  types: { SpecialWorkplace: () => true },
  order: [{ property: 'referredOn', cast: 'date' }, { property: 'id', cast: 'bigint' }],
  imported: [{
    key: 'specialWorkplaces', description: '§17 — special workplaces.', input: 'SpecialWorkplaceInput',
    row: (checks, input: SpecialWorkplaceInput) => ({ row: specialWorkplaceRow(checks, input) }),
  }],
});
