import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { CardResolvers } from '../../generated/graphql.ts';
import { readEntities } from '../../db/read-entities.ts';
import { openRegistrationSql } from '../registration/registration.rules.ts';
import { Visit } from '../visit/visit.entity.ts';
import type { Card } from './card.entity.ts';

// What a page of cards reads beside each card, in the page's own statement, when the fields a
// client asks of every card of a list need it: the phone's list (§1, the §12 status, the next §18
// visit) is then one statement instead of three. The field's resolver takes the value read here
// and otherwise computes it as for a single card (the same rules, registration.rules.ts and
// visit.store.ts): a card not from such a page, or one seen as of a past moment, has none.

/** A value read with the page for one Card field. */
interface PageExtra<V> {
  field: keyof CardResolvers;
  /** Fields that, asked too, read what the value is computed from anyway: then the extra saves nothing. */
  unless?: readonly string[];
  /** Columns (named `extra.<field>…`) and lateral joins on the card `c`; the joins' parameters. */
  sql(em: SqlEntityManager, today: string): { columns: string; join: string; params: unknown[] };
  /** The value from a row of the page. */
  read(em: SqlEntityManager, row: Record<string, unknown>): V;
}

const columns = new WeakMap<object, string[]>();

/** The columns of an entity's table, from its mapping (worked out once). */
function columnsOf(em: SqlEntityManager, entity: EntityClass<unknown>): string[] {
  const meta = em.getMetadata().get(entity);
  let known = columns.get(meta);
  if (!known) columns.set(meta, (known = [...new Set(meta.props.filter((p) => p.persist !== false && p.kind !== '1:m' && p.kind !== 'm:n').flatMap((p) => p.fieldNames ?? []))]));
  return known;
}

const EXTRAS: readonly PageExtra<unknown>[] = [
  {
    // §12 — UNEMPLOYED while an unemployed registration is open, else JOB_SEEKER while a job-seeker one is, else NONE.
    field: 'registrationStatus',
    unless: ['jobSeekerRegistrations', 'unemployedRegistrations'],
    sql: () => ({
      columns: `case when ${openRegistrationSql('c', 'UNEMPLOYED')} then 'UNEMPLOYED' when ${openRegistrationSql('c', 'JOB_SEEKER')} then 'JOB_SEEKER' else 'NONE' end as "extra.registrationStatus"`,
      join: '',
      params: [],
    }),
    read: (_, row) => row['extra.registrationStatus'],
  },
  {
    // §18 — the earliest visit planned on or after today and not attended (not voided).
    field: 'nextPlannedVisit',
    sql: (em, today) => ({
      columns: columnsOf(em, Visit).map((column) => `nv."${column}" as "extra.nextPlannedVisit.${column}"`).join(', '),
      // The visit's columns named (not `*`), the card's among them: a layout that distributes the
      // tables by card (docs/scale.md) then joins it shard by shard.
      join: `left join lateral (select ${columnsOf(em, Visit).map((column) => `v."${column}"`).join(', ')} from visit v
        where v.card_id = c.id and v.voided_at is null and v.attended_on is null and v.planned_on >= ?
        order by v.planned_on, v.id limit 1) nv on true`,
      params: [today],
    }),
    read: (em, row) => {
      if (row['extra.nextPlannedVisit.id'] == null) return null;
      const visit: Record<string, unknown> = {};
      for (const column of columnsOf(em, Visit)) visit[column] = row[`extra.nextPlannedVisit.${column}`];
      return readEntities(em, Visit, [visit])[0];
    },
  },
];

const values = new WeakMap<Card, Map<string, unknown>>();

/** The extras a page asked for these fields of its cards needs, as SQL for the page's statement. */
export function pageExtrasFor(fields: ReadonlySet<string>) {
  const wanted = EXTRAS.filter((extra) => fields.has(extra.field) && !extra.unless?.some((field) => fields.has(field)));
  return {
    sql(em: SqlEntityManager, today: string) {
      const parts = wanted.map((extra) => extra.sql(em, today));
      return { columns: parts.map((p) => `, ${p.columns}`).join(''), join: parts.map((p) => p.join).join(' '), params: parts.flatMap((p) => p.params) };
    },
    /** Keeps each card's extras from its row. */
    keep(em: SqlEntityManager, cards: readonly Card[], rows: readonly Record<string, unknown>[]) {
      if (!wanted.length) return;
      cards.forEach((card, i) => values.set(card, new Map(wanted.map((extra) => [extra.field, extra.read(em, rows[i]!)]))));
    },
  };
}

/** What the page `card` came from read for `field`, or undefined when it read nothing for it. */
export function pageExtra<V>(card: Card, field: keyof CardResolvers): V | undefined {
  return values.get(card)?.get(field) as V | undefined;
}
