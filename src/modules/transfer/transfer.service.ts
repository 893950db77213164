import { recordRead } from '../audit/audit.store.ts';
import type { CardChange } from '../card/card-change.ts';
import { careerCenter } from '../card/section.ts';
import { keepCard, keeperOf, releaseCard } from '../footer/footer.service.ts';
import { CardTransfer, type TransferGround } from './card-transfer.entity.ts';

/**
 * Rule 1 — moves the card of `change` to the center that received the person's application, as
 * part of that change: the card's history records the new keeping center, the transfer list both
 * centers, and the center the card left gets a read-audit record of its own naming who took the
 * card and on what ground (written in the same transaction: no move without its record).
 * The executor of the center it left no longer keeps it: the user who received it does (a caseworker
 * or head; none otherwise, until one takes it over).
 */
export async function moveCard(change: CardChange, to: string, ground: TransferGround, appliedOn: string): Promise<CardTransfer> {
  const from = change.card.careerCenter;
  change.updateCard(careerCenter, (card) => {
    card.careerCenter = to;
  });
  const keeper = keeperOf(change.deps);
  if (keeper) keepCard(change, keeper);
  else releaseCard(change);
  const principal = change.deps.access?.principal ?? null;
  const transfer = change.em.create(CardTransfer, {
    card: change.card.id, at: change.now, fromCenter: from, toCenter: to, ground, appliedOn, subject: change.deps.actor.id, role: principal?.role ?? null,
  });
  if (principal) {
    await recordRead(change.em, {
      principal, at: change.now, operationType: 'mutation', operationName: null, clientName: null, clientVersion: null, cardIds: [change.card.id],
    }, { careerCenterId: from, transferGround: ground });
  }
  return transfer;
}
