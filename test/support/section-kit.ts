import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { apiFixture } from './fixture.ts';
import { accepted, MALFORMED, PAYLOAD_ERRORS, rejects, UNKNOWN } from './keeping.ts';

// The mutations that keep §10–11, §13–14, §17–20 and the footer, as the tests of those modules send
// them, with the helpers they share: each happy path bumps the version by one and reads back exactly
// what was given; each invariant rejects the change and leaves the whole card as it was.

// ---------------------------------------------------------------------------------------------
// Client documents

export const MAIN = 'id institutionName level studyPeriod { start end } specialty';
export const ADDITIONAL = 'id organisationName kind studyPeriod { start end } specialty';
export const LAST_JOB = 'employerName hiredOn dismissedOn position';
export const GUIDANCE = 'id bodyName heldOn result';
export const REFERRAL = 'id employerName position referredOn outcome { __typename ... on HiringAct { orderDate orderNumber position } ... on ReferralRefusal { refusedBy refusedOn reason } }';
export const SPECIAL = 'id employerName referredOn participationPeriod { start end } position hiringAct { orderDate orderNumber position }';
export const VISIT = 'id rowNumber plannedOn attendedOn note';
export const EXPECTATIONS = 'wage { desired sufficientToStart minimum } workplace { region { code } district { code } settlement } preferredPosition lessSuitablePosition searchTime searchMonths';
export const PLAN_ROW = 'id rowNumber measure execution executedOn nonExecutionReason';
export const FOOTER = 'organisation { name address phone email } executor { fullName } head { fullName } filledOn';

function mutation(name: string, args: Record<string, string>, selection: string): string {
  const declared = Object.entries(args).map(([arg, type]) => `$${arg}: ${type}`).join(', ');
  const passed = Object.keys(args).map((arg) => `${arg}: $${arg}`).join(', ');
  return `mutation(${declared}) { ${name}(${passed}) { ${selection} ${PAYLOAD_ERRORS} } }`;
}
const onCard = (input: string) => ({ cardId: 'ID!', version: 'Int!', input });
const onEntry = (input: string) => ({ id: 'ID!', version: 'Int!', input });

export const DOCS = {
  mainEducationAdd: mutation('mainEducationAdd', onCard('MainEducationInput!'), `card { id version education { main { ${MAIN} } } } entry { ${MAIN} }`),
  mainEducationCorrect: mutation('mainEducationCorrect', onEntry('MainEducationInput!'), `card { id version education { main { ${MAIN} } } } entry { ${MAIN} }`),
  additionalEducationAdd: mutation('additionalEducationAdd', onCard('AdditionalEducationInput!'), `card { id version education { additional { ${ADDITIONAL} } } } entry { ${ADDITIONAL} }`),
  additionalEducationCorrect: mutation('additionalEducationCorrect', onEntry('AdditionalEducationInput!'), `card { id version education { additional { ${ADDITIONAL} } } } entry { ${ADDITIONAL} }`),
  cardSetLastJob: mutation('cardSetLastJob', onEntry('LastJobInput'), `card { id version lastJob { ${LAST_JOB} } }`),
  careerGuidanceAdd: mutation('careerGuidanceAdd', onCard('CareerGuidanceInput!'), `card { id version careerGuidance { ${GUIDANCE} } } careerGuidance { ${GUIDANCE} }`),
  careerGuidanceCorrect: mutation('careerGuidanceCorrect', onEntry('CareerGuidanceInput!'), `card { id version careerGuidance { ${GUIDANCE} } } careerGuidance { ${GUIDANCE} }`),
  referralCreate: mutation('referralCreate', onCard('ReferralInput!'), `card { id version referrals(first: 100) { totalCount } } referral { ${REFERRAL} }`),
  referralRecordHiring: mutation('referralRecordHiring', onEntry('HiringActInput!'), `card { id version } referral { ${REFERRAL} }`),
  referralRecordRefusal: mutation('referralRecordRefusal', onEntry('ReferralRefusalInput!'), `card { id version } referral { ${REFERRAL} }`),
  referralCorrect: mutation('referralCorrect', onEntry('ReferralInput!'), `card { id version } referral { ${REFERRAL} }`),
  specialWorkplaceCreate: mutation('specialWorkplaceCreate', onCard('SpecialWorkplaceInput!'), `card { id version specialWorkplaces { ${SPECIAL} } } specialWorkplace { ${SPECIAL} }`),
  specialWorkplaceRecordHiring: mutation('specialWorkplaceRecordHiring', onEntry('HiringActInput!'), `card { id version } specialWorkplace { ${SPECIAL} }`),
  specialWorkplaceCorrect: mutation('specialWorkplaceCorrect', onEntry('SpecialWorkplaceInput!'), `card { id version } specialWorkplace { ${SPECIAL} }`),
  visitPlan: mutation('visitPlan', onCard('VisitPlanInput!'), `card { id version visits(first: 100) { totalCount } } visit { ${VISIT} }`),
  visitRecord: mutation('visitRecord', onEntry('VisitRecordInput!'), `card { id version } visit { ${VISIT} }`),
  visitCorrect: mutation('visitCorrect', onEntry('VisitCorrectInput!'), `card { id version } visit { ${VISIT} }`),
  cardSetExpectations: mutation('cardSetExpectations', onEntry('ExpectationsInput'), `card { id version expectations { ${EXPECTATIONS} } }`),
  employmentPlanRowAdd: mutation('employmentPlanRowAdd', onCard('EmploymentPlanRowInput!'), `card { id version employmentPlan { ${PLAN_ROW} } } row { ${PLAN_ROW} }`),
  employmentPlanRowRecordExecution: mutation('employmentPlanRowRecordExecution', onEntry('EmploymentPlanExecutionInput!'), `card { id version } row { ${PLAN_ROW} }`),
  employmentPlanRowRecordNonExecution: mutation('employmentPlanRowRecordNonExecution', onEntry('EmploymentPlanNonExecutionInput!'), `card { id version } row { ${PLAN_ROW} }`),
  employmentPlanRowCorrect: mutation('employmentPlanRowCorrect', onEntry('EmploymentPlanRowCorrectInput!'), `card { id version } row { ${PLAN_ROW} }`),
  cardUpdateFooter: mutation('cardUpdateFooter', onEntry('FooterInput!'), `card { id version footer { ${FOOTER} } }`),
  cardEntryVoid: mutation('cardEntryVoid', { id: 'ID!', version: 'Int!', reason: 'LongText!' }, 'card { id version }'),
};
export type Name = keyof typeof DOCS;


export const dbId = (globalId: string) => parseGlobalId(globalId)!.id;

/** The shared fixture, and the helpers of the section mutations bound to it. */
export function sectionKit() {
  const fixture = apiFixture();
  const call = (name: Name, variables: Record<string, unknown>) => fixture.api.execute(DOCS[name], variables);
  /** Runs a mutation that must succeed and returns its payload. */
  const apply = async (name: Name, variables: Record<string, unknown>) => accepted<any>(await call(name, variables), name);

  /** Another change of the card, so that the version a caller read is stale. */
  async function bump(cardId: string): Promise<void> {
    const version = await fixture.versionOf(cardId);
    await apply('cardUpdateFooter', { id: cardId, version, input: { organisation: { name: `Организация ${version}` } } });
  }

  /**
   * The id checks of an entry mutation: a global id of another type or a malformed one is
   * BAD_USER_INPUT; a well-formed id of the right type that names nothing is NOT_FOUND.
   */
  async function entryIdChecks(cardId: string, name: Name, variables: (id: string) => Record<string, unknown>, type: string, otherTypeId: string) {
    await fixture.refusedInput(cardId, () => call(name, variables(otherTypeId)), 'id');
    await fixture.refusedInput(cardId, () => call(name, variables(MALFORMED)), 'id');
    await rejects(fixture.api, cardId, () => call(name, variables(toGlobalId(type, UNKNOWN))), name, 'NOT_FOUND', ['id']);
  }

  /** A stale version: the card changed after the caller read `version`. */
  async function staleCheck(cardId: string, name: Name, variables: (version: number) => Record<string, unknown>) {
    const read = await fixture.versionOf(cardId);
    await bump(cardId);
    await rejects(fixture.api, cardId, () => call(name, variables(read)), name, 'STALE_CARD', ['version']);
  }

  return Object.assign(fixture, { call, apply, bump, entryIdChecks, staleCheck });
}
