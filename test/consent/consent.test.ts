import { describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { dataOf } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { accepted, PAYLOAD_ERRORS, rejects, TOMORROW } from '../support/keeping.ts';
import { apiFixture } from '../support/fixture.ts';

// The job seeker's consent to the processing of personal data: recorded, withdrawn,
// every state kept in the history.

const fixture = apiFixture();

const RECORD = `mutation($id: ID!, $version: Int!, $input: ConsentInput!) { cardRecordConsent(id: $id, version: $version, input: $input) {
  card { version consent { givenOn scope withdrawnOn active } } ${PAYLOAD_ERRORS} } }`;
const WITHDRAW = `mutation($id: ID!, $version: Int!, $on: Date!) { cardWithdrawConsent(id: $id, version: $version, withdrawnOn: $on) {
  card { version consent { givenOn scope withdrawnOn active } } ${PAYLOAD_ERRORS} } }`;

const newCard = async () => toGlobalId('Card', (await aCard().save(fixture.db.orm.em.fork())).id);

describe('consent', () => {
  it('is recorded, then withdrawn; the card shows the last state and the history every one', async () => {
    const id = await newCard();
    const given = accepted(await fixture.api.execute(RECORD, { id, version: 1, input: { givenOn: '2026-11-02', scope: ['EMPLOYMENT_SERVICES', 'EMPLOYERS', 'EMPLOYERS'] } }), 'cardRecordConsent');
    expect(given.card).toEqual({ version: 2, consent: { givenOn: '2026-11-02', scope: ['EMPLOYMENT_SERVICES', 'EMPLOYERS'], withdrawnOn: null, active: true } });
    const withdrawn = accepted(await fixture.api.execute(WITHDRAW, { id, version: 2, on: '2026-11-20' }), 'cardWithdrawConsent');
    expect(withdrawn.card).toEqual({ version: 3, consent: { givenOn: '2026-11-02', scope: ['EMPLOYMENT_SERVICES', 'EMPLOYERS'], withdrawnOn: '2026-11-20', active: false } });

    const { card } = dataOf(await fixture.api.execute(`query($id: ID!) { card(id: $id) { history(first: 10) { edges { node { action part oldValue newValue } } } } }`, { id }));
    expect(card.history.edges.map((e: any) => e.node)).toEqual([
      { action: 'cardRecordConsent', part: 'consent', oldValue: null, newValue: { givenOn: '2026-11-02', scope: ['EMPLOYMENT_SERVICES', 'EMPLOYERS'], withdrawnOn: null } },
      { action: 'cardWithdrawConsent', part: 'consent', oldValue: { givenOn: '2026-11-02', scope: ['EMPLOYMENT_SERVICES', 'EMPLOYERS'], withdrawnOn: null },
        newValue: { givenOn: '2026-11-02', scope: ['EMPLOYMENT_SERVICES', 'EMPLOYERS'], withdrawnOn: '2026-11-20' } },
    ]);
  });

  it('reads as it stood before its withdrawal when the card is read as of then', async () => {
    const id = await newCard();
    accepted(await fixture.api.execute(RECORD, { id, version: 1, input: { givenOn: '2026-11-02', scope: ['STATE_INFORMATION_SYSTEMS'] } }), 'cardRecordConsent');
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    accepted(await fixture.api.execute(WITHDRAW, { id, version: 2, on: '2026-11-21' }), 'cardWithdrawConsent');
    const { card } = dataOf(await fixture.api.execute(`query($id: ID!, $at: DateTime!) { card(id: $id, asOf: $at) { consent { withdrawnOn active } } }`, { id, at: between }));
    expect(card.consent).toEqual({ withdrawnOn: null, active: true });
  });

  it('refuses a consent dated in the future or covering nothing, and changes nothing', async () => {
    const id = await newCard();
    await rejects(fixture.api, id, () => fixture.api.execute(RECORD, { id, version: 1, input: { givenOn: TOMORROW, scope: ['EMPLOYERS'] } }), 'cardRecordConsent', 'IN_FUTURE', ['input', 'givenOn']);
    await rejects(fixture.api, id, () => fixture.api.execute(RECORD, { id, version: 1, input: { givenOn: '2026-11-02', scope: [] } }), 'cardRecordConsent', 'REQUIRED', ['input', 'scope']);
  });

  it('refuses a withdrawal with no consent standing, or dated before the consent', async () => {
    const id = await newCard();
    await rejects(fixture.api, id, () => fixture.api.execute(WITHDRAW, { id, version: 1, on: '2026-11-20' }), 'cardWithdrawConsent', 'INVALID_TRANSITION', ['id']);
    accepted(await fixture.api.execute(RECORD, { id, version: 1, input: { givenOn: '2026-11-10', scope: ['EMPLOYERS'] } }), 'cardRecordConsent');
    await rejects(fixture.api, id, () => fixture.api.execute(WITHDRAW, { id, version: 2, on: '2026-11-09' }), 'cardWithdrawConsent', 'DATE_ORDER', ['withdrawnOn']);
    accepted(await fixture.api.execute(WITHDRAW, { id, version: 2, on: '2026-11-10' }), 'cardWithdrawConsent');
    await rejects(fixture.api, id, () => fixture.api.execute(WITHDRAW, { id, version: 3, on: '2026-11-11' }), 'cardWithdrawConsent', 'INVALID_TRANSITION', ['id']);
  });
});
