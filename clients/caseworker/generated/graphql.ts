/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** §16 — the four kinds of active measures. */
export type ActiveMeasureKind =
  /** §16.2 — support of entrepreneurial initiative. */
  | 'ENTREPRENEURSHIP_SUPPORT'
  /** §16.1 — professional training. */
  | 'PROFESSIONAL_TRAINING'
  /** §16.4 — voluntary relocation for labour mobility. */
  | 'RELOCATION'
  /** §16.3 — subsidized job. */
  | 'SUBSIDIZED_JOB';

/** §7 — residence address; region and district are dictionary codes. */
export type AddressInput = {
  /** §7 — apartment number. */
  apartment?: string | null | undefined;
  /** §7 — district code, within the region. */
  district?: string | number | null | undefined;
  /** §7 — house number. */
  house?: string | null | undefined;
  /** §7 — region code (see `regions`). */
  region: string | number;
  /** §7 — settlement. */
  settlement?: string | null | undefined;
  /** §7 — street. */
  street?: string | null | undefined;
};

/** Conditions a card must meet to be listed by `cards`; all given conditions must hold. */
export type CardFilter = {
  /** §16 — the card has an active measure of this kind. */
  activeMeasureKind?: ActiveMeasureKind | null | undefined;
  /** Rule 1 — global id of the career center keeping the card. */
  careerCenter?: string | number | null | undefined;
  /** §7 — district code of the residence address (see `Region.districts`). */
  district?: string | number | null | undefined;
  /** §7 — region code of the residence address (see `regions`), e.g. `KZ-75`. */
  region?: string | number | null | undefined;
  /** §12, §15 — a registration (job seeker or unemployed) was made within this range. */
  registeredBetween?: DateRange | null | undefined;
  /** §12, §15 — current registration status. */
  registrationStatus?: RegistrationStatus | null | undefined;
};

/** Rule 1 — a job seeker's application that opens a card, or adds an episode to the existing one. */
export type CardOpenInput = {
  /** §7 — residence address. */
  address?: AddressInput | null | undefined;
  /** §12 — date of the application. */
  appliedOn: string;
  /** Rule 1 — global id of the career center receiving the application. */
  careerCenter: string | number;
  /** §5 — citizenship, ISO 3166-1 alpha-2; null for a stateless person. */
  citizenship?: string | null | undefined;
  /** §9 — e-mail. */
  email?: string | null | undefined;
  /** §1 — full name (used when a new card is opened). */
  fullName: PersonNameInput;
  /** §2 — the applicant's IIN; birth date (§4) and sex (§3) are taken from it. */
  iin: string;
  /** §6 — nationality as the person states it. */
  nationality?: string | null | undefined;
  /** §8 — phone. */
  phone?: string | null | undefined;
};

/** Footer — a signature of the current card version by the signed-in user. */
export type CardSignInput = {
  /**
   * Footer — the role signed in: EXECUTOR only by the executor who keeps the card (`footer.keptBy`),
   * HEAD only by a HEAD of the keeping center who did not sign this version as EXECUTOR.
   */
  role: SignatoryRole;
  /**
   * Footer — the detached CMS SignedData (base64 or PEM) over the UTF-8 bytes of `card.signatures.document`,
   * from the national signature client; verified before it is stored (docs/signatures.md).
   */
  signature: string;
};

/** Inclusive range of dates; either end may be left open. */
export type DateRange = {
  /** First day of the range (inclusive); open when null. */
  from?: string | null | undefined;
  /** Last day of the range (inclusive); open when null. */
  to?: string | null | undefined;
};

/** §14, §16.3, §17 — the employer's act of hiring. */
export type HiringActInput = {
  /** §14, §16.3, §17 — date of the hiring order (not before the referral, not in the future). */
  orderDate: string;
  /** §14, §16.3, §17 — number of the hiring order. */
  orderNumber: string;
  /** §14, §16.3, §17 — position hired for. */
  position: string;
};

/** A language the API gives labels in. */
export type Language =
  /** Kazakh, the state language (мемлекеттік тіл). */
  | 'KK'
  /** Russian. */
  | 'RU';

/** §1 — full name. */
export type PersonNameInput = {
  /** §1 — given name. */
  givenName: string;
  /** §1 — patronymic, if any. */
  patronymic?: string | null | undefined;
  /** §1 — surname. */
  surname: string;
};

/** §14 — a referral to suitable work. */
export type ReferralInput = {
  /** §14 — employer's name. */
  employerName: string;
  /** §14 — the outcome, if known (only when correcting a referral). */
  outcome?: ReferralOutcomeInput | null | undefined;
  /** §14 — position (profession) offered. */
  position: string;
  /** §14 — date the referral was issued (not in the future, not before birth). */
  referredOn: string;
};

/** §14, §16.3 — an outcome: exactly one of `hiring` or `refusal`. */
export type ReferralOutcomeInput = {
  /** §14, §16.3 — hired. */
  hiring?: HiringActInput | null | undefined;
  /** §14, §16.3 — refused. */
  refusal?: ReferralRefusalInput | null | undefined;
};

/** §14, §16.3 — a refusal after a referral. */
export type ReferralRefusalInput = {
  /** §14, §16.3 — refusal reason. */
  reason: string;
  /** §14, §16.3 — who refused. */
  refusedBy: RefusingParty;
  /** §14, §16.3 — refusal date (not before the referral, not in the future). */
  refusedOn: string;
};

/** §14, §16.3 — who refused: the employer, or the applicant (the applicant's own refusal counts too). */
export type RefusingParty =
  /** §14 — the applicant refused the job. */
  | 'APPLICANT'
  /** §14, §16.3 — the employer refused to hire. */
  | 'EMPLOYER';

/**
 * §12, §15 — state of one registration episode. The lifecycle: an application is `APPLIED`; the
 * center then registers it (`REGISTERED`) or refuses it (`REFUSED`, final); a registered person is
 * later deregistered (`DEREGISTERED`, final). The person may withdraw an application not yet decided
 * (`WITHDRAWN`, final).
 */
export type RegistrationEpisodeStatus =
  /** §12, §15 — applied, no decision yet. */
  | 'APPLIED'
  /** §12, §15 — deregistered (removed from the register). */
  | 'DEREGISTERED'
  /** §12, §15 — registration refused. */
  | 'REFUSED'
  /** §12, §15 — registered and not deregistered. */
  | 'REGISTERED'
  /** §12, §15 — the person withdrew the application before it was decided (final). */
  | 'WITHDRAWN';

/** §12, §15 — which register an episode belongs to. */
export type RegistrationKind =
  /** §12 — registration as a job seeker (жұмыс іздеуші адам / лицо, ищущее работу). */
  | 'JOB_SEEKER'
  /** §15 — registration as unemployed (жұмыссыз / безработный). */
  | 'UNEMPLOYED';

/** §12, §15 — the registration decision. */
export type RegistrationRegisterInput = {
  /** §12, §15 — registration date (not before the application, not in the future). */
  registeredOn: string;
};

/** §12, §15 — where a person stands now: registered as unemployed, as a job seeker only, or neither. */
export type RegistrationStatus =
  /** §12 — has an open job-seeker registration and no open unemployed registration. */
  | 'JOB_SEEKER'
  /** Neither registration is open (none yet, refused, or deregistered). */
  | 'NONE'
  /** §15 — has an open unemployed registration. */
  | 'UNEMPLOYED';

/** Footer — role of a person who signs the card. */
export type SignatoryRole =
  /** Footer — the executor (орындаушы / исполнитель): the employee who filled the card. */
  | 'EXECUTOR'
  /** Footer — the head or a person authorised to sign (басшы / руководитель). */
  | 'HEAD';

/** Kinds of rejected mutations. */
export type UserErrorCode =
  /** A date before the person's birth date. */
  | 'BEFORE_BIRTH'
  /** Footer — the signer's certificate is not one for signing: its key usage lacks non-repudiation (e.g. an authentication certificate). */
  | 'CERTIFICATE_NOT_FOR_SIGNING'
  /** Footer — the signer's certificate is not valid at the moment of signing (expired or not yet valid). */
  | 'CERTIFICATE_NOT_VALID'
  /** Footer — the signer's certificate does not chain to a trusted CA certificate (`SIGNATURE_TRUST_DIR`). */
  | 'CERTIFICATE_UNTRUSTED'
  /** Dates are out of order: an end before its start, a decision before the application, a dismissal before the hire. */
  | 'DATE_ORDER'
  /** The caller's role or career center may not make this change (e.g. a card kept by another center). */
  | 'FORBIDDEN'
  /** §12, §15 — the lifecycle does not allow this step from the episode's current state. */
  | 'INVALID_TRANSITION'
  /** A value is not allowed here (e.g. empty text, the wrong kind of entry). */
  | 'INVALID_VALUE'
  /** A date in the future for a fact that must already have happened. */
  | 'IN_FUTURE'
  /** Footer — only the executor who keeps the card signs as EXECUTOR (`cardTakeOver` first). */
  | 'NOT_EXECUTOR'
  /** The card or entry does not exist. */
  | 'NOT_FOUND'
  /** §16.4 — an area must be greater than zero. */
  | 'NOT_POSITIVE'
  /** §14, §16.3, §17 — the outcome is already recorded; correct the entry instead. */
  | 'OUTCOME_ALREADY_RECORDED'
  /** §14, §16, §17 — the outcome conflict is already marked reviewed. */
  | 'OUTCOME_CONFLICT_ALREADY_REVIEWED'
  /** A number outside the range its field allows (e.g. more months than a loan runs). */
  | 'OUT_OF_RANGE'
  /** §12, §15 — a registration of this kind is already open (applied or registered). */
  | 'REGISTRATION_ALREADY_OPEN'
  /** §14, §16 — the person has no open registration of the kind the entry needs on its date (README: who may receive what). */
  | 'REGISTRATION_REQUIRED'
  /** A required value is missing. */
  | 'REQUIRED'
  /** Footer — the head's signature must come from another person than the executor's of the same version. */
  | 'SAME_SIGNER'
  /** Footer — the signature's algorithm (e.g. GOST 34.310) is not verified here and no external verifier is configured. */
  | 'SIGNATURE_ALGORITHM_UNSUPPORTED'
  /** Footer — the signature's messageDigest is not the digest of this card version's document. */
  | 'SIGNATURE_DIGEST_MISMATCH'
  /** Footer — the signature does not verify with its certificate's key (or the external verifier refused it). */
  | 'SIGNATURE_INVALID'
  /** Footer — the signature is not a detached CMS SignedData with one signer and their certificate (or not base64). */
  | 'SIGNATURE_MALFORMED'
  /** Footer — the external signature verifier did not answer; try again later. */
  | 'SIGNATURE_VERIFIER_UNAVAILABLE'
  /** Footer — the signed-in user's token names no IIN (claim `iin`), so no certificate can be matched to them. */
  | 'SIGNER_IIN_UNKNOWN'
  /** Footer — the certificate's subject names another IIN than the signed-in user's. */
  | 'SIGNER_MISMATCH'
  /** Footer — signing is not configured on this server (no `SIGNATURE_TRUST_DIR`). */
  | 'SIGNING_NOT_CONFIGURED'
  /** The card changed since the version the mutation was based on; reload and retry. */
  | 'STALE_CARD'
  /** Rules 2 and 5 — an import record passed the checks but the database refused it; nothing of it was stored. */
  | 'STORAGE_FAILED'
  /** A planned date further ahead than plans are made (`PLAN_HORIZON_YEARS`). */
  | 'TOO_FAR_AHEAD'
  /** Text longer than its column holds. */
  | 'TOO_LONG'
  /** A dictionary code (region, district, career center) is unknown. */
  | 'UNKNOWN_CODE'
  /** The entry was voided and can no longer change. */
  | 'VOIDED'
  /** §19 — the minimum acceptable wage is above the desired wage. */
  | 'WAGE_ORDER';

/** §18 — a planned visit. */
export type VisitPlanInput = {
  /** §18 — planned date (may be in the future, not before birth). */
  plannedOn: string;
};

/** §18 — what happened at a visit. */
export type VisitRecordInput = {
  /** §18 — actual date of the visit (not in the future). */
  attendedOn: string;
  /** §18 — the center employee's note. */
  note?: string | null | undefined;
};

export type CardQueryVariables = Exact<{
  id: string | number;
}>;


export type CardQuery = { card: { id: string, version: number, iin: string, phone: string | null, registrationStatus: RegistrationStatus, fullName: { surname: string, givenName: string, patronymic: string | null }, jobSeekerRegistrations: Array<{ id: string, kind: RegistrationKind, status: RegistrationEpisodeStatus, appliedOn: string, registeredOn: string | null }>, unemployedRegistrations: Array<{ id: string, kind: RegistrationKind, status: RegistrationEpisodeStatus, appliedOn: string, registeredOn: string | null }>, referrals: { totalCount: number, edges: Array<{ node: { id: string, employerName: string, position: string, referredOn: string } }> }, visits: { edges: Array<{ node: { id: string, rowNumber: number | null, plannedOn: string, attendedOn: string | null, note: string | null } }> }, footer: { keptBy: { userId: string | null, fullName: string | null } | null }, signatures: { currentVersion: number, document: string, digest: string, covered: boolean, executor: { signerName: string, cardVersion: number, signedAt: string } | null, head: { signerName: string, cardVersion: number, signedAt: string } | null } } | null };

export type FindPersonQueryVariables = Exact<{
  iin: string;
}>;


export type FindPersonQuery = { cardByIin: { id: string, version: number, iin: string, birthDate: string, registrationStatus: RegistrationStatus, fullName: { surname: string, givenName: string, patronymic: string | null }, careerCenter: { id: string, code: string, nameKk: string, nameRu: string } } | null };

export type OpenCardMutationVariables = Exact<{
  input: CardOpenInput;
}>;


export type OpenCardMutation = { cardOpen: { existingCard: boolean, card: { id: string, version: number, registrationStatus: RegistrationStatus, footer: { keptBy: { userId: string | null, fullName: string | null } | null } } | null, registration: { id: string, kind: RegistrationKind, status: RegistrationEpisodeStatus, appliedOn: string } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type PlanVisitMutationVariables = Exact<{
  cardId: string | number;
  version: number;
  input: VisitPlanInput;
}>;


export type PlanVisitMutation = { visitPlan: { card: { id: string, version: number } | null, visit: { id: string, rowNumber: number | null, plannedOn: string, attendedOn: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type PrintoutQueryVariables = Exact<{
  id: string | number;
  language?: Language | null | undefined;
}>;


export type PrintoutQuery = { card: { id: string, printout: { url: string, expiresAt: string } } | null };

export type QueueQueryVariables = Exact<{
  status?: RegistrationEpisodeStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type QueueQuery = { applications: { edges: Array<{ cursor: string, node: { id: string, kind: RegistrationKind, status: RegistrationEpisodeStatus, appliedOn: string }, card: { id: string, version: number, iin: string, phone: string | null, fullName: { surname: string, givenName: string, patronymic: string | null } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RecordVisitMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: VisitRecordInput;
}>;


export type RecordVisitMutation = { visitRecord: { card: { id: string, version: number } | null, visit: { id: string, rowNumber: number | null, plannedOn: string, attendedOn: string | null, note: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type ReferMutationVariables = Exact<{
  cardId: string | number;
  version: number;
  input: ReferralInput;
}>;


export type ReferMutation = { referralCreate: { card: { id: string, version: number } | null, referral: { id: string, employerName: string, position: string, referredOn: string } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type RegisterMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: RegistrationRegisterInput;
}>;


export type RegisterMutation = { registrationRegister: { card: { id: string, version: number, registrationStatus: RegistrationStatus } | null, registration: { id: string, kind: RegistrationKind, status: RegistrationEpisodeStatus, registeredOn: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type SearchCardsQueryVariables = Exact<{
  filter?: CardFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchCardsQuery = { cards: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, iin: string, registrationStatus: RegistrationStatus, fullName: { surname: string, givenName: string, patronymic: string | null } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SignMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: CardSignInput;
}>;


export type SignMutation = { cardSign: { card: { id: string, version: number, signatures: { covered: boolean } } | null, signature: { id: string, role: SignatoryRole, signerName: string, cardVersion: number, digest: string, signedAt: string, coversCurrentVersion: boolean } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };


export const CardDocument = {"__meta__":{"hash":"sha256:e1360f8724b6b54a5513bcda0162f657055144a87f1a453ae5d7adaef8a1df03"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Card"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"iin"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"patronymic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"registrationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"jobSeekerRegistrations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedOn"}},{"kind":"Field","name":{"kind":"Name","value":"registeredOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unemployedRegistrations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedOn"}},{"kind":"Field","name":{"kind":"Name","value":"registeredOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"referrals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"employerName"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"referredOn"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rowNumber"}},{"kind":"Field","name":{"kind":"Name","value":"plannedOn"}},{"kind":"Field","name":{"kind":"Name","value":"attendedOn"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"footer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keptBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"signatures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currentVersion"}},{"kind":"Field","name":{"kind":"Name","value":"document"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"covered"}},{"kind":"Field","name":{"kind":"Name","value":"executor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signerName"}},{"kind":"Field","name":{"kind":"Name","value":"cardVersion"}},{"kind":"Field","name":{"kind":"Name","value":"signedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"head"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signerName"}},{"kind":"Field","name":{"kind":"Name","value":"cardVersion"}},{"kind":"Field","name":{"kind":"Name","value":"signedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CardQuery, CardQueryVariables>;
export const FindPersonDocument = {"__meta__":{"hash":"sha256:35f5156c05580edfc651bdecd1196dbc21c7497581eb7ce01bb52013b936807c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindPerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iin"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IIN"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardByIin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iin"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iin"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"iin"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"patronymic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"registrationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"careerCenter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameKk"}},{"kind":"Field","name":{"kind":"Name","value":"nameRu"}}]}}]}}]}}]} as unknown as DocumentNode<FindPersonQuery, FindPersonQueryVariables>;
export const OpenCardDocument = {"__meta__":{"hash":"sha256:79ba12b7a507e11db0f098de3c4befa084c8af2194c4e0a79cb3489cbc4bc49c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardOpenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardOpen"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"registrationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"footer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keptBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"registration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"existingCard"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<OpenCardMutation, OpenCardMutationVariables>;
export const PlanVisitDocument = {"__meta__":{"hash":"sha256:6178c410fc27cd5416621a4af83e2d3c2d530f22dd9417dde1c7b433100b5786"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlanVisit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VisitPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visitPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"visit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rowNumber"}},{"kind":"Field","name":{"kind":"Name","value":"plannedOn"}},{"kind":"Field","name":{"kind":"Name","value":"attendedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PlanVisitMutation, PlanVisitMutationVariables>;
export const PrintoutDocument = {"__meta__":{"hash":"sha256:14d4454bdfafc41146d9c3192f1243acac6e02b444daeef2dad3a34b2363c907"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Printout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"language"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Language"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"printout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"language"},"value":{"kind":"Variable","name":{"kind":"Name","value":"language"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<PrintoutQuery, PrintoutQueryVariables>;
export const QueueDocument = {"__meta__":{"hash":"sha256:80bbb89e72374bb740cf3f45f7d4dd3bbde37377b7976474e57741a05067e21d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Queue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistrationEpisodeStatus"}},"defaultValue":{"kind":"EnumValue","value":"APPLIED"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"patronymic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"iin"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<QueueQuery, QueueQueryVariables>;
export const RecordVisitDocument = {"__meta__":{"hash":"sha256:06f726a57c3b7a6d34c29c26ef6a56b02cb88632e8fd22e7ae3381aab2d2e9c2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordVisit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VisitRecordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visitRecord"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"visit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rowNumber"}},{"kind":"Field","name":{"kind":"Name","value":"plannedOn"}},{"kind":"Field","name":{"kind":"Name","value":"attendedOn"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordVisitMutation, RecordVisitMutationVariables>;
export const ReferDocument = {"__meta__":{"hash":"sha256:1ddb4b0e4008532944863bcd82c918a7bbf9b946d9dc9f4c75de5ab0b0c4e0c1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Refer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReferralInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referralCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cardId"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"referral"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"employerName"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"referredOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ReferMutation, ReferMutationVariables>;
export const RegisterDocument = {"__meta__":{"hash":"sha256:b15a5212d3e2fc30e8ad737ff0b0b069f51af6c5ce9c4784dcedac64809d1591"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegistrationRegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registrationRegister"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"registrationStatus"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"registeredOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const SearchCardsDocument = {"__meta__":{"hash":"sha256:4735732aa55a6ffaf50e5951593c226d93a597f9af0a0146467983d402c33e67"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchCards"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CardFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cards"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"iin"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"patronymic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registrationStatus"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SearchCardsQuery, SearchCardsQueryVariables>;
export const SignDocument = {"__meta__":{"hash":"sha256:9a62e3bcd9832880739d7f5192ebd54287f1434951269285490a3394003acc22"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Sign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardSignInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardSign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"signatures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"covered"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"signature"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"signerName"}},{"kind":"Field","name":{"kind":"Name","value":"cardVersion"}},{"kind":"Field","name":{"kind":"Name","value":"digest"}},{"kind":"Field","name":{"kind":"Name","value":"signedAt"}},{"kind":"Field","name":{"kind":"Name","value":"coversCurrentVersion"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SignMutation, SignMutationVariables>;