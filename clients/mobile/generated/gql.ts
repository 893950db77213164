/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation Apply($input: CardApplyInput!) {\n  cardApply(input: $input) {\n    application {\n      id\n      kind\n      status\n      appliedOn\n    }\n    registrationStatus\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": typeof types.ApplyDocument,
    "query CareerCenters {\n  careerCenters {\n    id\n    code\n    nameKk\n    nameRu\n    address\n    phone\n    district {\n      code\n    }\n    region {\n      code\n    }\n  }\n}": typeof types.CareerCentersDocument,
    "query MyApplications($iin: IIN!) {\n  cardByIin(iin: $iin) {\n    id\n    version\n    careerCenter {\n      id\n      nameKk\n      nameRu\n    }\n    registrationStatus\n    jobSeekerRegistrations {\n      id\n      kind\n      status\n      appliedOn\n      registeredOn\n      withdrawnOn\n      refusal {\n        refusedOn\n        reason\n        note\n      }\n      deregistration {\n        deregisteredOn\n        reason\n      }\n    }\n    unemployedRegistrations {\n      id\n      kind\n      status\n      appliedOn\n      registeredOn\n      withdrawnOn\n      refusal {\n        refusedOn\n        reason\n        note\n      }\n      deregistration {\n        deregisteredOn\n        reason\n      }\n    }\n  }\n}": typeof types.MyApplicationsDocument,
    "query MyCard($iin: IIN!) {\n  cardByIin(iin: $iin) {\n    id\n    version\n    fullName {\n      surname\n      givenName\n      patronymic\n    }\n    registrationStatus\n    visits(first: 5) {\n      edges {\n        node {\n          plannedOn\n          attendedOn\n        }\n      }\n    }\n  }\n}": typeof types.MyCardDocument,
    "query MyReferrals($iin: IIN!, $after: String) {\n  cardByIin(iin: $iin) {\n    id\n    referrals(first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          employerName\n          position\n          referredOn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.MyReferralsDocument,
    "query MyVisits($iin: IIN!, $after: String) {\n  cardByIin(iin: $iin) {\n    id\n    visits(first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          rowNumber\n          plannedOn\n          attendedOn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.MyVisitsDocument,
    "mutation Withdraw($id: ID!, $version: Int!) {\n  registrationWithdraw(id: $id, version: $version) {\n    registration {\n      id\n      status\n      withdrawnOn\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": typeof types.WithdrawDocument,
};
const documents: Documents = {
    "mutation Apply($input: CardApplyInput!) {\n  cardApply(input: $input) {\n    application {\n      id\n      kind\n      status\n      appliedOn\n    }\n    registrationStatus\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": types.ApplyDocument,
    "query CareerCenters {\n  careerCenters {\n    id\n    code\n    nameKk\n    nameRu\n    address\n    phone\n    district {\n      code\n    }\n    region {\n      code\n    }\n  }\n}": types.CareerCentersDocument,
    "query MyApplications($iin: IIN!) {\n  cardByIin(iin: $iin) {\n    id\n    version\n    careerCenter {\n      id\n      nameKk\n      nameRu\n    }\n    registrationStatus\n    jobSeekerRegistrations {\n      id\n      kind\n      status\n      appliedOn\n      registeredOn\n      withdrawnOn\n      refusal {\n        refusedOn\n        reason\n        note\n      }\n      deregistration {\n        deregisteredOn\n        reason\n      }\n    }\n    unemployedRegistrations {\n      id\n      kind\n      status\n      appliedOn\n      registeredOn\n      withdrawnOn\n      refusal {\n        refusedOn\n        reason\n        note\n      }\n      deregistration {\n        deregisteredOn\n        reason\n      }\n    }\n  }\n}": types.MyApplicationsDocument,
    "query MyCard($iin: IIN!) {\n  cardByIin(iin: $iin) {\n    id\n    version\n    fullName {\n      surname\n      givenName\n      patronymic\n    }\n    registrationStatus\n    visits(first: 5) {\n      edges {\n        node {\n          plannedOn\n          attendedOn\n        }\n      }\n    }\n  }\n}": types.MyCardDocument,
    "query MyReferrals($iin: IIN!, $after: String) {\n  cardByIin(iin: $iin) {\n    id\n    referrals(first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          employerName\n          position\n          referredOn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.MyReferralsDocument,
    "query MyVisits($iin: IIN!, $after: String) {\n  cardByIin(iin: $iin) {\n    id\n    visits(first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          rowNumber\n          plannedOn\n          attendedOn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.MyVisitsDocument,
    "mutation Withdraw($id: ID!, $version: Int!) {\n  registrationWithdraw(id: $id, version: $version) {\n    registration {\n      id\n      status\n      withdrawnOn\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}": types.WithdrawDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Apply($input: CardApplyInput!) {\n  cardApply(input: $input) {\n    application {\n      id\n      kind\n      status\n      appliedOn\n    }\n    registrationStatus\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation Apply($input: CardApplyInput!) {\n  cardApply(input: $input) {\n    application {\n      id\n      kind\n      status\n      appliedOn\n    }\n    registrationStatus\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CareerCenters {\n  careerCenters {\n    id\n    code\n    nameKk\n    nameRu\n    address\n    phone\n    district {\n      code\n    }\n    region {\n      code\n    }\n  }\n}"): (typeof documents)["query CareerCenters {\n  careerCenters {\n    id\n    code\n    nameKk\n    nameRu\n    address\n    phone\n    district {\n      code\n    }\n    region {\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyApplications($iin: IIN!) {\n  cardByIin(iin: $iin) {\n    id\n    version\n    careerCenter {\n      id\n      nameKk\n      nameRu\n    }\n    registrationStatus\n    jobSeekerRegistrations {\n      id\n      kind\n      status\n      appliedOn\n      registeredOn\n      withdrawnOn\n      refusal {\n        refusedOn\n        reason\n        note\n      }\n      deregistration {\n        deregisteredOn\n        reason\n      }\n    }\n    unemployedRegistrations {\n      id\n      kind\n      status\n      appliedOn\n      registeredOn\n      withdrawnOn\n      refusal {\n        refusedOn\n        reason\n        note\n      }\n      deregistration {\n        deregisteredOn\n        reason\n      }\n    }\n  }\n}"): (typeof documents)["query MyApplications($iin: IIN!) {\n  cardByIin(iin: $iin) {\n    id\n    version\n    careerCenter {\n      id\n      nameKk\n      nameRu\n    }\n    registrationStatus\n    jobSeekerRegistrations {\n      id\n      kind\n      status\n      appliedOn\n      registeredOn\n      withdrawnOn\n      refusal {\n        refusedOn\n        reason\n        note\n      }\n      deregistration {\n        deregisteredOn\n        reason\n      }\n    }\n    unemployedRegistrations {\n      id\n      kind\n      status\n      appliedOn\n      registeredOn\n      withdrawnOn\n      refusal {\n        refusedOn\n        reason\n        note\n      }\n      deregistration {\n        deregisteredOn\n        reason\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyCard($iin: IIN!) {\n  cardByIin(iin: $iin) {\n    id\n    version\n    fullName {\n      surname\n      givenName\n      patronymic\n    }\n    registrationStatus\n    visits(first: 5) {\n      edges {\n        node {\n          plannedOn\n          attendedOn\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query MyCard($iin: IIN!) {\n  cardByIin(iin: $iin) {\n    id\n    version\n    fullName {\n      surname\n      givenName\n      patronymic\n    }\n    registrationStatus\n    visits(first: 5) {\n      edges {\n        node {\n          plannedOn\n          attendedOn\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyReferrals($iin: IIN!, $after: String) {\n  cardByIin(iin: $iin) {\n    id\n    referrals(first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          employerName\n          position\n          referredOn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query MyReferrals($iin: IIN!, $after: String) {\n  cardByIin(iin: $iin) {\n    id\n    referrals(first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          employerName\n          position\n          referredOn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyVisits($iin: IIN!, $after: String) {\n  cardByIin(iin: $iin) {\n    id\n    visits(first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          rowNumber\n          plannedOn\n          attendedOn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query MyVisits($iin: IIN!, $after: String) {\n  cardByIin(iin: $iin) {\n    id\n    visits(first: 20, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          rowNumber\n          plannedOn\n          attendedOn\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Withdraw($id: ID!, $version: Int!) {\n  registrationWithdraw(id: $id, version: $version) {\n    registration {\n      id\n      status\n      withdrawnOn\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation Withdraw($id: ID!, $version: Int!) {\n  registrationWithdraw(id: $id, version: $version) {\n    registration {\n      id\n      status\n      withdrawnOn\n    }\n    userErrors {\n      field\n      code\n      message\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;