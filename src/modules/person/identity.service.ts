import type { IdentityInput } from '../../generated/graphql.ts';
import { Checks } from '../base/checks.ts';
import { Card } from '../card/card.entity.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';
import { askRegistry, recordReplyIn, type RegistryReply } from '../verification/verification.service.ts';
import { identity, identityValues } from './section.ts';

/**
 * §1, §5–9 — corrects or updates the identity and contacts; then (Rule 2) the registry's answer,
 * asked before the card is locked, is applied as a change of its own.
 */
export async function updateIdentity(deps: ChangeDeps, cardId: string, version: number, input: IdentityInput) {
  const reply = await replyFor(deps, cardId, version, input);
  return changeCard(deps, {
    cardId, version, action: 'cardUpdateIdentity',
    followUp: reply ? (em, card) => recordReplyIn(em, card, deps, reply) : undefined,
  }, async (change) => {
    const checks = change.checks();
    const values = identityValues(checks, input);
    checks.orReject();
    change.updateCard(identity, (card) => change.em.assign(card, values as never));
  });
}

/** The registry's answer about the card's person; null (not asked) when the update will be rejected anyway. */
async function replyFor(deps: ChangeDeps, cardId: string, version: number, input: IdentityInput): Promise<RegistryReply | null> {
  const card = await deps.em.fork().findOne(Card, { id: cardId }, { fields: ['iin', 'birthDate', 'version'] });
  if (!card || card.version !== version) return null;
  const checks = new Checks({ birthDate: card.birthDate, today: deps.today(), territories: deps.territories });
  identityValues(checks, input);
  return checks.errors.length ? null : askRegistry(deps.registry, card.iin);
}
