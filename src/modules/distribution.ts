import type { MetadataStorage } from '@mikro-orm/core';
import { distributionPlan, type TablePlan } from '../db/distribution.ts';
import { ReadAudit, ReadAuditCard } from './audit/audit.entity.ts';
import { Card } from './card/card.entity.ts';
import { CareerCenter } from './career-center/career-center.entity.ts';
import { District, Region } from './dictionary/territory.entity.ts';

// The decisions behind the Citus layout (docs/scale.md) for the tables that are not a card's rows;
// the card's own tables follow from their entities (a many-to-one to Card: distributed by card_id).

/** The plan of every table the ORM maps, and the tables outside it. */
export function tablePlan(metadata: MetadataStorage): Map<string, TablePlan> {
  return distributionPlan(metadata, {
    card: Card,
    // Dictionaries and territories: small, read with every card, changed by a migration.
    reference: [Region, District, CareerCenter],
    other: [
      { entity: ReadAudit, column: 'id', group: 'read_audit', why: 'one record per request, naming many cards: keyed by the record' },
      { entity: ReadAuditCard, column: 'audit_id', group: 'read_audit', why: 'read with its record (rc.audit_id = a.id), co-located with it' },
    ],
    local: [
      { table: 'mikro_orm_migrations', why: 'the migrations applied: the coordinator\'s schema history' },
    ],
  });
}
