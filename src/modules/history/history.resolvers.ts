import type { Resolvers } from '../../generated/graphql.ts';
import { sectionsOf } from '../../graphql/context.ts';
import { toGlobalId } from '../../api/relay.ts';
import { sectionConnection, TIMED_KEY } from '../../api/connection.ts';
import { maskJson } from '../access/masking.ts';
import type { CardHistory } from './history.entity.ts';

const MEASURE_TYPES: Record<string, string> = {
  PROFESSIONAL_TRAINING: 'ProfessionalTraining', ENTREPRENEURSHIP_SUPPORT: 'EntrepreneurshipSupport',
  SUBSIDIZED_JOB: 'SubsidizedJob', RELOCATION: 'Relocation',
};
const ENTRY_TYPES: Record<string, string> = {
  registration: 'Registration', careerGuidance: 'CareerGuidance', referral: 'Referral', specialWorkplace: 'SpecialWorkplace',
  visit: 'Visit', employmentPlanRow: 'EmploymentPlanRow', signature: 'CardSignature',
};

/** The API type of the entry a history record is about (family members are not nodes). */
function entryType(record: CardHistory): string | null {
  const value = (record.newValue ?? record.oldValue ?? {}) as { section?: string; kind?: string };
  if (record.part === 'education') return value.section === 'MAIN' ? 'MainEducation' : 'AdditionalEducation';
  if (record.part === 'activeMeasure') return MEASURE_TYPES[value.kind ?? ''] ?? null;
  return ENTRY_TYPES[record.part] ?? null;
}

export const historyResolvers: Resolvers = {
  Card: {
    history: (card, args, context) => sectionConnection(
      (request) => sectionsOf(context, card).history(request), card.id, args,
      (record) => [new Date(record.at).toISOString(), record.id], TIMED_KEY,
    ),
  },
  CardHistoryEntry: {
    id: (record) => toGlobalId('CardHistoryEntry', record.id),
    entryId: (record) => {
      const type = record.entryId ? entryType(record) : null;
      return type ? toGlobalId(type, record.entryId!) : null;
    },
    oldValue: (record, _, { access }) => (access.masked ? maskJson(record.oldValue ?? null) as typeof record.oldValue : record.oldValue) ?? null,
    newValue: (record, _, { access }) => (access.masked ? maskJson(record.newValue ?? null) as typeof record.newValue : record.newValue) ?? null,
  },
};
