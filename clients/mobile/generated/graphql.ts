/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/**
 * Rule 1, §12, §15 — a person's own application from the citizen app. The IIN is the signed-in
 * person's (the token's subject); the application date is today.
 */
export type CardApplyInput = {
  /** §7 — residence address; replaces the card's when given. */
  address?: AddressInput | null | undefined;
  /** Rule 1 — global id of the career center the person chooses (see `careerCenters`). */
  careerCenter: string | number;
  /** §9 — e-mail; replaces the card's when given. */
  email?: string | null | undefined;
  /** §1 — full name; required when the person has no card yet (it opens one), ignored otherwise. */
  fullName?: PersonNameInput | null | undefined;
  /** §12 or §15 — which register the person applies to. */
  kind: RegistrationKind;
  /** §8 — phone; replaces the card's when given. */
  phone?: string | null | undefined;
};

/** §12, §15 — reason for deregistration (есептен шығару себебі). */
export type DeregistrationReason =
  /** Death of the person. */
  | 'DEATH'
  /** Employed. */
  | 'EMPLOYED'
  /** Started entrepreneurial activity. */
  | 'ENTREPRENEURSHIP'
  /** Did not appear at the center without a valid reason. */
  | 'FAILED_TO_APPEAR'
  /** Submitted false information. */
  | 'FALSE_INFORMATION'
  /** Enrolled in full-time study. */
  | 'FULL_TIME_STUDY'
  /** Sentenced to imprisonment. */
  | 'IMPRISONMENT'
  /** Called up for military service. */
  | 'MILITARY_SERVICE'
  /** Moved to another place of residence. */
  | 'MOVED_AWAY'
  /** Another reason, stated in the note. */
  | 'OTHER'
  /** At the person's own request. */
  | 'OWN_REQUEST'
  /** Refused two offers of suitable work. */
  | 'REFUSED_SUITABLE_WORK'
  /** Reached retirement age. */
  | 'RETIREMENT';

/** §1 — full name. */
export type PersonNameInput = {
  /** §1 — given name. */
  givenName: string;
  /** §1 — patronymic, if any. */
  patronymic?: string | null | undefined;
  /** §1 — surname. */
  surname: string;
};

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

/** §12, §15 — reason for refusing registration (тіркеуден бас тарту себебі). */
export type RegistrationRefusalReason =
  /** The person is employed (has work or income-generating activity). */
  | 'EMPLOYED'
  /** The data submitted proved false or unreliable. */
  | 'FALSE_INFORMATION'
  /** The person studies full-time. */
  | 'FULL_TIME_STUDENT'
  /** The documents submitted are incomplete. */
  | 'INCOMPLETE_DOCUMENTS'
  /** Another reason, stated in the note. */
  | 'OTHER'
  /** The person has reached retirement age. */
  | 'RETIREMENT_AGE'
  /** The person is under 16. */
  | 'UNDER_AGE';

/** §12, §15 — where a person stands now: registered as unemployed, as a job seeker only, or neither. */
export type RegistrationStatus =
  /** §12 — has an open job-seeker registration and no open unemployed registration. */
  | 'JOB_SEEKER'
  /** Neither registration is open (none yet, refused, or deregistered). */
  | 'NONE'
  /** §15 — has an open unemployed registration. */
  | 'UNEMPLOYED';

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

export type ApplyMutationVariables = Exact<{
  input: CardApplyInput;
}>;


export type ApplyMutation = { cardApply: { registrationStatus: RegistrationStatus | null, application: { id: string, kind: RegistrationKind, status: RegistrationEpisodeStatus, appliedOn: string } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };

export type CareerCentersQueryVariables = Exact<{ [key: string]: never; }>;


export type CareerCentersQuery = { careerCenters: Array<{ id: string, code: string, nameKk: string, nameRu: string, address: string | null, phone: string | null, district: { code: string } | null, region: { code: string } }> };

export type MyApplicationsQueryVariables = Exact<{
  iin: string;
}>;


export type MyApplicationsQuery = { cardByIin: { id: string, version: number, registrationStatus: RegistrationStatus, careerCenter: { id: string, nameKk: string, nameRu: string }, jobSeekerRegistrations: Array<{ id: string, kind: RegistrationKind, status: RegistrationEpisodeStatus, appliedOn: string, registeredOn: string | null, withdrawnOn: string | null, refusal: { refusedOn: string, reason: RegistrationRefusalReason, note: string | null } | null, deregistration: { deregisteredOn: string, reason: DeregistrationReason } | null }>, unemployedRegistrations: Array<{ id: string, kind: RegistrationKind, status: RegistrationEpisodeStatus, appliedOn: string, registeredOn: string | null, withdrawnOn: string | null, refusal: { refusedOn: string, reason: RegistrationRefusalReason, note: string | null } | null, deregistration: { deregisteredOn: string, reason: DeregistrationReason } | null }> } | null };

export type MyCardQueryVariables = Exact<{
  iin: string;
}>;


export type MyCardQuery = { cardByIin: { id: string, version: number, registrationStatus: RegistrationStatus, fullName: { surname: string, givenName: string, patronymic: string | null }, visits: { edges: Array<{ node: { plannedOn: string, attendedOn: string | null } }> } } | null };

export type MyReferralsQueryVariables = Exact<{
  iin: string;
  after?: string | null | undefined;
}>;


export type MyReferralsQuery = { cardByIin: { id: string, referrals: { edges: Array<{ cursor: string, node: { employerName: string, position: string, referredOn: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type MyVisitsQueryVariables = Exact<{
  iin: string;
  after?: string | null | undefined;
}>;


export type MyVisitsQuery = { cardByIin: { id: string, visits: { edges: Array<{ cursor: string, node: { id: string, rowNumber: number | null, plannedOn: string, attendedOn: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type WithdrawMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type WithdrawMutation = { registrationWithdraw: { registration: { id: string, status: RegistrationEpisodeStatus, withdrawnOn: string | null } | null, userErrors: Array<{ field: Array<string> | null, code: UserErrorCode, message: string }> } };


export const ApplyDocument = {"__meta__":{"hash":"sha256:cbf202de1dd0da8c7c4574ed531644344124913e4f7763d63e33944cedfd4d17"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Apply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CardApplyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardApply"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"application"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registrationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyMutation, ApplyMutationVariables>;
export const CareerCentersDocument = {"__meta__":{"hash":"sha256:83cf34c1025060c60cb6b223cc517f638c82ed78310e31dc61d3be3c092d09f8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CareerCenters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careerCenters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameKk"}},{"kind":"Field","name":{"kind":"Name","value":"nameRu"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CareerCentersQuery, CareerCentersQueryVariables>;
export const MyApplicationsDocument = {"__meta__":{"hash":"sha256:498bf1a7bfec95c455a6475eded1ef7e61424b07da99b203e7ecf6fc3777c198"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyApplications"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iin"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IIN"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardByIin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iin"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iin"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"careerCenter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nameKk"}},{"kind":"Field","name":{"kind":"Name","value":"nameRu"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registrationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"jobSeekerRegistrations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedOn"}},{"kind":"Field","name":{"kind":"Name","value":"registeredOn"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawnOn"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refusedOn"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deregistration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deregisteredOn"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unemployedRegistrations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"appliedOn"}},{"kind":"Field","name":{"kind":"Name","value":"registeredOn"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawnOn"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refusedOn"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deregistration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deregisteredOn"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyApplicationsQuery, MyApplicationsQueryVariables>;
export const MyCardDocument = {"__meta__":{"hash":"sha256:e0e23a0a21b6a9ace4ecaab6037217a13f07fe4501f26fc504409162a3331064"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iin"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IIN"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardByIin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iin"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iin"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"surname"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"patronymic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registrationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plannedOn"}},{"kind":"Field","name":{"kind":"Name","value":"attendedOn"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyCardQuery, MyCardQueryVariables>;
export const MyReferralsDocument = {"__meta__":{"hash":"sha256:b99e6dd44c23310d20278c3d6b3040049f81c9004e5a705dc4d157398e2aefcd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyReferrals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iin"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IIN"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardByIin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iin"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iin"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"referrals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employerName"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"referredOn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyReferralsQuery, MyReferralsQueryVariables>;
export const MyVisitsDocument = {"__meta__":{"hash":"sha256:4903f387ab08e541da6ac8ca3b36ea90d723746806b1f153bf94d620f3b080fc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyVisits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"iin"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IIN"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardByIin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"iin"},"value":{"kind":"Variable","name":{"kind":"Name","value":"iin"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rowNumber"}},{"kind":"Field","name":{"kind":"Name","value":"plannedOn"}},{"kind":"Field","name":{"kind":"Name","value":"attendedOn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyVisitsQuery, MyVisitsQueryVariables>;
export const WithdrawDocument = {"__meta__":{"hash":"sha256:b9e1a98cb0748f2e27e7ed4163b2ed93d6ad973edd1c54930353180935150b55"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Withdraw"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registrationWithdraw"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawnOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawMutation, WithdrawMutationVariables>;