import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.ts';
import { recordReads, type ReadAuditEntry } from '../modules/audit/audit.store.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { log } from '../runtime/log.ts';
import { auditWriteDuration } from '../runtime/metrics.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import { answerDatabaseUnavailable } from './database-unavailable.ts';

/**
 * The audit records of concurrent requests, written together (group commit), one writer per
 * database connection (all forks of one ORM share it).
 */
const writers = new WeakMap<object, GroupCommit<ReadAuditEntry>>();

function writerFor(em: Context['em']): GroupCommit<ReadAuditEntry> {
  const connection = em.getConnection('write');
  let writer = writers.get(connection);
  if (!writer) writers.set(connection, (writer = new GroupCommit((entries) => recordReads(connection, entries.map((entry) => ({ entry }))))));
  return writer;
}

/**
 * Writes the request's audit record before its answer leaves, in a statement shared with the
 * requests that finish at the same time (group commit): its answer waits for that commit. A
 * read that cannot be recorded is not answered: the data is withheld and the caller gets AUDIT_UNAVAILABLE (HTTP 503), or
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
          await writerFor(contextValue.em).add({
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
