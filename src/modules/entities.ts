import type { EntityClass } from '@mikro-orm/core';
import { ReadAudit, ReadAuditCard } from './audit/audit.entity.ts';
import { Card } from './card/card.entity.ts';
import { CareerCenter } from './career-center/career-center.entity.ts';
import { District, Region } from './dictionary/territory.entity.ts';
import { CardHistory } from './history/history.entity.ts';
import { OutcomeConflict } from './labour-contracts/outcome-conflict.entity.ts';
import { Notification } from './notification/notification.entity.ts';
import { CHILD_SECTIONS, LIST_SECTIONS } from './sections.ts';
import { CardTransfer } from './transfer/card-transfer.entity.ts';

/**
 * Every entity, for the ORM: the card, its sections' (from their declarations), and the rest. The
 * embeddables they hold are found through them.
 */
export const ENTITIES: readonly EntityClass<unknown>[] = [
  Region, District, CareerCenter, Card, CardHistory, CardTransfer, ReadAudit, ReadAuditCard, OutcomeConflict, Notification,
  ...LIST_SECTIONS.flatMap((section) => section.entities), ...CHILD_SECTIONS.map((child) => child.entity),
];
