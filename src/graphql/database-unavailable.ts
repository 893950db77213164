import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/availability.ts';
import type { Context } from './context.ts';

// A request that met the database away (refusing connections, restarting, its connection cut) is
// answered 503 DATABASE_UNAVAILABLE with Retry-After, and nothing else: whatever part of the answer
// was computed is withheld, so a client retries the whole request rather than trusting half of it.
// A mutation's transaction was rolled back with its connection, so retrying it is safe.

export const DATABASE_UNAVAILABLE = {
  message: 'The database is unavailable; try again shortly',
  extensions: { code: 'DATABASE_UNAVAILABLE' },
};

/** Sets the answer of a request to DATABASE_UNAVAILABLE, HTTP 503 with Retry-After. */
export function answerDatabaseUnavailable(response: { body: unknown; http: { status?: number; headers: Map<string, string> } }): void {
  response.body = { kind: 'single', singleResult: { errors: [DATABASE_UNAVAILABLE] } };
  response.http.status = 503;
  response.http.headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
}

export const databaseUnavailablePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    let unavailable = false;
    return {
      async didEncounterErrors({ errors, contextValue }) {
        if (!errors.some((error) => isDatabaseUnavailable(unwrapResolverError(error)) || isDatabaseUnavailable(error.originalError))) return;
        unavailable = true;
        // Nothing leaves, so nothing was read: the read audit has nothing to record.
        contextValue.cardsRead.ids.clear();
      },
      async willSendResponse({ response }) {
        if (unavailable) answerDatabaseUnavailable(response);
      },
    };
  },
};
