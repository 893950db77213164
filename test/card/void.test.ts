import { describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { CASEWORKER, dataOf } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { accepted, PAYLOAD_ERRORS, rejects } from '../support/keeping.ts';
import { apiFixture } from '../support/fixture.ts';

// Rule 3: nothing is deleted. A wrong entry is voided — kept with who, when and why, hidden from
// normal reads, shown with includeVoided, never changed again. The API has no delete at all.

const fixture = apiFixture();

const VOID = `mutation($id: ID!, $v: Int!, $reason: LongText!) { cardEntryVoid(id: $id, version: $v, reason: $reason) { card { version } ${PAYLOAD_ERRORS} } }`;

async function entries(cardId: string) {
  return dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { version
    referrals { totalCount edges { node { id } } }
    allReferrals: referrals(includeVoided: true) { totalCount edges { node { id voided { at by reason } } } }
    education { main { id } }
    allEducation: education(includeVoided: true) { main { id voided { by reason } } }
    activeMeasures { totalCount edges { node { ... on Relocation { id } ... on ProfessionalTraining { id } } } }
    allMeasures: activeMeasures(includeVoided: true) { totalCount }
    footer { signatures { id } }
  } }`, { id: cardId })).card;
}

describe('cardEntryVoid', () => {
  it('hides a voided entry, keeps it for includeVoided with who, when and why, and records it', async () => {
    const card = await aCard().withReferral().withReferral({ referredOn: '2026-02-01' }).withMainEducation().withRelocation().save(fixture.db.orm.em.fork());
    const cardId = toGlobalId('Card', card.id);
    const before = await entries(cardId);
    const wrong = before.referrals.edges[1].node.id;
    const voided = accepted(await fixture.api.execute(VOID, { id: wrong, v: before.version, reason: 'duplicate of the first referral' }), 'cardEntryVoid');
    expect(voided.card.version).toBe(before.version + 1);

    const after = await entries(cardId);
    expect(after.referrals.edges.map((e: any) => e.node.id)).toEqual([before.referrals.edges[0].node.id]);
    expect(after.allReferrals.totalCount).toBe(2);
    expect(after.allReferrals.edges[1].node).toEqual({
      id: wrong, voided: { at: expect.any(String), by: CASEWORKER.id, reason: 'duplicate of the first referral' },
    });
    expect(dataOf(await fixture.api.execute('query($id: ID!) { node(id: $id) { id } }', { id: wrong })).node).toBeNull();
    const { card: withHistory } = dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { history(first: 100) { edges { node { action part entryId oldValue newValue } } } } }`, { id: cardId }));
    const record = withHistory.history.edges.at(-1).node;
    expect(record).toMatchObject({ action: 'cardEntryVoid', part: 'referral', entryId: wrong, oldValue: { voidedAt: null }, newValue: { voidReason: 'duplicate of the first referral' } });
  });

  it('voids entries of every voidable kind', async () => {
    const card = await aCard().complete().save(fixture.db.orm.em.fork());
    const cardId = toGlobalId('Card', card.id);
    const { card: full } = dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { version
      education { main { id } additional { id } } jobSeekerRegistrations { id } careerGuidance { id } referrals { edges { node { id } } }
      activeMeasures { edges { node { ... on ProfessionalTraining { id } ... on EntrepreneurshipSupport { id } ... on SubsidizedJob { id } ... on Relocation { id } } } }
      specialWorkplaces { id } visits { edges { node { id } } } employmentPlan { id } } }`, { id: cardId }));
    const ids = [
      full.education.main[0].id, full.education.additional[0].id, full.jobSeekerRegistrations[0].id, full.careerGuidance[0].id,
      full.referrals.edges[0].node.id, ...full.activeMeasures.edges.map((e: any) => e.node.id), full.specialWorkplaces[0].id,
      full.visits.edges[0].node.id, full.employmentPlan[0].id,
    ];
    let version = full.version;
    for (const id of ids) {
      accepted(await fixture.api.execute(VOID, { id, v: version++, reason: 'entered on the wrong card' }), 'cardEntryVoid');
      expect(dataOf(await fixture.api.execute('query($id: ID!) { node(id: $id) { id } }', { id })).node).toBeNull();
    }
    const { card: after } = dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { education { main { id } additional { id } }
      activeMeasures { totalCount } all: activeMeasures(includeVoided: true) { totalCount } } }`, { id: cardId }));
    expect(after).toEqual({ education: { main: [], additional: [] }, activeMeasures: { totalCount: 0 }, all: { totalCount: 4 } });
  });

  it('refuses to void twice, to change a voided entry, to void without a reason, and to void a signature', async () => {
    const card = await aCard().withReferral().withSignature().save(fixture.db.orm.em.fork());
    const cardId = toGlobalId('Card', card.id);
    const before = await entries(cardId);
    const referral = before.referrals.edges[0].node.id;
    await rejects(fixture.api, cardId, () => fixture.api.execute(VOID, { id: referral, v: before.version, reason: '   ' }), 'cardEntryVoid', 'INVALID_VALUE', ['reason']);
    await rejects(fixture.api, cardId, () => fixture.api.execute(VOID, { id: before.footer.signatures[0].id, v: before.version, reason: 'no' }), 'cardEntryVoid', 'INVALID_VALUE', ['id']);
    accepted(await fixture.api.execute(VOID, { id: referral, v: before.version, reason: 'wrong person' }), 'cardEntryVoid');
    const version = before.version + 1;
    await rejects(fixture.api, cardId, () => fixture.api.execute(VOID, { id: referral, v: version, reason: 'again' }), 'cardEntryVoid', 'VOIDED', ['id']);
    await rejects(fixture.api, cardId, () => fixture.api.execute(`mutation($id: ID!, $v: Int!) { referralRecordRefusal(id: $id, version: $v, input: {
      refusedBy: EMPLOYER, refusedOn: "2026-02-01", reason: "no vacancy" }) { card { id } ${PAYLOAD_ERRORS} } }`, { id: referral, v: version }), 'referralRecordRefusal', 'VOIDED');
  });

  it('has no delete anywhere in the API', async () => {
    const { __schema } = dataOf(await fixture.api.execute('{ __schema { mutationType { fields { name } } } }'));
    const names: string[] = __schema.mutationType.fields.map((f: { name: string }) => f.name);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((name) => /delete|remove|destroy|purge/i.test(name))).toEqual([]);
  });
});
