import { createHash } from 'node:crypto';
import type { EntityClass } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { SignatoryRole } from '../../generated/graphql.ts';
import type { Card } from '../card/card.entity.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';
import { EducationEntry } from '../education/education.entity.ts';
import { EmploymentPlanRow } from '../employment-plan/employment-plan.entity.ts';
import { CareerGuidance } from '../guidance/guidance.entity.ts';
import { CARD_PARTS, entrySnapshot } from '../history/parts.ts';
import { ActiveMeasure, RelocationFamilyMember, type AnyActiveMeasure } from '../measures/measure.entity.ts';
import { Referral } from '../referral/referral.entity.ts';
import { Registration } from '../registration/registration.entity.ts';
import { SpecialWorkplace } from '../special-workplace/special-workplace.entity.ts';
import { Visit } from '../visit/visit.entity.ts';
import { CardSignature } from './footer.entity.ts';

// Footer: the issuing organisation, the signatories, the date filled, and the signatures. A
// signature covers one version of the card: the SHA-256 of that version's canonical document.

export interface FooterData {
  organisation?: { name: string; address?: string | null; phone?: string | null; email?: string | null } | null;
  executorName?: string | null;
  headName?: string | null;
  filledOn?: string | null;
}

const text = (value: string | null | undefined) => value?.trim() || null;

/** Footer — sets or corrects the organisation, the signatories' names and the date filled. */
export function updateFooter(deps: ChangeDeps, cardId: string, version: number, data: FooterData) {
  return changeCard(deps, { cardId, version, action: 'cardUpdateFooter' }, async (change) => {
    const checks = change.checks().text(['input', 'executorName'], data.executorName, false).text(['input', 'headName'], data.headName, false)
      .happened(['input', 'filledOn'], data.filledOn).order(['input', 'filledOn'], change.card.openedOn, data.filledOn, 'the opening of the card');
    if (data.organisation) checks.text(['input', 'organisation', 'name'], data.organisation.name).text(['input', 'organisation', 'address'], data.organisation.address, false);
    checks.orReject();
    const organisation = data.organisation && {
      name: data.organisation.name.trim(), address: text(data.organisation.address), phone: data.organisation.phone ?? null,
      email: data.organisation.email ?? null,
    };
    change.updateCard('footer', (card) => change.em.assign(card, {
      organisation, executorName: text(data.executorName), headName: text(data.headName), filledOn: data.filledOn ?? null,
    } as never));
  });
}

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Everything a card holds, voided entries included. */
export interface CardContent {
  card: Card;
  education: EducationEntry[];
  registrations: Registration[];
  careerGuidance: CareerGuidance[];
  referrals: Referral[];
  activeMeasures: AnyActiveMeasure[];
  familyMembers: RelocationFamilyMember[];
  specialWorkplaces: SpecialWorkplace[];
  visits: Visit[];
  employmentPlan: EmploymentPlanRow[];
}

/** The content of a card as stored now, read in the caller's transaction. */
export async function storedContent(em: SqlEntityManager, card: Card): Promise<CardContent> {
  const of = <T extends object>(entity: EntityClass<T>) => em.find(entity, { card: card.id } as never, { orderBy: { id: 'asc' } as never });
  const activeMeasures = await of(ActiveMeasure as unknown as EntityClass<AnyActiveMeasure>);
  return {
    card,
    education: await of(EducationEntry),
    registrations: await of(Registration),
    careerGuidance: await of(CareerGuidance),
    referrals: await of(Referral),
    activeMeasures,
    familyMembers: await em.find(RelocationFamilyMember, { relocation: { $in: activeMeasures.map((m) => m.id) } }, { orderBy: { id: 'asc' } }),
    specialWorkplaces: await of(SpecialWorkplace),
    visits: await of(Visit),
    employmentPlan: await of(EmploymentPlanRow),
  };
}

/**
 * The canonical document of a card version: every part and every entry that is not voided (each
 * with its id; family members within their relocation), keys sorted. Signatures and the version
 * number are not part of it: a signature refers to a version, and covers its content.
 */
export function canonicalDocument(content: CardContent): string {
  const entries = (rows: readonly ({ id: string; voidedAt?: unknown })[]) =>
    rows.filter((row) => !row.voidedAt).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id))).map((row): Record<string, unknown> => ({ id: row.id, ...entrySnapshot(row) }));
  const document: Record<string, unknown> = { card: content.card.id };
  for (const [part, snapshot] of Object.entries(CARD_PARTS)) document[part] = snapshot(content.card);
  const family = entries(content.familyMembers);
  Object.assign(document, {
    education: entries(content.education),
    registrations: entries(content.registrations),
    careerGuidance: entries(content.careerGuidance),
    referrals: entries(content.referrals),
    activeMeasures: entries(content.activeMeasures).map((measure) => (measure.kind === 'RELOCATION'
      ? { ...measure, familyMembers: family.filter((member) => member.relocation === measure.id) }
      : measure)),
    specialWorkplaces: entries(content.specialWorkplaces),
    visits: entries(content.visits),
    employmentPlan: entries(content.employmentPlan),
  });
  return canonicalJson(document);
}

export interface SignData {
  role: SignatoryRole;
  signerName: string;
  signature: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Footer — signs the current version (which must be `version`); the version does not change. */
export function signCard(deps: ChangeDeps, cardId: string, version: number, data: SignData) {
  return changeCard(deps, { cardId, version, action: 'cardSign', bumpVersion: false }, async (change) => {
    const checks = change.checks().text(['input', 'signerName'], data.signerName);
    const signature = data.signature.replace(/\s+/g, '');
    if (!signature || !BASE64.test(signature)) checks.add(['input', 'signature'], 'INVALID_VALUE', 'the signature is not base64 text');
    checks.orReject();
    const document = canonicalDocument(await storedContent(change.em, change.card));
    return change.add('signature', CardSignature, {
      role: data.role, signerName: data.signerName.trim(), signedAt: change.now, cardVersion: change.card.version,
      digest: sha256(document), signature,
    });
  });
}
