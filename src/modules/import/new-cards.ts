import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { BulkInsert, type PlainRow } from '../../db/bulk-insert.ts';
import { Card } from '../card/card.entity.ts';
import type { Actor } from '../card/card-change.ts';
import { entityOf, typeOf, type Snapshot } from '../card/card-section.ts';
import { careerCenter } from '../card/section.ts';
import { CardHistory } from '../history/history.entity.ts';
import { identity } from '../person/section.ts';
import { LIST_SECTIONS } from '../sections.ts';
import type { CheckedRecord } from './card-record.ts';

// Cards made from checked records, written in bulk: the import's new cards, and the demo data.
// Rows go in with one INSERT per table for the whole batch (no unit of work tracking thousands of
// rows); ids are taken ahead only for the rows others refer to.

export interface NewCard {
  record: CheckedRecord;
  careerCenterId: string;
  /** Card properties beyond what the record gives, or instead of the import's (the demo data's footer and verification). */
  extra?: Snapshot;
}

/** Who the history names as having created the cards; none for demo data (it reads as it would have arrived). */
export interface Creation {
  actor: Actor;
  action: string;
  part: string;
}

/** Writes the cards, their entries and (when `created` is given) one history record each; returns the card ids in order. */
export async function insertNewCards(em: SqlEntityManager, cards: readonly NewCard[], now: Date, created: Creation | null): Promise<string[]> {
  if (!cards.length) return [];
  const rows = cards.map((card) => rowsOf(em, card, now));
  const bulk = new BulkInsert(em);
  // Tables in the order the sections declare their entities, whatever the batch holds: ids come
  // from the sequences in insert order, so the same cards get the same ids in any batching.
  const byEntity = new Map<EntityClass<unknown>, PlainRow[]>(LIST_SECTIONS.flatMap((section) => section.entities.map((entity) => [entity, []])));
  for (const { entries } of rows) {
    for (const e of entries) byEntity.get(e.entity)!.push(e.row);
  }
  // Only rows that others may name need their ids first (cards, and entries of a type that has
  // rows of its own: every row of an entity's group either has one or takes the column default).
  const parents = new Map<EntityClass<unknown>, PlainRow[]>(LIST_SECTIONS.flatMap((section) => section.entities.map((entity) => [entity, []])));
  for (const { entries } of rows) {
    for (const e of entries) {
      const child = e.entry.section.children;
      if (child?.of.includes(typeOf(e.entry.section, e.row) ?? '')) parents.get(e.entity)!.push(e.row);
    }
  }
  await bulk.assignIds([[Card, rows.map((r) => r.card)], ...parents]);
  const childRows = new Map<EntityClass<unknown>, PlainRow[]>();
  for (const r of rows) {
    for (const e of r.entries) {
      e.row.card = r.card.id;
      const child = e.entry.section.children;
      if (!child) continue;
      const list = childRows.get(child.entity) ?? [];
      for (const member of e.children) list.push(Object.assign(member, { card: r.card.id, [child.owner]: e.row.id }));
      childRows.set(child.entity, list);
    }
  }

  // One history record per card created: a card's creation is one act, and a record per part
  // and entry (about 20 a card) was half of the import's database time. It names who the person
  // is, the keeping center and how many entries each section got; the whole card as created is
  // `card(id, asOf: at)`, since every later change records the value it replaced.
  const history = !created ? [] : rows.map((r): PlainRow => {
    const entries: Record<string, number> = {};
    for (const e of r.entries) {
      entries[e.entry.section.name] = (entries[e.entry.section.name] ?? 0) + 1;
      const child = e.entry.section.children;
      if (child && e.children.length) entries[child.name] = (entries[child.name] ?? 0) + e.children.length;
    }
    const card = r.card as unknown as Card;
    return {
      card: r.card.id, at: now, basedOnVersion: 0, actor: created.actor.id, actorName: created.actor.name, action: created.action, part: created.part,
      entryId: null, oldValue: null, newValue: { identity: identity.snapshot(card), careerCenter: careerCenter.snapshot(card), entries },
    };
  });
  await bulk.insert([[Card, rows.map((r) => r.card)], ...byEntity, ...childRows, [CardHistory, history]]);
  return rows.map((r) => r.card.id as string);
}

function rowsOf(em: SqlEntityManager, { record, careerCenterId, extra }: NewCard, now: Date) {
  const card: PlainRow = {
    iin: record.iin, birthDate: record.facts.birthDate, sex: record.facts.sex, openedOn: record.openedOn, careerCenter: careerCenterId,
    citizenship: null, nationality: null, address: null, phone: null, email: null, lastJob: null, expectations: null,
    ...Object.assign({}, ...record.parts.values()),
    verification: {
      status: 'PENDING', reasonCode: 'IMPORTED', reason: 'imported; awaiting the person registry',
      addressStatus: 'PENDING', addressReasonCode: 'IMPORTED', addressReason: 'imported; awaiting the person registry',
    },
    ...extra,
    version: 1, createdAt: now, updatedAt: now,
  };
  const entries = record.entries.map((entry) => {
    const row: PlainRow = { ...entry.row, sourceId: entry.sourceId, createdAt: now, updatedAt: now };
    const children = (entry.children ?? []).map((child): PlainRow => ({ ...child, createdAt: now, updatedAt: now }));
    return { entry, entity: entityOf(em, entry.section.entity as EntityClass<object>, entry.row) as EntityClass<unknown>, row, children };
  });
  return { card, entries };
}
