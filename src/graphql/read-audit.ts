import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.ts';
import { recordRead } from '../modules/audit/audit.store.ts';
import { log } from '../runtime/log.ts';
import { auditWriteDuration } from '../runtime/metrics.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { answerDatabaseUnavailable } from './database-unavailable.ts';

/**
 * Writes the request's audit record before its answer leaves. A read that cannot be recorded is
 * not answered: the data is withheld and the caller gets AUDIT_UNAVAILABLE (HTTP 503), or
 * DATABASE_UNAVAILABLE (503 with Retry-After) when the database is away.
 * In-process use (no principal: tests, tools, benchmarks) is not a request and is not audited.
 */
export const readAuditPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operation, operationName, request, response }) {
        const { principal, cardsRead } = contextValue;
        if (!principal || cardsRead.ids.size === 0 || response.body.kind !== 'single') return;
        // An answer that carries no data returned none of the cards read on the way.
        if (response.body.singleResult.data == null) return;
        const headers = request.http?.headers;
        const timer = auditWriteDuration.startTimer();
        try {
          await recordRead(contextValue.em, {
            principal,
            at: contextValue.clock.now(),
            // The schema has no subscriptions: a request is a query or a mutation.
            operationType: operation?.operation === 'mutation' ? 'mutation' : 'query',
            operationName: operationName ?? null,
            clientName: headers?.get('apollographql-client-name') ?? null,
            clientVersion: headers?.get('apollographql-client-version') ?? null,
            cardIds: [...cardsRead.ids],
          });
          timer({ outcome: 'ok' });
        } catch (error) {
          timer({ outcome: 'failed' });
          if (contextValue.report) contextValue.report.errorCode = isDatabaseUnavailable(error) ? 'DATABASE_UNAVAILABLE' : 'AUDIT_UNAVAILABLE';
          if (isDatabaseUnavailable(error)) {
            log.warn({ err: error, requestId: contextValue.report?.requestId }, 'the database is unavailable for the read audit; the answer is withheld');
            return answerDatabaseUnavailable(response);
          }
          log.error({ err: error, requestId: contextValue.report?.requestId }, 'the read audit could not be written; the answer is withheld');
          response.body.singleResult.data = null;
          response.body.singleResult.errors = [{ message: 'The read could not be recorded in the audit; try again later', extensions: { code: 'AUDIT_UNAVAILABLE' } }];
          response.http.status = 503;
        }
      },
    };
  },
};
