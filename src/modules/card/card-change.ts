import { LockMode, OptimisticLockError, type EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Checks } from '../base/checks.ts';
import { Rejected, userError, type Outcome, type UserErrorData } from '../base/user-errors.ts';
import type { Territories } from '../dictionary/territories.ts';
import type { NotificationKind } from '../../generated/graphql.ts';
import { CardHistory } from '../history/history.entity.ts';
import type { AccessPolicy, ChangeKind } from '../access/policy.ts';
import { queueNotification } from '../notification/outbox.ts';
import type { NotificationFacts } from '../notification/templates.ts';
import type { PersonRegistry } from '../verification/person-registry.ts';
import type { Signing } from '../footer/signature-verification.ts';
import { Card } from './card.entity.ts';
import { entityOf, entrySnapshot, type CardPart, type ChildSection, type Entry, type ListSection, type Snapshot } from './card-section.ts';

// The unit of work of one mutation of one card: one transaction that locks the card row, checks
// the version the caller based the change on, applies the change, writes a history record for
// every part it changed, and bumps the version (the update also checks the version, so of two
// concurrent changes based on one version exactly one commits). Anything rejected rolls back.

/** Who acts, as recorded in the history. */
export interface Actor {
  id: string;
  name: string | null;
}

/** What a change needs from the request. */
export interface ChangeDeps {
  em: SqlEntityManager;
  actor: Actor;
  territories: Territories;
  now: () => Date;
  /** Today's date in Kazakhstan (`YYYY-MM-DD`). */
  today: () => string;
  /** Rule 2 — the state registry of individuals; absent or null when none is configured. */
  registry?: PersonRegistry | null;
  /** Footer — what signatures are verified against; absent or null when signing is not configured. */
  signing?: Signing | null;
  /** Access control — whose cards the caller may change; absent for in-process use (tools, the import CLI). */
  access?: AccessPolicy | null;
}

interface PendingRecord {
  part: string;
  entity: { id: string } | null;
  oldValue: Snapshot | null;
  newValue: () => Snapshot | null;
}

export class CardChange {
  readonly em: SqlEntityManager;
  readonly card: Card;
  readonly now: Date;
  readonly deps: ChangeDeps;
  /** The business action recorded in the history (the mutation's name). */
  readonly action: string;
  readonly #basedOnVersion: number;
  readonly #records: PendingRecord[] = [];

  constructor(em: SqlEntityManager, card: Card, deps: ChangeDeps, action: string, basedOnVersion = card.version) {
    this.em = em;
    this.card = card;
    this.deps = deps;
    this.action = action;
    this.#basedOnVersion = basedOnVersion;
    this.now = deps.now();
  }

  /** Whether the change has recorded anything so far. */
  get changed(): boolean {
    return this.#records.length > 0;
  }

  /** Fresh checks against this card's birth date, today and the dictionaries. */
  checks(): Checks {
    return new Checks({ birthDate: this.card.birthDate, today: this.deps.today(), territories: this.deps.territories });
  }

  /** Records a part of a card created by this change (no value before). */
  created(part: CardPart): void {
    this.#records.push({ part: part.name, entity: null, oldValue: null, newValue: () => part.snapshot(this.card) });
  }

  /** Changes a part of the card row, recording its value before and after. */
  updateCard(part: CardPart, mutate: (card: Card) => void): void {
    const snapshot = () => part.snapshot(this.card);
    const oldValue = snapshot();
    mutate(this.card);
    this.#records.push({ part: part.name, entity: null, oldValue, newValue: snapshot });
  }

  /** Creates an entry of a list section of this card (for §16, of the kind its data names). */
  add<E extends Entry>(section: ListSection<E>, data: object): E {
    return this.#create(section.name, entityOf(this.em, section.entity, data), { ...data, card: this.card.id }) as E;
  }

  /** Creates a row that belongs to an entry of this card (a §16.4 family member of a relocation). */
  addChild<C extends object>(child: ChildSection<C>, owner: { id: string }, data: object): C {
    return this.#create(child.name, child.entity, { ...data, card: this.card.id, [child.owner]: owner.id });
  }

  #create<T extends object>(part: string, entity: EntityClass<T>, data: object): T {
    const created = this.em.create(entity, data as never);
    this.#records.push({ part, entity: created as { id: string }, oldValue: null, newValue: () => entrySnapshot(created) });
    return created;
  }

  /** Changes an entry (or a child row), recording its value before and after. */
  update<E extends object>(section: ListSection<any> | ChildSection<any>, entry: E, mutate: (e: E) => void): void {
    const oldValue = entrySnapshot(entry);
    mutate(entry);
    this.#records.push({ part: section.name, entity: entry as unknown as { id: string }, oldValue, newValue: () => entrySnapshot(entry) });
  }

  /** Records a change of something the card keeps beside its sections (the registry's verification outcome). */
  note(part: string, oldValue: Snapshot | null, newValue: Snapshot | null): void {
    this.#records.push({ part, entity: null, oldValue, newValue: () => newValue });
  }

  /**
   * Queues a message to the person about this change (Appendix 2): written with the change, in its
   * transaction, so a rejected change queues nothing.
   */
  notify<K extends NotificationKind>(kind: K, facts: NotificationFacts[K]): Promise<unknown> {
    return queueNotification(this.em, this.card, kind, facts);
  }

  /** History rows for everything changed; called after the entries got their ids. */
  historyRows(): CardHistory[] {
    return this.#records.map((record) => this.em.create(CardHistory, {
      card: this.card.id,
      at: this.now,
      basedOnVersion: this.#basedOnVersion,
      actor: this.deps.actor.id,
      actorName: this.deps.actor.name,
      action: this.action,
      part: record.part,
      entryId: record.entity?.id ?? null,
      oldValue: record.oldValue,
      newValue: record.newValue(),
    }));
  }

}

const stale = () => userError(['version'], 'STALE_CARD', 'the card changed since this version; reload it and try again');

/**
 * Runs `work` as one change of the card that holds the entry `entryId` of `section`; the entry,
 * locked with its card, must exist and not be voided.
 */
export async function changeEntry<E extends Entry, T>(
  deps: ChangeDeps,
  target: { section: ListSection<E>; entryId: string; version: number; action: string; kind?: ChangeKind },
  work: (change: CardChange, entry: E) => Promise<T>,
): Promise<Outcome<T> & { card?: Card }> {
  const entity = target.section.entity;
  const found = await deps.em.fork().findOne(entity, { id: target.entryId } as never);
  if (!found) return { ok: false, errors: [userError(['id'], 'NOT_FOUND', 'no such entry')] };
  return changeCard(deps, { cardId: found.card, version: target.version, action: target.action, kind: target.kind }, async (change) => {
    const entry = await change.em.findOneOrFail(entity, { id: target.entryId } as never);
    if (entry.voidedAt) throw new Rejected([userError(['id'], 'VOIDED', 'the entry was voided and cannot change')]);
    return work(change, entry);
  });
}

/** Writes the change: the card row (bumping its version unless told not to), then its history. */
export async function commitChange(em: SqlEntityManager, change: CardChange, bumpVersion = true): Promise<void> {
  // Touching the row makes MikroORM bump `version` with `where version = ?`: a concurrent change
  // that committed first turns this flush into an OptimisticLockError.
  if (bumpVersion) change.card.updatedAt = change.now;
  await em.flush();
  em.persist(change.historyRows());
  await em.flush();
}

/** The outcome of a change whose transaction failed: expected failures become user errors. */
export function failedChange(error: unknown): { ok: false; errors: UserErrorData[] } {
  if (error instanceof Rejected) return { ok: false, errors: error.errors };
  if (error instanceof OptimisticLockError) return { ok: false, errors: [stale()] };
  throw error;
}

/**
 * Runs `work` as one change of the card `cardId`, based on `version` (null only for an
 * application to an existing card, which needs no prior knowledge of it).
 */
export async function changeCard<T>(
  deps: ChangeDeps,
  target: {
    cardId: string; version: number | null; action: string; bumpVersion?: boolean; argument?: 'id' | 'cardId';
    /** Access control — the kind of change (the policy's `ACTIONS`); `keep` unless told. */
    kind?: ChangeKind;
    /** Rule 1: an application received by the caller's center may move a card kept elsewhere. */
    receiving?: boolean;
    /** A change of its own made after this one is recorded, in the same transaction (Rule 2: the registry's answer). */
    followUp?: (em: SqlEntityManager, card: Card) => Promise<unknown>;
  },
  work: (change: CardChange) => Promise<T>,
): Promise<Outcome<T> & { card?: Card }> {
  // The caller's scope is read before the transaction: on the embedded database the transaction
  // holds the only connection, so a lookup from inside it on another context would wait forever.
  await deps.access?.readScope();
  try {
    return await deps.em.fork().transactional(async (em) => {
      // Locked for the transaction: concurrent changes of one card queue here, then see its new version.
      const card = await em.findOne(Card, { id: target.cardId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!card) throw new Rejected([userError([target.argument ?? 'id'], 'NOT_FOUND', 'no such card')]);
      if (deps.access && !target.receiving) {
        // A card the caller may not read is absent for them; one they may read but not change is forbidden.
        if (!(await deps.access.mayRead(card))) throw new Rejected([userError([target.argument ?? 'id'], 'NOT_FOUND', 'no such card')]);
        if (!(await deps.access.mayWrite(card, target.kind))) throw new Rejected([userError([target.argument ?? 'id'], 'FORBIDDEN', 'this card is kept by another career center')]);
      }
      if (target.version !== null && card.version !== target.version) throw new Rejected([stale()]);
      const change = new CardChange(em, card, deps, target.action);
      const value = await work(change);
      await commitChange(em, change, target.bumpVersion !== false);
      await target.followUp?.(em, card);
      return { ok: true as const, value, card };
    });
  } catch (error) {
    return failedChange(error);
  }
}
