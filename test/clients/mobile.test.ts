import { readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { systemClock } from '../../src/modules/base/clock.ts';
import * as caseworkerApp from '../../clients/caseworker/generated/graphql.ts';
import * as mobile from '../../clients/mobile/generated/graphql.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { clientOf, dataOf, operationsOf } from '../support/client.ts';
import { servedApi, type Caller } from '../support/served-api.ts';

// The citizen app's flow through its own typed operations (clients/mobile/, typed by the codegen
// client preset), on a server that runs only the apps' manifests as the preset wrote them: queries
// by GET (what the phone's HTTP cache keeps), mutations by POST, each by its hash. The center's
// desk acts through the caseworker app's operations. An operation the schema no longer serves
// fails codegen; one that no longer does what the app needs fails here.

jest.setTimeout(120_000);

const MANIFESTS = ['clients/mobile/generated/persisted-documents.json', 'clients/caseworker/generated/persisted-documents.json'];

describe('the citizen app', () => {
  const api = servedApi(() => ({ trustedDocuments: MANIFESTS, rateLimit: { perWindow: 0, windowSeconds: 60 } }));
  const app = clientOf(api.request, { send: 'hash' });
  const desk = clientOf(api.request, { send: 'text' });
  /** Queries go by GET, as the app sends them so that its HTTP cache can keep the answer. */
  const read = <R, V>(document: Parameters<typeof app<R, V>>[0], variables: V, caller: Caller) => app(document, variables, caller, 'get');

  it('applies at a center it chooses, sees the decision, its visits and referrals, and withdraws an application', async () => {
    const center = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-MOBILE' });
    const caseworker: Caller = { role: 'CASEWORKER', subject: 'cw-mobile', careerCenter: 'CC-MOBILE', name: 'Ахметова Динара' };
    const iin = nextIin('1994-10-10', 'FEMALE');
    // The app's application is dated today (the card's day), so the desk's dates are today's too.
    const today = systemClock.today();
    const person: Caller = { role: 'CITIZEN', subject: iin, careerCenter: null, language: 'kk' };

    // No card yet.
    expect(dataOf(await read(mobile.MyCardDocument, { iin }, person)).cardByIin).toBeNull();
    const centers = await read(mobile.CareerCentersDocument, {}, person);
    expect(centers.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const chosen = dataOf(centers).careerCenters.find((c) => c.code === 'CC-MOBILE')!;
    expect(chosen.id).toBe(toGlobalId('CareerCenter', center.id));

    const applied = dataOf(await app(mobile.ApplyDocument, {
      input: { kind: 'UNEMPLOYED', careerCenter: chosen.id, fullName: { surname: 'Серікова', givenName: 'Дана' }, phone: '+77012223344' },
    }, person)).cardApply;
    expect(applied).toMatchObject({ application: { kind: 'UNEMPLOYED', status: 'APPLIED' }, registrationStatus: 'NONE', userErrors: [] });

    // The center registers the application from its queue.
    const queue = dataOf(await desk(caseworkerApp.QueueDocument, {}, caseworker)).applications.edges;
    const waiting = queue.find((edge) => edge.node.id === applied.application!.id)!;
    expect(waiting.card.iin).toBe(iin);
    const registered = dataOf(await desk(caseworkerApp.RegisterDocument, { id: waiting.node.id, version: waiting.card.version, input: { registeredOn: today } }, caseworker)).registrationRegister;
    expect(registered.userErrors).toEqual([]);
    const cardId = registered.card!.id;
    let version = registered.card!.version;
    const planned = dataOf(await desk(caseworkerApp.PlanVisitDocument, { cardId, version, input: { plannedOn: '2027-01-15' } }, caseworker)).visitPlan;
    version = planned.card!.version;
    const referred = dataOf(await desk(caseworkerApp.ReferDocument, { cardId, version, input: { employerName: 'ТОО «Алатау Сервис»', position: 'Бухгалтер', referredOn: today } }, caseworker)).referralCreate;
    expect(referred.userErrors).toEqual([]);

    // The app sees it all.
    const card = dataOf(await read(mobile.MyCardDocument, { iin }, person)).cardByIin!;
    expect(card).toMatchObject({ id: cardId, registrationStatus: 'UNEMPLOYED', fullName: { surname: 'Серікова', givenName: 'Дана' } });
    expect(card.visits.edges.map((e) => e.node)).toEqual([{ plannedOn: '2027-01-15', attendedOn: null }]);
    const visits = dataOf(await read(mobile.MyVisitsDocument, { iin }, person)).cardByIin!.visits;
    expect(visits.edges.map((e) => e.node)).toEqual([{ id: planned.visit!.id, rowNumber: 1, plannedOn: '2027-01-15', attendedOn: null }]);
    expect(visits.pageInfo.hasNextPage).toBe(false);
    const referrals = dataOf(await read(mobile.MyReferralsDocument, { iin }, person)).cardByIin!.referrals;
    expect(referrals.edges.map((e) => e.node)).toEqual([{ employerName: 'ТОО «Алатау Сервис»', position: 'Бухгалтер', referredOn: today }]);

    // A second application, then withdrawn before the center decides it.
    const second = dataOf(await app(mobile.ApplyDocument, { input: { kind: 'JOB_SEEKER', careerCenter: chosen.id } }, person)).cardApply;
    expect(second.userErrors).toEqual([]);
    const mine = dataOf(await read(mobile.MyApplicationsDocument, { iin }, person)).cardByIin!;
    expect(mine.unemployedRegistrations).toEqual([expect.objectContaining({ status: 'REGISTERED', registeredOn: today })]);
    expect(mine.jobSeekerRegistrations).toEqual([expect.objectContaining({ id: second.application!.id, status: 'APPLIED' })]);
    const withdrawn = dataOf(await app(mobile.WithdrawDocument, { id: second.application!.id, version: mine.version }, person)).registrationWithdraw;
    expect(withdrawn).toMatchObject({ registration: { status: 'WITHDRAWN' }, userErrors: [] });
    expect(dataOf(await read(mobile.MyApplicationsDocument, { iin }, person)).cardByIin!.jobSeekerRegistrations).toEqual([expect.objectContaining({ status: 'WITHDRAWN' })]);

    // Another person's card is not the citizen's to read.
    const other = await read(mobile.MyCardDocument, { iin: nextIin('1980-01-01', 'MALE') }, person);
    expect(other.body.data?.cardByIin ?? null).toBeNull();
  });

  it('has run every operation of its manifest', () => {
    const manifest = JSON.parse(readFileSync(MANIFESTS[0]!, 'utf8')) as Record<string, string>;
    expect([...app.sent].sort()).toEqual(operationsOf(manifest));
  });
});
