import { GraphQLError } from 'graphql';
import type { Card } from '../modules/card/card.entity.ts';
import type { ChangeKind } from '../modules/access/policy.ts';
import type { ChangeDeps } from '../modules/card/card-change.ts';
import type { Outcome, UserErrorData } from '../modules/base/user-errors.ts';
import type { Context } from '../graphql/context.ts';

// Plumbing shared by the mutation resolvers: who acts, and how a service outcome becomes a payload.

/**
 * What a change needs from the request. Changing anything needs an identified actor whose role may
 * make changes of this `kind` (the policy's `ACTIONS`); which cards it may change, the services ask.
 */
export function changeDeps(context: Context, kind: ChangeKind = 'keep'): ChangeDeps {
  if (!context.actor) {
    throw new GraphQLError('Changing a card needs a signed-in user', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (!context.access.mayAct(kind)) {
    throw new GraphQLError(`A ${context.principal!.role} may not ${kind === 'import' ? 'import cards' : kind === 'sign' ? 'sign cards' : 'change cards'}`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return {
    em: context.em,
    access: context.principal ? context.access : null,
    actor: context.actor,
    territories: context.territories,
    now: () => context.clock.now(),
    today: () => context.clock.today(),
    registry: context.registry,
  };
}

/**
 * The payload of a mutation: the changed card and the object `shape` picks from the service's
 * value, or the user errors. A success makes the request forget what it read before.
 */
export function payload<T, P extends object, F extends object = object>(
  context: Context,
  outcome: Outcome<T> & { card?: Card },
  shape: (value: T) => P,
  /** What the payload says when rejected, beyond its errors (for non-null fields). */
  rejected?: F,
): (P & { card: Card; userErrors: UserErrorData[] }) | (F & { card: null; userErrors: UserErrorData[] }) {
  if (!outcome.ok) return { ...(rejected as F), card: null, userErrors: outcome.errors };
  context.refresh();
  return { ...shape(outcome.value), card: outcome.card!, userErrors: [] };
}
