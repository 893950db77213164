import { getNullableType, isListType, type GraphQLField } from 'graphql';

// What the query limits need to know of statistics: every list of `Statistics` is one GROUP BY
// statement over every card of the period (statistics.service.ts), far heavier than reading a
// page of cards, so each counts as a heavy statement, whatever it selects.

/** Whether resolving `field` of `type` runs a heavy statement of its own. */
export const runsHeavyStatement = (type: string, field: GraphQLField<unknown, unknown>): boolean =>
  type === 'Statistics' && isListType(getNullableType(field.type));
