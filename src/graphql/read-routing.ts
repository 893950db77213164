import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.ts';
import type { WriteMarks } from '../db/read-your-writes.ts';
import type { ReadReplicas } from '../db/replicas.ts';
import { log } from '../runtime/log.ts';

/**
 * Sends the reads of the rest of the current request to a replica, unless `subject` changed
 * something recently that none in rotation has replayed yet.
 */
export function routeReads(replicas: ReadReplicas, marks: WriteMarks, subject: string | undefined): void {
  const position = subject === undefined ? null : marks.positionOf(subject);
  // Unknown (the shared marks cannot be trusted just now): the primary, to be safe.
  if (position === undefined) return replicas.keepOnPrimary();
  replicas.routeReads(position);
}

/**
 * With read replicas (docs/operations.md#read-replicas): a query operation reads from a replica,
 * unless its caller changed something the replicas in rotation have not replayed yet
 * (read-your-writes); a mutation reads and writes on the primary, and leaves its caller a mark of
 * the primary's position before its answer leaves.
 */
export function readRoutingPlugin(replicas: ReadReplicas, marks: WriteMarks): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'query') return;
          routeReads(replicas, marks, contextValue.principal?.subject);
        },
        async willSendResponse({ operation, contextValue }) {
          const subject = contextValue.principal?.subject;
          if (operation?.operation !== 'mutation' || subject === undefined) return;
          try {
            await marks.note(subject, await replicas.primaryPosition());
          } catch (error) {
            // Without Redis just now, the other processes read from the primary anyway (their
            // copies of the marks are not trusted while the subscription is down).
            log.warn({ err: error, requestId: contextValue.report?.requestId }, 'could not note the change for read-your-writes');
          }
        },
      };
    },
  };
}
