// Client queries shared by the tests and the benchmarks.

// The full card: every section of the form, every ActiveMeasure member, every nested field.

const PERIOD = 'start end';
const EMPLOYMENT = 'employedOn employerName position';
const PLACE = 'region { code kk ru } district { code kk ru region { code } } settlement';
const HIRING = 'orderDate orderNumber position';
const OUTCOME = `__typename ... on HiringAct { ${HIRING} } ... on ReferralRefusal { refusedBy refusedOn reason }`;
const REGISTRATION = 'id kind status appliedOn registeredOn refusal { refusedOn reason note } deregistration { deregisteredOn reason note }';
const SIGNATURE = 'id role signerName signedAt cardVersion digest signature';

/** §16 — every field of every ActiveMeasure member. */
export const ACTIVE_MEASURE = `__typename
... on ProfessionalTraining {
  id referredOn trainingType providerName providerAddress providerPhone studyPeriod { ${PERIOD} }
  qualificationObtained permanentEmployment { ${EMPLOYMENT} }
}
... on EntrepreneurshipSupport {
  id referredOn
  microcredit { receivedOn amount gracePeriodMonths repaymentTermMonths activityType }
  basicsTraining { startedOn finishedOn }
  grant { appliedOn receivedOn activityType }
}
... on SubsidizedJob {
  id referredOn jobType participationPeriod { ${PERIOD} } employerName position
  employerDecision { ${OUTCOME} } permanentEmployment { ${EMPLOYMENT} }
}
... on Relocation {
  id referredOn
  familyMembersAbleToWork { fullName kinship ableToWork unableToWorkReason }
  familyMembersUnableToWork { fullName kinship ableToWork unableToWorkReason }
  destination { ${PLACE} }
  materialAssistance { relocationExpenses rentReimbursement economicMobilityCertificate total }
  housing { type areaPerFamilyMember }
  employment { ${EMPLOYMENT} }
}`;

export const FULL_CARD = `
fragment FullCard on Card {
  id version openedOn createdAt updatedAt registrationStatus
  careerCenter { id code nameKk nameRu region { code } district { code } address phone email }
  fullName { surname givenName patronymic }
  iin sex birthDate citizenship nationality
  address { ${PLACE} street house apartment }
  phone email
  identityVerification { status source verifiedAt checkedAt reason }
  consent { givenOn scope withdrawnOn active }
  education {
    main { id institutionName level studyPeriod { ${PERIOD} } specialty }
    additional { id organisationName kind studyPeriod { ${PERIOD} } specialty }
  }
  lastJob { employerName hiredOn dismissedOn position }
  jobSeekerRegistrations { ${REGISTRATION} }
  careerGuidance { id bodyName heldOn result }
  referrals(first: 100) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id employerName position referredOn outcome { ${OUTCOME} } } }
  }
  unemployedRegistrations { ${REGISTRATION} }
  activeMeasures(first: 100) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges {
      cursor
      node {
        ${ACTIVE_MEASURE}
      }
    }
  }
  specialWorkplaces { id employerName referredOn participationPeriod { ${PERIOD} } position hiringAct { ${HIRING} } }
  visits(first: 100) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id rowNumber plannedOn attendedOn note } }
  }
  expectations {
    wage { desired sufficientToStart minimum }
    workplace { ${PLACE} }
    preferredPosition lessSuitablePosition searchTime
  }
  employmentPlan { id rowNumber measure execution executedOn nonExecutionReason }
  footer {
    organisation { name address phone email }
    executor { fullName signature { ${SIGNATURE} } }
    head { fullName signature { ${SIGNATURE} } }
    filledOn
    signatures { ${SIGNATURE} }
  }
}`;

// The benchmark's query mix, each as a client sends it.

/** (a) Deep list: a page of 50 cards of one center, every section, every ActiveMeasure member. */
export const DEEP_LIST = `query DeepList($center: ID!, $first: Int = 50) { cards(first: $first, filter: { careerCenter: $center }) { edges { node { ...FullCard } } } } ${FULL_CARD}`;

/** (b) One card by IIN, every section. */
export const CARD_BY_IIN = `query CardByIin($iin: IIN!) { cardByIin(iin: $iin) { ...FullCard } } ${FULL_CARD}`;

/** (c) Mobile: 20 cards with §1, the §12 registration status and the next planned visit (§18). */
export const MOBILE = `query Mobile($center: ID!, $first: Int = 20) { cards(first: $first, filter: { careerCenter: $center }) {
  edges { node { id fullName { surname givenName patronymic } registrationStatus nextPlannedVisit { plannedOn } } }
} }`;

/** (d) Statistics: registrations in a year by region. */
export const STATISTICS = `query Statistics { statistics(period: { from: "2025-12-01", to: "2026-11-29" }, groupBy: [REGION]) {
  registrations { group { code label } kind applied registered refused deregistered }
} }`;
