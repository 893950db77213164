import { describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { dataOf } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { PAYLOAD_ERRORS } from '../support/keeping.ts';
import { apiFixture } from '../support/fixture.ts';

// Every mutation names the card version it was based on; of two changes based on one version,
// exactly one is kept and the other is told STALE_CARD and changes nothing.

const fixture = apiFixture();

const identity = (phone: string) => ({ fullName: { surname: 'Серікбаев', givenName: 'Нұрлан' }, phone });
const UPDATE = `mutation($id: ID!, $v: Int!, $input: IdentityInput!) { cardUpdateIdentity(id: $id, version: $v, input: $input) { card { version phone } ${PAYLOAD_ERRORS} } }`;
const PLAN = `mutation($id: ID!, $v: Int!) { visitPlan(cardId: $id, version: $v, input: { plannedOn: "2026-12-15" }) { card { version } ${PAYLOAD_ERRORS} } }`;

async function state(id: string) {
  return dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { version phone visits { totalCount } history(first: 100) { totalCount } } }`, { id })).card;
}

describe('concurrent changes of one card', () => {
  it('keep exactly one of two identity updates based on the same version', async () => {
    const id = toGlobalId('Card', (await aCard().save(fixture.db.orm.em.fork())).id);
    const before = await state(id);
    const results = await Promise.all(['+77010000001', '+77010000002'].map((phone) => fixture.api.execute(UPDATE, { id, v: before.version, input: identity(phone) })));
    const payloads = results.map((r) => dataOf(r).cardUpdateIdentity);
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    const losers = payloads.filter((p) => p.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ card: null, userErrors: [expect.objectContaining({ code: 'STALE_CARD', field: ['version'] })] }]);
    const after = await state(id);
    expect(after).toEqual({
      version: before.version + 1, phone: winners[0].card.phone, visits: before.visits, history: { totalCount: before.history.totalCount + 1 },
    });
  });

  it('keep exactly one of two different changes based on the same version', async () => {
    const id = toGlobalId('Card', (await aCard().save(fixture.db.orm.em.fork())).id);
    const before = await state(id);
    const [update, plan] = await Promise.all([
      fixture.api.execute(UPDATE, { id, v: before.version, input: identity('+77015550000') }),
      fixture.api.execute(PLAN, { id, v: before.version }),
    ]);
    const won = [dataOf(update).cardUpdateIdentity, dataOf(plan).visitPlan].map((p) => p.userErrors.length === 0);
    expect(won.filter(Boolean)).toHaveLength(1);
    const after = await state(id);
    expect(after.version).toBe(before.version + 1);
    expect(after.phone === '+77015550000').toBe(won[0]);
    expect(after.visits.totalCount === before.visits.totalCount + 1).toBe(won[1]);
  });

  it('reject a change based on an older version, also after a series of changes', async () => {
    const id = toGlobalId('Card', (await aCard().save(fixture.db.orm.em.fork())).id);
    const { version } = await state(id);
    expect(dataOf(await fixture.api.execute(PLAN, { id, v: version })).visitPlan.card.version).toBe(version + 1);
    expect(dataOf(await fixture.api.execute(PLAN, { id, v: version + 1 })).visitPlan.card.version).toBe(version + 2);
    const before = await state(id);
    const stale = dataOf(await fixture.api.execute(UPDATE, { id, v: version + 1, input: identity('+77019990000') })).cardUpdateIdentity;
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_CARD' })]);
    expect(await state(id)).toEqual(before);
  });

  it('serialise ten concurrent changes: one per version wins, the rest are stale, nothing is lost or doubled', async () => {
    const id = toGlobalId('Card', (await aCard().save(fixture.db.orm.em.fork())).id);
    const before = await state(id);
    const results = await Promise.all(Array.from({ length: 10 }, () => fixture.api.execute(PLAN, { id, v: before.version })));
    const accepted = results.filter((r) => dataOf(r).visitPlan.userErrors.length === 0);
    expect(accepted).toHaveLength(1);
    const after = await state(id);
    expect(after.visits.totalCount).toBe(before.visits.totalCount + 1);
    expect(after.version).toBe(before.version + 1);
  });
});
