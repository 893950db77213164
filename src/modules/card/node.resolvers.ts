import type { Resolvers } from '../../generated/graphql.ts';
import { Card } from './card.entity.ts';
import { CareerCenter } from '../career-center/career-center.entity.ts';
import { EducationEntry } from '../education/education.entity.ts';
import { EmploymentPlanRow } from '../employment-plan/employment-plan.entity.ts';
import { CardSignature } from '../footer/footer.entity.ts';
import { CareerGuidance } from '../guidance/guidance.entity.ts';
import { CardHistory } from '../history/history.entity.ts';
import { ActiveMeasure } from '../measures/measure.entity.ts';
import { measureTypeName } from '../measures/measure.resolvers.ts';
import { Referral } from '../referral/referral.entity.ts';
import { Registration } from '../registration/registration.entity.ts';
import { SpecialWorkplace } from '../special-workplace/special-workplace.entity.ts';
import { Visit } from '../visit/visit.entity.ts';
import type { Context } from '../../graphql/context.ts';
import { idOf, parseGlobalId } from '../../api/relay.ts';

// Relay `node(id)`: the type inside a global id picks the loader; an id whose type and row do not
// agree (e.g. a MainEducation id of an additional-education row) finds nothing.

type NodeLookup = (context: Context, id: string) => Promise<object | null>;

const whenType = (type: string): NodeLookup => async ({ loaders }, id) => {
  const measure = await loaders.measureById.load(id);
  return measure && measureTypeName(measure) === type ? measure : null;
};

const educationSection = (section: 'MAIN' | 'ADDITIONAL'): NodeLookup => async ({ loaders }, id) => {
  const entry = await loaders.educationById.load(id);
  return entry?.section === section ? entry : null;
};

const lookups: Record<string, NodeLookup> = {
  Card: ({ loaders }, id) => loaders.cardById.load(id),
  CareerCenter: ({ loaders }, id) => loaders.careerCenterById.load(id),
  MainEducation: educationSection('MAIN'),
  AdditionalEducation: educationSection('ADDITIONAL'),
  Registration: ({ loaders }, id) => loaders.registrationById.load(id),
  CareerGuidance: ({ loaders }, id) => loaders.careerGuidanceById.load(id),
  Referral: ({ loaders }, id) => loaders.referralById.load(id),
  ProfessionalTraining: whenType('ProfessionalTraining'),
  EntrepreneurshipSupport: whenType('EntrepreneurshipSupport'),
  SubsidizedJob: whenType('SubsidizedJob'),
  Relocation: whenType('Relocation'),
  SpecialWorkplace: ({ loaders }, id) => loaders.specialWorkplaceById.load(id),
  Visit: ({ loaders }, id) => loaders.visitById.load(id),
  EmploymentPlanRow: ({ loaders }, id) => loaders.employmentPlanRowById.load(id),
  CardSignature: ({ loaders }, id) => loaders.signatureById.load(id),
  CardHistoryEntry: ({ loaders }, id) => loaders.historyById.load(id),
};

function nodeTypeName(node: object): string {
  if (node instanceof EducationEntry) return node.section === 'MAIN' ? 'MainEducation' : 'AdditionalEducation';
  if (node instanceof ActiveMeasure) return measureTypeName(node);
  const types = [
    [Card, 'Card'], [CareerCenter, 'CareerCenter'], [Registration, 'Registration'], [CareerGuidance, 'CareerGuidance'],
    [Referral, 'Referral'], [SpecialWorkplace, 'SpecialWorkplace'], [Visit, 'Visit'], [EmploymentPlanRow, 'EmploymentPlanRow'],
    [CardSignature, 'CardSignature'], [CardHistory, 'CardHistoryEntry'],
  ] as const;
  const match = types.find(([type]) => node instanceof type);
  if (!match) throw new Error('object is not a Node');
  return match[1];
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: async (_, { id }, context) => {
      const dbId = idOf(id, Object.keys(lookups), 'id');
      const node = await lookups[parseGlobalId(id)!.type]!(context, dbId);
      if (!node || node instanceof CareerCenter) return node as never;
      // A card, or an entry of one: readable only with its card (issue 6).
      const cardId = node instanceof Card ? node.id : (node as { card: string }).card;
      return (await context.access.readable(await context.loaders.cardById.load(cardId))) ? node as never : null;
    },
  },
  Node: {
    __resolveType: (node) => nodeTypeName(node) as never,
  },
};
