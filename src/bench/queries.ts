import { print } from 'graphql';
import {
  ActiveMeasureFieldsFragmentDoc, CardByIinDocument, DeepListDocument, FullCardFragmentDoc, MobileDocument, StatisticsDocument,
} from '../generated/documents.ts';

// The client queries of the benchmark, as text: the shared documents of src/documents/, which the
// tests and GraphiQL use too.

/** The whole card: `fragment FullCard on Card` and the fragments it uses. */
export const FULL_CARD = print(FullCardFragmentDoc);
/** §16 — every field of every ActiveMeasure member: `fragment ActiveMeasureFields on ActiveMeasure` and what it uses. */
export const ACTIVE_MEASURE = print(ActiveMeasureFieldsFragmentDoc);

/** (a) Deep list: a page of 50 cards of one center, every section, every ActiveMeasure member. */
export const DEEP_LIST = print(DeepListDocument);
/** (b) One card by IIN, every section. */
export const CARD_BY_IIN = print(CardByIinDocument);
/** (c) Mobile: 20 cards with §1, the §12 registration status and the next planned visit (§18). */
export const MOBILE = print(MobileDocument);
/** (d) Statistics: registrations in a year by region. */
export const STATISTICS = print(StatisticsDocument);
