import type { Checks } from '../base/checks.ts';
import { changeCard, type ChangeDeps } from '../card/card-change.ts';

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

/** §1, §5–9 — corrects or updates the identity and contacts. */
export function updateIdentity(deps: ChangeDeps, cardId: string, version: number, data: IdentityData) {
  return changeCard(deps, { cardId, version, action: 'cardUpdateIdentity' }, async (change) => {
    const checks = change.checks();
    checkIdentity(checks, data);
    checks.orReject();
    change.updateCard('identity', (card) => change.em.assign(card, identityColumns(data) as never));
  });
}
