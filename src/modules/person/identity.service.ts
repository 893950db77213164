import { Checks } from '../base/checks.ts';
import { Card } from '../card/card.entity.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';
import { askRegistry, recordReplyIn, type RegistryReply } from '../verification/verification.service.ts';

// §1, §5–9: who the person is and how to reach them. §2 never changes; §3 and §4 follow from it.

export interface AddressData {
  region: string;
  district?: string | null;
  settlement?: string | null;
  street?: string | null;
  house?: string | null;
  apartment?: string | null;
}

export interface IdentityData {
  fullName: { surname: string; givenName: string; patronymic?: string | null };
  citizenship?: string | null;
  nationality?: string | null;
  address?: AddressData | null;
  phone?: string | null;
  email?: string | null;
}

const trimmed = (text: string | null | undefined) => (text == null ? null : text.trim());

export function checkIdentity(checks: Checks, data: IdentityData, field: readonly string[] = ['input']): void {
  const name = [...field, 'fullName'];
  checks.text([...name, 'surname'], data.fullName.surname).text([...name, 'givenName'], data.fullName.givenName)
    .text([...name, 'patronymic'], data.fullName.patronymic, false)
    .text([...field, 'nationality'], data.nationality, false);
  if (data.address) {
    const address = [...field, 'address'];
    checks.place(address, data.address.region, data.address.district);
    for (const key of ['settlement', 'street', 'house', 'apartment'] as const) checks.text([...address, key], data.address[key], false);
  }
}

/** The card columns of §1, §5–9, tidied. */
export function identityColumns(data: IdentityData) {
  const address = data.address;
  return {
    fullName: { surname: trimmed(data.fullName.surname)!, givenName: trimmed(data.fullName.givenName)!, patronymic: trimmed(data.fullName.patronymic) },
    citizenship: data.citizenship ?? null,
    nationality: trimmed(data.nationality),
    address: address
      ? {
        region: address.region, district: address.district ?? null, settlement: trimmed(address.settlement), street: trimmed(address.street),
        house: trimmed(address.house), apartment: trimmed(address.apartment),
      }
      : null,
    phone: data.phone ?? null,
    email: data.email ?? null,
  };
}

/**
 * §1, §5–9 — corrects or updates the identity and contacts; then (Rule 2) the registry's answer,
 * asked before the card is locked, is applied as a change of its own.
 */
export async function updateIdentity(deps: ChangeDeps, cardId: string, version: number, data: IdentityData) {
  const reply = await replyFor(deps, cardId, version, data);
  return changeCard(deps, {
    cardId, version, action: 'cardUpdateIdentity',
    followUp: reply ? (em, card) => recordReplyIn(em, card, deps, reply) : undefined,
  }, async (change) => {
    const checks = change.checks();
    checkIdentity(checks, data);
    checks.orReject();
    change.updateCard('identity', (card) => change.em.assign(card, identityColumns(data) as never));
  });
}

/** The registry's answer about the card's person; null (not asked) when the update will be rejected anyway. */
async function replyFor(deps: ChangeDeps, cardId: string, version: number, data: IdentityData): Promise<RegistryReply | null> {
  const card = await deps.em.fork().findOne(Card, { id: cardId }, { fields: ['iin', 'birthDate', 'version'] });
  if (!card || card.version !== version) return null;
  const checks = new Checks({ birthDate: card.birthDate, today: deps.today(), territories: deps.territories });
  checkIdentity(checks, data);
  return checks.errors.length ? null : askRegistry(deps.registry, card.iin);
}
