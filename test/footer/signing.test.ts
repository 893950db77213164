import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { dataOf } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { accepted, PAYLOAD_ERRORS, rejects } from '../support/keeping.ts';
import { apiFixture } from '../support/fixture.ts';

// Footer: the executor and the head sign a version of the card. A signature stores the SHA-256
// of the canonical document of that version; a later change leaves it attached to its version.

const fixture = apiFixture();

const SIGN = `mutation($id: ID!, $v: Int!, $role: SignatoryRole!, $signature: Signature!) {
  cardSign(id: $id, version: $v, input: { role: $role, signerName: "Омаров Бауыржан", signature: $signature }) {
    card { version } signature { id role cardVersion digest signature signedAt coversCurrentVersion } ${PAYLOAD_ERRORS} } }`;

async function status(id: string) {
  return dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { version
    signatures { currentVersion document digest covered executor { id } head { id } all { id cardVersion digest coversCurrentVersion } }
    referrals { edges { node { id } } } activeMeasures { edges { node { ... on Relocation { id } } } } } }`, { id })).card;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('cardSign', () => {
  it('stores the signature with the digest of the signed version, without changing the version', async () => {
    const cardId = toGlobalId('Card', (await aCard().complete().save(fixture.db.orm.em.fork())).id);
    const before = await status(cardId);
    expect(before.signatures.digest).toBe(sha256(before.signatures.document));
    const document = JSON.parse(before.signatures.document);
    // Canonical: keys sorted at every level, every section present, voided entries and versions left out.
    const sortedKeys = (value: unknown): boolean => (Array.isArray(value) ? value.every(sortedKeys)
      : value && typeof value === 'object' ? Object.keys(value).join() === Object.keys(value).sort().join() && Object.values(value).every(sortedKeys) : true);
    expect(sortedKeys(document)).toBe(true);
    expect(Object.keys(document)).toEqual(['activeMeasures', 'card', 'careerCenter', 'careerGuidance', 'consent', 'education', 'employmentPlan', 'expectations',
      'footer', 'identity', 'lastJob', 'referrals', 'registrations', 'specialWorkplaces', 'visits']);
    expect(document.activeMeasures.find((m: any) => m.kind === 'RELOCATION').familyMembers).toHaveLength(2);

    const signed = accepted(await fixture.api.execute(SIGN, { id: cardId, v: before.version, role: 'EXECUTOR', signature: 'MIIBIjANBgkqhkiG9w0BAQEFAAOC' }), 'cardSign');
    expect(signed.card.version).toBe(before.version);
    expect(signed.signature).toMatchObject({ role: 'EXECUTOR', cardVersion: before.version, digest: before.signatures.digest, coversCurrentVersion: true });
    const after = await status(cardId);
    expect(after.signatures).toMatchObject({ covered: false, executor: { id: signed.signature.id }, head: null });
    accepted(await fixture.api.execute(SIGN, { id: cardId, v: before.version, role: 'HEAD', signature: 'TUlJQg==' }), 'cardSign');
    expect((await status(cardId)).signatures.covered).toBe(true);
  });

  it('changes the digest whenever any part of the card changes, leaving earlier signatures with their version', async () => {
    const cardId = toGlobalId('Card', (await aCard().complete().save(fixture.db.orm.em.fork())).id);
    const first = await status(cardId);
    const signature = accepted(await fixture.api.execute(SIGN, { id: cardId, v: first.version, role: 'EXECUTOR', signature: 'QUJD' }), 'cardSign').signature;
    const relocation = first.activeMeasures.edges.find((e: any) => e.node.id).node.id;
    const changes: [string, (v: number) => Record<string, unknown>, string][] = [
      [`mutation($id: ID!, $v: Int!) { cardUpdateIdentity(id: $id, version: $v, input: { fullName: { surname: "Серікбаев", givenName: "Нұрлан", patronymic: "Асқарұлы" }, phone: "+77011234568", citizenship: "KZ", nationality: "қазақ", email: "nurlan@example.kz", address: { region: "KZ-75", district: "KZ-75-002", settlement: "Алматы", street: "Абай даңғылы", house: "10", apartment: "5" } }) { ${PAYLOAD_ERRORS} } }`, (v) => ({ id: cardId, v }), 'cardUpdateIdentity'],
      [`mutation($id: ID!, $v: Int!) { cardSetExpectations(id: $id, version: $v, input: { wage: { desired: "400000.00", sufficientToStart: "320000.00", minimum: "250000.01" } }) { ${PAYLOAD_ERRORS} } }`, (v) => ({ id: cardId, v }), 'cardSetExpectations'],
      [`mutation($id: ID!, $v: Int!) { referralCreate(cardId: $id, version: $v, input: { employerName: "ТОО «Жаңа»", position: "аспаз", referredOn: "2026-04-01" }) { ${PAYLOAD_ERRORS} } }`, (v) => ({ id: cardId, v }), 'referralCreate'],
      [`mutation($id: ID!, $v: Int!) { relocationCorrect(id: $id, version: $v, input: { referredOn: "2026-02-04", familyMembers: [{ fullName: "Серікбаева Айгүл", kinship: "супруга", ableToWork: true }],
        destination: { region: "KZ-59", district: "KZ-59-001", settlement: "Петропавловск" }, materialAssistance: { relocationExpenses: "141075.00", rentReimbursement: "360000.10", economicMobilityCertificate: "5000000.20" },
        housing: { type: APARTMENT, areaPerFamilyMember: 18.5 }, employment: { employedOn: "2026-03-01", employerName: "ТОО «Солтүстік Агро»", position: "механизатор" } }) { ${PAYLOAD_ERRORS} } }`, (v) => ({ id: relocation, v }), 'relocationCorrect'],
      [`mutation($id: ID!, $v: Int!) { cardUpdateFooter(id: $id, version: $v, input: { executorName: "Ахметова Динара", filledOn: "2026-01-16" }) { ${PAYLOAD_ERRORS} } }`, (v) => ({ id: cardId, v }), 'cardUpdateFooter'],
      [`mutation($id: ID!, $v: Int!) { cardEntryVoid(id: $id, version: $v, reason: "wrong") { ${PAYLOAD_ERRORS} } }`, (v) => ({ id: first.referrals.edges[0].node.id, v }), 'cardEntryVoid'],
    ];
    const digests = [first.signatures.digest];
    for (const [mutation, variables, field] of changes) {
      const { version } = await status(cardId);
      accepted(await fixture.api.execute(mutation, variables(version)), field);
      const now = await status(cardId);
      expect(now.version).toBe(version + 1);
      expect(digests).not.toContain(now.signatures.digest);
      digests.push(now.signatures.digest);
      expect(now.signatures).toMatchObject({ covered: false, executor: null });
      expect(now.signatures.all.filter((s: any) => s.id === signature.id))
        .toEqual([{ id: signature.id, cardVersion: first.version, digest: first.signatures.digest, coversCurrentVersion: false }]);
    }
  });

  it('digests the content only: signing leaves it, undoing a change restores it', async () => {
    const cardId = toGlobalId('Card', (await aCard().save(fixture.db.orm.em.fork())).id);
    const first = await status(cardId);
    accepted(await fixture.api.execute(SIGN, { id: cardId, v: first.version, role: 'HEAD', signature: 'QUJD' }), 'cardSign');
    expect((await status(cardId)).signatures.digest).toBe(first.signatures.digest);
    const setPhone = (v: number, phone: string) => fixture.api.execute(`mutation($id: ID!, $v: Int!, $phone: PhoneNumber) { cardUpdateIdentity(id: $id, version: $v, input: {
      fullName: { surname: "Серікбаев", givenName: "Нұрлан", patronymic: "Асқарұлы" }, phone: $phone, citizenship: "KZ", nationality: "қазақ", email: "nurlan@example.kz",
      address: { region: "KZ-75", district: "KZ-75-002", settlement: "Алматы", street: "Абай даңғылы", house: "10", apartment: "5" } }) { ${PAYLOAD_ERRORS} } }`, { id: cardId, v, phone });
    accepted(await setPhone(first.version, '+77019999999'), 'cardUpdateIdentity');
    expect((await status(cardId)).signatures.digest).not.toBe(first.signatures.digest);
    accepted(await setPhone(first.version + 1, '+77011234567'), 'cardUpdateIdentity');
    const restored = await status(cardId);
    expect(restored.version).toBe(first.version + 2);
    expect(restored.signatures.digest).toBe(first.signatures.digest);
    // Same content, new version: the earlier signature still refers to its own version only.
    expect(restored.signatures.head).toBeNull();
  });

  it('refuses a stale version, a signature that is not base64, and an empty signer name, storing nothing', async () => {
    const cardId = toGlobalId('Card', (await aCard().save(fixture.db.orm.em.fork())).id);
    const { version } = await status(cardId);
    await rejects(fixture.api, cardId, () => fixture.api.execute(SIGN, { id: cardId, v: version - 1, role: 'HEAD', signature: 'QUJD' }), 'cardSign', 'STALE_CARD', ['version']);
    await rejects(fixture.api, cardId, () => fixture.api.execute(SIGN, { id: cardId, v: version, role: 'HEAD', signature: 'not base64!' }), 'cardSign', 'INVALID_VALUE', ['input', 'signature']);
    await rejects(fixture.api, cardId, () => fixture.api.execute(`mutation($id: ID!, $v: Int!) { cardSign(id: $id, version: $v, input: { role: HEAD, signerName: " ", signature: "QUJD" }) { card { id } ${PAYLOAD_ERRORS} } }`,
      { id: cardId, v: version }), 'cardSign', 'INVALID_VALUE', ['input', 'signerName']);
  });
});
