import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequestLog } from '../db/sql-log.ts';
import type { Context } from './context.ts';

// A query gets `ms` to run. Past its deadline no further SQL statement starts (the
// statement log refuses it), and whatever the query produced is replaced by EXECUTION_TIMEOUT
// (HTTP 503): an answer is complete and in time, or it is not given. Mutations are bounded by their
// own work (one card, or one import batch) and are never cut off halfway: a change that committed
// is answered.

export function executionTimeoutPlugin(ms: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart(requestContext) {
          const log = currentRequestLog();
          if (!log || requestContext.operation?.operation !== 'query') return;
          const deadline = Date.now() + ms;
          log.deadline = deadline;
          return {
            async executionDidEnd() {
              log.deadline = null;
              if (!log.timedOut && Date.now() <= deadline) return;
              // Nothing leaves, so nothing was read (the audit has nothing to record).
              requestContext.contextValue.cardsRead.ids.clear();
              requestContext.response.body = {
                kind: 'single',
                singleResult: { errors: [{ message: `The query ran longer than ${ms} ms and was stopped; ask for less`, extensions: { code: 'EXECUTION_TIMEOUT' } }] },
              };
              requestContext.response.http.status = 503;
            },
          };
        },
      };
    },
  };
}
