// Types of search.js (a plain ES module the GraphiQL page loads as it is) for the tests.
import type { GraphQLEnumValue, GraphQLField, GraphQLInputField, GraphQLNamedType, GraphQLSchema } from 'graphql';

export type Entry =
  | { kind: 'Type'; name: string; type: GraphQLNamedType; description: string }
  | { kind: 'Field'; name: string; type: GraphQLNamedType; field: GraphQLField<unknown, unknown> | GraphQLInputField; description: string }
  | { kind: 'EnumValue'; name: string; type: GraphQLNamedType; value: GraphQLEnumValue; description: string };

export function stemOf(word: string): string;
export function termsOf(query: string): { word: string; stem: string; pattern: RegExp }[];
export function entriesOf(schema: GraphQLSchema): Entry[];
export function search(entries: readonly Entry[], query: string): { entry: Entry; line: string; rank: number }[];
export function highlight(text: string, query: string): { text: string; match: boolean }[];
