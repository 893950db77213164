import { GraphQLError } from 'graphql';
import type { Context } from '../../api/context.ts';
import type { ChangeKind } from '../access/policy.ts';
import type { ChangeDeps } from './card-change.ts';

/**
 * What a change needs from the request. Changing anything needs an identified actor whose role may
 * make changes of this `kind` (the policy's `ACTIONS`); which cards it may change, the services ask.
 */
export function changeDeps(context: Context, kind: ChangeKind = 'keep'): ChangeDeps {
  if (!context.actor) {
    throw new GraphQLError('Changing a card needs a signed-in user', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  if (!context.access.mayAct(kind)) {
    const what = kind === 'import' ? 'import cards' : kind === 'sign' ? 'sign cards' : 'change cards';
    throw new GraphQLError(`A ${context.principal!.role} may not ${what}`, { extensions: { code: 'FORBIDDEN' } });
  }
  return {
    em: context.em,
    access: context.principal ? context.access : null,
    actor: context.actor,
    territories: context.territories,
    now: () => context.clock.now(),
    today: () => context.clock.today(),
    registry: context.registry,
    signing: context.signing,
  };
}
