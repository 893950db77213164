import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.ts';
import { recordRead } from '../modules/audit/audit.store.ts';
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
        try {
          await recordRead(contextValue.em, {
            principal,
            at: contextValue.clock.now(),
            operationType: operation?.operation ?? 'query',
            operationName: operationName ?? null,
            clientName: headers?.get('apollographql-client-name') ?? null,
            clientVersion: headers?.get('apollographql-client-version') ?? null,
            cardIds: [...cardsRead.ids],
          });
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            console.error('Database unavailable for the read audit; the answer is withheld:', (error as Error).message);
            return answerDatabaseUnavailable(response);
          }
          console.error('Could not write the read audit; the answer is withheld:', error);
          response.body.singleResult.data = null;
          response.body.singleResult.errors = [{ message: 'The read could not be recorded in the audit; try again later', extensions: { code: 'AUDIT_UNAVAILABLE' } }];
          response.http.status = 503;
        }
      },
    };
  },
};
