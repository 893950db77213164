import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import { Card } from '../../src/modules/card/card.entity.ts';
import type { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { Territories } from '../../src/modules/dictionary/territories.ts';
import { CardHistory } from '../../src/modules/history/history.entity.ts';
import { HttpLabourContractRegistry } from '../../src/modules/labour-contracts/http-registry.ts';
import { LABOUR_CONTRACTS_CHECK, labourContractJobs } from '../../src/modules/labour-contracts/labour-contracts.job.ts';
import { checkOutcomes, LABOUR_CONTRACTS_ACTOR_ID, labourContractsActor } from '../../src/modules/labour-contracts/outcome-check.ts';
import { OutcomeConflict } from '../../src/modules/labour-contracts/outcome-conflict.entity.ts';
import { ActiveMeasure } from '../../src/modules/measures/measure.entity.ts';
import { Referral } from '../../src/modules/referral/referral.entity.ts';
import { SpecialWorkplace } from '../../src/modules/special-workplace/special-workplace.entity.ts';
import type { JobDefinition } from '../../src/jobs/job.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { contractsRecord, type ContractData } from '../support/labour-contracts.ts';
import { startRegistryServer, type RegistryServer } from '../support/registry-server.ts';
import { servedApi, type Caller } from '../support/served-api.ts';
import { until } from '../support/server-process.ts';
import { counted, growth } from '../support/metrics.ts';

// The labour-contract check, run as the job runner runs it (its definition's `handle`), against a
// real HTTP stand-in of the register: it records what the register says as the outcome of each
// kind of entry, through the caseworkers' own services and with the register named in the history;
// a second run changes nothing; what differs from a caseworker's record is listed for their center,
// never written over; a register that cannot answer leaves the cards as they are and fails the job.

const api = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }));
const TODAY = '2026-11-29';
let server: RegistryServer;
let registry: HttpLabourContractRegistry;
let territories: Territories;
let job: JobDefinition;
let center: CareerCenter;
let other: CareerCenter;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  server = await startRegistryServer({ resource: '/contracts' });
  // No test here waits for a timeout: a generous one keeps a busy machine's slow answers from failing it.
  registry = new HttpLabourContractRegistry({ baseUrl: server.url, timeoutMs: 10_000 });
  territories = await Territories.load(api.db.orm.em.fork());
  [job] = labourContractJobs({
    orm: api.db.orm, territories, registry, settings: { LABOUR_CONTRACTS_CHECK_SCHEDULE: '30 2 * * *' },
    clock: { now: () => new Date(), today: () => TODAY },
  }) as [JobDefinition];
  center = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-LC-KEEP' });
  other = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-LC-OTHER' });
  const staff: [string, Role, string | null][] = [
    ['caseworker', 'CASEWORKER', center.code], ['head', 'HEAD', center.code], ['other caseworker', 'CASEWORKER', other.code], ['analyst', 'ANALYST', null],
  ];
  for (const [who, role, careerCenter] of staff) callers[who] = { role, careerCenter, subject: who.replace(' ', '-'), name: `${who} name` };
});
afterAll(() => server.close());

const run = () => job.handle({}, { id: 'job-1', retryCount: 0, signal: new AbortController().signal });
const stored = (card: Card) => api.db.orm.em.fork().findOneOrFail(Card, { id: card.id });
const historyOf = (card: Card) => api.db.orm.em.fork().find(CardHistory, { card: card.id }, { orderBy: { id: 'asc' } });
const referralsOf = (card: Card) => api.db.orm.em.fork().find(Referral, { card: card.id }, { orderBy: { id: 'asc' } });
const measuresOf = (card: Card) => api.db.orm.em.fork().find(ActiveMeasure, { card: card.id }, { orderBy: { id: 'asc' } });
const workplacesOf = (card: Card) => api.db.orm.em.fork().find(SpecialWorkplace, { card: card.id }, { orderBy: { id: 'asc' } });
const conflictsOf = (card: Card) => api.db.orm.em.fork().find(OutcomeConflict, { card: card.id }, { orderBy: { id: 'asc' } });
const answer = (card: Card, contracts: ContractData[]) => server.answer(card.iin, { json: contractsRecord(card.iin, contracts) });
const dateOf = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_, v) => (v instanceof Date ? dateOf(v) : v)));

const BEREKE = { contractNumber: 'ТД-101', employerName: 'Береке ТОО', employerBin: '040340001234', position: 'бухгалтер', concludedOn: '2026-10-10', startedOn: '2026-10-12' };
const AKIMAT = {
  contractNumber: 'ОР-45', employerName: 'КГУ "Аппарат акима"', employerBin: '100140011188', position: 'рабочий по благоустройству',
  concludedOn: '2026-08-04', startedOn: '2026-08-05', endsOn: '2026-10-31',
};
const TAZA = { contractNumber: '2026/77', employerName: 'ТОО «Таза Қала»', employerBin: '070940004321', position: 'дворник', concludedOn: '2026-11-08', startedOn: '2026-11-10' };
const INVA = { contractNumber: 'ЛС-7', employerName: 'ТОО «Инва Цех»', employerBin: '150240023456', position: 'оператор', concludedOn: '2026-09-05', startedOn: '2026-09-06' };

describe(`the ${LABOUR_CONTRACTS_CHECK} job`, () => {
  it('is scheduled as the settings say, and retried', () => {
    expect(job).toMatchObject({ name: 'labourContracts.check', schedule: '30 2 * * *', retry: { limit: 5, backoff: true } });
    expect(labourContractJobs({ orm: api.db.orm, territories: null as never, registry: null, settings: { LABOUR_CONTRACTS_CHECK_SCHEDULE: '30 2 * * *' } })[0]!.schedule).toBeNull();
  });

  let card: Card;
  it('records the outcome of each kind of entry from the register, naming it in the history', async () => {
    card = await aCard()
      .withReferral({ employerName: 'ТОО «Береке»', position: 'бухгалтер', referredOn: '2026-10-01' })
      .withSubsidizedJob({
        referredOn: '2026-08-01', employerName: 'КГУ «Аппарат акима»', participationPeriod: { start: '2026-08-05', end: '2026-10-31' },
        hiringAct: null, employment: null,
      })
      .withSpecialWorkplace({ employerName: 'ТОО «Инва Цех»', referredOn: '2026-09-01', hiringAct: null })
      .withProfessionalTraining({ referredOn: '2026-06-01', studyPeriod: { start: '2026-06-10', end: '2026-09-30' }, employment: null })
      .withRelocation({ referredOn: '2026-10-20', employment: null })
      .save(api.db.orm.em.fork(), center);
    // An earlier contract with the referral's employer, before the referral: not its outcome.
    const earlier = { ...BEREKE, contractNumber: 'ТД-9', concludedOn: '2026-09-20', startedOn: '2026-09-21', endsOn: '2026-09-30' };
    answer(card, [earlier, BEREKE, AKIMAT, TAZA, INVA]);
    const before = await stored(card);
    const countedBefore = await counted('api_labour_contract_outcomes_total');

    await run();
    expect(growth(countedBefore, await counted('api_labour_contract_outcomes_total'))).toEqual({ recorded: 6 });

    const [referral] = await referralsOf(card);
    expect(plain(referral!.hiringAct)).toEqual({ orderDate: '2026-10-10', orderNumber: 'ТД-101', position: 'бухгалтер' });
    const [subsidized, training, relocation] = await measuresOf(card) as any[];
    // The subsidized job's own short contract is its hiring act; the permanent job after it, its employment.
    expect(plain(subsidized.hiringAct)).toEqual({ orderDate: '2026-08-04', orderNumber: 'ОР-45', position: 'рабочий по благоустройству' });
    expect(plain(subsidized.employment)).toEqual({ employedOn: '2026-11-10', employerName: 'ТОО «Таза Қала»', position: 'дворник' });
    expect(plain(training.employment)).toEqual({ employedOn: '2026-10-12', employerName: 'Береке ТОО', position: 'бухгалтер' });
    expect(plain(relocation.employment)).toEqual({ employedOn: '2026-11-10', employerName: 'ТОО «Таза Қала»', position: 'дворник' });
    const [workplace] = await workplacesOf(card);
    expect(plain(workplace!.hiringAct)).toEqual({ orderDate: '2026-09-05', orderNumber: 'ЛС-7', position: 'оператор' });

    const recorded = (await historyOf(card)).map((h) => ({ actor: h.actor, actorName: h.actorName, action: h.action, part: h.part }));
    const registryName = expect.stringContaining(server.url.replace('http://', ''));
    expect(recorded).toEqual(expect.arrayContaining([
      { actor: LABOUR_CONTRACTS_ACTOR_ID, actorName: registryName, action: 'referralRecordHiring', part: 'referral' },
      { actor: LABOUR_CONTRACTS_ACTOR_ID, actorName: registryName, action: 'subsidizedJobRecordDecision', part: 'activeMeasure' },
      { actor: LABOUR_CONTRACTS_ACTOR_ID, actorName: registryName, action: 'specialWorkplaceRecordHiring', part: 'specialWorkplace' },
    ]));
    expect(recorded.filter((h) => h.action === 'activeMeasureRecordEmployment' && h.actor === LABOUR_CONTRACTS_ACTOR_ID)).toHaveLength(3);
    expect(recorded).toHaveLength(6);
    expect((await stored(card)).version).toBe(before.version + 6);
    expect(await conflictsOf(card)).toEqual([]);
  });

  it('a second run over the same answers records nothing new', async () => {
    const before = { card: await stored(card), history: await historyOf(card) };
    await run();
    expect((await stored(card)).version).toBe(before.card.version);
    expect(await historyOf(card)).toHaveLength(before.history.length);
    expect(await conflictsOf(card)).toEqual([]);
  });

  it('a contract concluded before the referral, or with another employer, is no outcome', async () => {
    const late = await aCard().withReferral({ employerName: 'ТОО «Береке»', referredOn: '2026-10-15' }).save(api.db.orm.em.fork(), center);
    answer(late, [BEREKE, { ...INVA, concludedOn: '2026-10-20', startedOn: '2026-10-20' }]);
    await run();
    const [referral] = await referralsOf(late);
    expect(referral!.hiringAct ?? null).toBeNull();
    expect(await historyOf(late)).toEqual([]);
  });

  let conflicted: Card;
  it('does not write over what a caseworker recorded: the difference is listed as a conflict, once', async () => {
    conflicted = await aCard()
      // The caseworker recorded a hiring act of another date and number than the register's contract…
      .withSubsidizedJob({
        referredOn: '2026-08-01', employerName: 'КГУ «Аппарат акима»', participationPeriod: { start: '2026-08-05', end: '2026-10-31' },
        hiringAct: { orderDate: '2026-08-20', orderNumber: '99-к', position: 'рабочий' }, employment: null,
      })
      // …and a refusal where the register shows the person hired.
      .withReferral({ employerName: 'ТОО «Инва Цех»', referredOn: '2026-09-01', refusal: { refusedBy: 'EMPLOYER', refusedOn: '2026-09-03', reason: 'нет вакансий' } })
      .save(api.db.orm.em.fork(), center);
    answer(conflicted, [AKIMAT, TAZA, INVA]);
    const countedBefore = await counted('api_labour_contract_outcomes_total');
    await run();
    await run();
    expect(growth(countedBefore, await counted('api_labour_contract_outcomes_total'))).toEqual({ recorded: 1, conflict: 2 });

    const [measure] = await measuresOf(conflicted) as any[];
    expect(plain(measure.hiringAct)).toEqual({ orderDate: '2026-08-20', orderNumber: '99-к', position: 'рабочий' });
    // What was open is still recorded.
    expect(plain(measure.employment)).toEqual({ employedOn: '2026-11-10', employerName: 'ТОО «Таза Қала»', position: 'дворник' });
    const [referral] = await referralsOf(conflicted);
    expect(referral!.hiringAct ?? null).toBeNull();
    expect(referral!.refusal).not.toBeNull();
    const conflicts = (await conflictsOf(conflicted)).map((c) => ({ entryType: c.entryType, outcome: c.outcome, number: c.contract.contractNumber, recorded: plain(c.recorded) }));
    // Entries are judged latest referral first.
    expect(conflicts).toEqual([
      { entryType: 'Referral', outcome: 'HIRING_ACT', number: 'ЛС-7', recorded: { hiringAct: null, refused: true } },
      { entryType: 'SubsidizedJob', outcome: 'HIRING_ACT', number: 'ОР-45', recorded: { hiringAct: { orderDate: '2026-08-20', orderNumber: '99-к', position: 'рабочий' }, refused: false } },
    ]);
  });

  const LIST = `query($reviewed: Boolean) { outcomeConflicts(first: 10, reviewed: $reviewed) { edges { node {
    id card { id } entry { __typename ... on SubsidizedJob { employerName } ... on Referral { employerName } }
    outcome recordedHiringAct { orderDate orderNumber } recordedRefusal recordedEmployment { employerName }
    registryContract { contractNumber employerBin employerName concludedOn startedOn endsOn } registryHiringAct { orderDate orderNumber position }
    source reviewedAt reviewedBy reviewedByName } } pageInfo { hasNextPage } } }`;
  const MARK = `mutation($id: ID!) { outcomeConflictMarkReviewed(id: $id) { outcomeConflict { id reviewedBy reviewedByName reviewedAt } userErrors { field code } } }`;

  it('lists the conflicts for the caseworkers and head of the center that keeps the card, and for no one else', async () => {
    const { body } = await api.post(LIST, {}, callers.caseworker);
    const nodes = body.data.outcomeConflicts.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(2);
    const subsidized = nodes.find((n: any) => n.entry.__typename === 'SubsidizedJob');
    expect(subsidized).toMatchObject({
      card: { id: toGlobalId('Card', conflicted.id) }, entry: { employerName: 'КГУ «Аппарат акима»' }, outcome: 'HIRING_ACT',
      recordedHiringAct: { orderDate: '2026-08-20', orderNumber: '99-к' }, recordedRefusal: false, recordedEmployment: null,
      registryContract: { contractNumber: 'ОР-45', employerBin: '100140011188', employerName: 'КГУ "Аппарат акима"', concludedOn: '2026-08-04', startedOn: '2026-08-05', endsOn: '2026-10-31' },
      registryHiringAct: { orderDate: '2026-08-04', orderNumber: 'ОР-45', position: 'рабочий по благоустройству' },
      reviewedAt: null, reviewedBy: null,
    });
    expect(nodes.find((n: any) => n.entry.__typename === 'Referral')).toMatchObject({ recordedRefusal: true, recordedHiringAct: null, registryContract: { contractNumber: 'ЛС-7' } });
    expect((await api.post(LIST, {}, callers.head)).body.data.outcomeConflicts.edges).toHaveLength(2);
    expect((await api.post(LIST, {}, callers['other caseworker'])).body.data.outcomeConflicts.edges).toEqual([]);
    const analyst = await api.post(LIST, {}, callers.analyst);
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(analyst.body.data).toBeNull();

    // Reading a conflict is a read of the card (the read audit), as reading the entry is.
    const audit = await api.post(`query($card: ID) { readAudit(first: 10, filter: { card: $card }) { edges { node { readBy operationName cards } } } }`,
      { card: toGlobalId('Card', conflicted.id) }, callers.head);
    expect(audit.body.data.readAudit.edges.map((e: any) => e.node)).toContainEqual({ readBy: 'caseworker', operationName: null, cards: [toGlobalId('Card', conflicted.id)] });

    // node(id) answers the center's staff only.
    const NODE = `query($id: ID!) { node(id: $id) { id ... on OutcomeConflict { outcome registryContract { contractNumber } } } }`;
    const { id } = subsidized;
    expect((await api.post(NODE, { id }, callers.caseworker)).body.data.node).toEqual({ id, outcome: 'HIRING_ACT', registryContract: { contractNumber: 'ОР-45' } });
    expect((await api.post(NODE, { id }, callers['other caseworker'])).body.data.node).toBeNull();
    expect((await api.post(NODE, { id }, callers.analyst)).body.data.node).toBeNull();
  });

  it('marks a conflict reviewed (kept, with who and when) for its center only, once', async () => {
    const { body } = await api.post(LIST, {}, callers.caseworker);
    const id = body.data.outcomeConflicts.edges[0].node.id;
    const foreign = await api.post(MARK, { id }, callers['other caseworker']);
    expect(foreign.body.data.outcomeConflictMarkReviewed).toEqual({ outcomeConflict: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND' }] });
    const analyst = await api.post(MARK, { id }, callers.analyst);
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const marked = await api.post(MARK, { id }, callers.caseworker);
    expect(marked.body.data.outcomeConflictMarkReviewed).toMatchObject({
      outcomeConflict: { id, reviewedBy: 'caseworker', reviewedByName: 'caseworker name', reviewedAt: expect.any(String) }, userErrors: [],
    });
    const again = await api.post(MARK, { id }, callers.head);
    expect(again.body.data.outcomeConflictMarkReviewed.userErrors).toEqual([{ field: ['id'], code: 'OUTCOME_CONFLICT_ALREADY_REVIEWED' }]);

    const open = (await api.post(LIST, {}, callers.caseworker)).body.data.outcomeConflicts.edges;
    expect(open.map((e: any) => e.node.id)).not.toContain(id);
    const reviewed = (await api.post(LIST, { reviewed: true }, callers.caseworker)).body.data.outcomeConflicts.edges.map((e: any) => e.node);
    expect(reviewed).toEqual([expect.objectContaining({ id, reviewedBy: 'caseworker' })]);
    expect((await api.post(LIST, { reviewed: null }, callers.caseworker)).body.data.outcomeConflicts.edges).toHaveLength(2);

    // Asking the register again lists nothing anew: the reviewed conflict stays reviewed.
    await run();
    expect(await conflictsOf(conflicted)).toHaveLength(2);
    expect((await api.post(LIST, {}, callers.caseworker)).body.data.outcomeConflicts.edges).toHaveLength(1);
  });

  it('pages the list with cursors, newest first', async () => {
    const first = (await api.post(`{ outcomeConflicts(first: 1, reviewed: null) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, {}, callers.caseworker)).body.data.outcomeConflicts;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await api.post(`query($after: String) { outcomeConflicts(first: 5, after: $after, reviewed: null) { edges { node { id } } pageInfo { hasNextPage } } }`,
      { after: first.pageInfo.endCursor }, callers.caseworker)).body.data.outcomeConflicts;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(rest.edges).toHaveLength(1);
    expect(rest.edges[0].node.id).not.toBe(first.edges[0].node.id);
  });

  it('a hiring a caseworker records while the register is being asked is not written over', async () => {
    const racing = await aCard().withReferral({ employerName: 'ТОО «Береке»', referredOn: '2026-10-01' }).save(api.db.orm.em.fork(), center);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    server.answer(racing.iin, { json: contractsRecord(racing.iin, [BEREKE]), until: held });
    const running = run();
    await until(() => server.asked().includes(racing.iin), 'the register is asked about the card');
    const [referral] = await referralsOf(racing);
    const recorded = await api.post(`mutation($id: ID!, $version: Int!, $input: HiringActInput!) {
      referralRecordHiring(id: $id, version: $version, input: $input) { userErrors { code } } }`, {
      id: toGlobalId('Referral', referral!.id), version: (await stored(racing)).version, input: { orderDate: '2026-10-25', orderNumber: '31-к', position: 'кассир' },
    }, callers.caseworker);
    expect(recorded.body.data.referralRecordHiring.userErrors).toEqual([]);
    release();
    await running;
    expect(plain((await referralsOf(racing))[0]!.hiringAct)).toEqual({ orderDate: '2026-10-25', orderNumber: '31-к', position: 'кассир' });
    expect((await historyOf(racing)).map((h) => h.actor)).toEqual(['caseworker']);
    expect((await conflictsOf(racing)).map((c) => [c.entryType, c.outcome, c.contract.contractNumber])).toEqual([['Referral', 'HIRING_ACT', 'ТД-101']]);
  });

  it('skips a person the register answers about unusably, and voided entries, recording nothing', async () => {
    const unusable = await aCard().withReferral({ employerName: 'ТОО «Береке»', referredOn: '2026-10-01' }).save(api.db.orm.em.fork(), center);
    server.answer(unusable.iin, { json: { iin: unusable.iin, contracts: [{ contractNumber: 'ТД-101' }] } });
    const voided = await aCard()
      .withReferral({ employerName: 'ТОО «Береке»', referredOn: '2026-10-01', voidedAt: new Date(), voidedBy: 'caseworker', voidReason: 'ошибка' })
      .withSpecialWorkplace({ employerName: 'ТОО «Инва Цех»', referredOn: '2026-09-01', hiringAct: null })
      .save(api.db.orm.em.fork(), center);
    answer(voided, [BEREKE, INVA]);
    await run();
    expect(await historyOf(unusable)).toEqual([]);
    // The voided referral takes nothing; the special workplace beside it is recorded.
    expect((await historyOf(voided)).map((h) => h.action)).toEqual(['specialWorkplaceRecordHiring']);
    expect((await referralsOf(voided))[0]!.hiringAct ?? null).toBeNull();
  });

  it('walks the cards in batches, and stops between cards when the process stops', async () => {
    const cards: Card[] = [];
    for (let i = 0; i < 3; i++) {
      const card = await aCard().withReferral({ employerName: 'ТОО «Береке»', referredOn: '2026-10-01' }).save(api.db.orm.em.fork(), center);
      answer(card, [BEREKE]);
      cards.push(card);
    }
    const stopped = new AbortController();
    stopped.abort();
    const asked = server.requests.length;
    await expect(job.handle({}, { id: 'job-2', retryCount: 0, signal: stopped.signal })).rejects.toThrow('stopped');
    expect(server.requests.length).toBe(asked);

    const totals = await checkOutcomes({
      em: api.db.orm.em.fork(), actor: labourContractsActor(registry), territories, now: () => new Date(), today: () => TODAY, contractRegistry: registry,
    }, { batchSize: 1, afterId: String(BigInt(cards[0]!.id) - 1n) });
    expect(totals).toEqual({ asked: 3, recorded: 3, conflicts: 0, unknown: 0, unusable: 0 });
    for (const card of cards) expect((await referralsOf(card))[0]!.hiringAct?.orderNumber).toBe('ТД-101');
  });

  it('fails when the register cannot answer, leaving the card untouched (the runner retries)', async () => {
    const waiting = await aCard().withReferral({ employerName: 'ТОО «Береке»', referredOn: '2026-10-01' }).save(api.db.orm.em.fork(), center);
    server.answer(waiting.iin, { status: 503, json: { message: 'maintenance' } });
    const before = await stored(waiting);
    await expect(run()).rejects.toThrow('the labour-contract registry is unavailable: the labour-contract registry answered HTTP 503');
    expect((await stored(waiting)).version).toBe(before.version);
    expect(await historyOf(waiting)).toEqual([]);
    expect((await referralsOf(waiting))[0]!.hiringAct ?? null).toBeNull();

    // Once it answers, the retry records the outcome.
    answer(waiting, [BEREKE]);
    await run();
    expect(plain((await referralsOf(waiting))[0]!.hiringAct)).toEqual({ orderDate: '2026-10-10', orderNumber: 'ТД-101', position: 'бухгалтер' });
  });
});
