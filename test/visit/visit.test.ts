import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { dataOf, TODAY } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { BEFORE_BIRTH, BIRTH, rejects, TOMORROW, wholeCard } from '../support/keeping.ts';
import { dbId, sectionKit, VISIT } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, apply, newCard, versionOf, lastChange, entryIdChecks, staleCheck } = kit;

// ---------------------------------------------------------------------------------------------
// §18 visits

describe('§18 visits', () => {
  let cardId: string;
  const visits = async (includeVoided = false) => {
    const { card } = dataOf(await kit.api.execute(`query($id: ID!, $all: Boolean) { card(id: $id) { visits(first: 100, includeVoided: $all) { totalCount edges { node { ${VISIT} voided { reason } } } } } }`, { id: cardId, all: includeVoided }));
    return card.visits.edges.map((edge: any) => edge.node);
  };
  const plan = async (plannedOn: string) => (await apply('visitPlan', { cardId, version: await versionOf(cardId), input: { plannedOn } })).visit;

  beforeAll(async () => {
    // Two rows on paper already: 1 (attended) and 2 (planned).
    cardId = await newCard(aCard().withVisit().withVisit({ plannedOn: '2026-03-15', attendedOn: null, note: null }));
  });

  it('visitPlan plans a visit in the future as the next row: version + 1, the row, and the card reads it back', async () => {
    const payload = await apply('visitPlan', { cardId, version: 1, input: { plannedOn: '2027-01-15' } });
    expect(payload.visit).toEqual({ id: expect.any(String), rowNumber: 3, plannedOn: '2027-01-15', attendedOn: null, note: null });
    expect(parseGlobalId(payload.visit.id)?.type).toBe('Visit');
    expect(payload.card).toEqual({ id: cardId, version: 2, visits: { totalCount: 3 } });
    const rows = (await wholeCard(kit.api, cardId)).visits.edges.map((edge: any) => edge.node);
    expect(rows.map((row: any) => row.rowNumber)).toEqual([1, 2, 3]);
    expect(rows[2]).toEqual(payload.visit);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'visitPlan', part: 'visit', entryId: payload.visit.id, oldValue: null })]);
  });

  it('numbers rows by planned date as on paper, not by entry: a visit entered later but planned earlier takes its place', async () => {
    const january = (await visits())[2];
    const april = await plan('2026-04-01');
    expect(april.rowNumber).toBe(3);
    const listed = await visits();
    expect(listed.map((row: any) => [row.rowNumber, row.plannedOn])).toEqual([[1, '2026-02-15'], [2, '2026-03-15'], [3, '2026-04-01'], [4, '2027-01-15']]);
    expect(listed[3].id).toBe(january.id);
    // The same numbers by id (node), on later pages and in the history's past views.
    const node = dataOf(await kit.api.execute('query($id: ID!) { node(id: $id) { ... on Visit { rowNumber } } }', { id: january.id }));
    expect(node).toEqual({ node: { rowNumber: 4 } });
    const { card } = dataOf(await kit.api.execute('query($id: ID!) { card(id: $id) { first: visits(first: 2) { pageInfo { endCursor } } } }', { id: cardId }));
    const next = dataOf(await kit.api.execute('query($id: ID!, $after: String) { card(id: $id) { visits(first: 2, after: $after) { edges { node { rowNumber plannedOn } } } } }', { id: cardId, after: card.first.pageInfo.endCursor }));
    expect(next.card.visits.edges.map((e: any) => [e.node.rowNumber, e.node.plannedOn])).toEqual([[3, '2026-04-01'], [4, '2027-01-15']]);
  });

  it('a voided visit is not counted: the numbers after it close up, and it has none', async () => {
    const february = await plan('2027-02-01');
    const march = await plan('2027-03-01');
    expect([february.rowNumber, march.rowNumber]).toEqual([5, 6]);
    const before = new Date().toISOString();
    await apply('cardEntryVoid', { id: february.id, version: await versionOf(cardId), reason: 'ошибочная запись' });
    expect((await visits()).map((row: any) => [row.rowNumber, row.plannedOn])).toEqual(
      [[1, '2026-02-15'], [2, '2026-03-15'], [3, '2026-04-01'], [4, '2027-01-15'], [5, '2027-03-01']]);
    expect((await visits(true)).map((row: any) => row.rowNumber)).toEqual([1, 2, 3, 4, null, 5]);
    // As the card stood before the voiding, the voided row had its number and the next row its own.
    const past = dataOf(await kit.api.execute(`query($id: ID!, $at: DateTime) { card(id: $id, asOf: $at) { visits(first: 100) { edges { node { id rowNumber } } } } }`, { id: cardId, at: before }));
    expect(past.card.visits.edges.map((e: any) => e.node)).toEqual(expect.arrayContaining([{ id: february.id, rowNumber: 5 }, { id: march.id, rowNumber: 6 }]));
    // A number is not stored: the history of the voiding records no renumbering of other rows.
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'cardEntryVoid', entryId: february.id })]);
  });

  it('a corrected planned date moves the row to its place', async () => {
    const may = await plan('2027-05-01');
    expect(may.rowNumber).toBe(6);
    const moved = await apply('visitCorrect', { id: may.id, version: await versionOf(cardId), input: { plannedOn: '2026-01-10' } });
    expect(moved.visit.rowNumber).toBe(1);
    expect((await visits()).map((row: any) => row.plannedOn)).toEqual(['2026-01-10', '2026-02-15', '2026-03-15', '2026-04-01', '2027-01-15', '2027-03-01']);
    expect((await visits()).map((row: any) => row.rowNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('visitPlan accepts a planned date on the birth date', async () => {
    expect((await plan(BIRTH)).plannedOn).toBe(BIRTH);
  });

  it('visitRecord records the actual date and the note', async () => {
    const row = await plan('2026-11-25');
    const version = await versionOf(cardId);
    const payload = await apply('visitRecord', { id: row.id, version, input: { attendedOn: TODAY, note: 'выдано направление в ТОО «Береке»' } });
    const expected = { ...row, attendedOn: TODAY, note: 'выдано направление в ТОО «Береке»' };
    expect(payload.visit).toEqual(expected);
    expect(payload.card).toEqual({ id: cardId, version: version + 1 });
    expect((await wholeCard(kit.api, cardId)).visits.edges.map((edge: any) => edge.node)).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'visitRecord', entryId: row.id, oldValue: expect.objectContaining({ attendedOn: null }), newValue: expect.objectContaining({ attendedOn: TODAY }),
    })]);
  });

  it('visitRecord records a visit without a note', async () => {
    const row = await plan('2026-11-20');
    const payload = await apply('visitRecord', { id: row.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-21' } });
    expect(payload.visit).toEqual({ ...row, attendedOn: '2026-11-21', note: null });
  });

  it('visitCorrect corrects a row, the earlier value staying in the history', async () => {
    const row = await plan('2026-11-01');
    await apply('visitRecord', { id: row.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-02', note: 'пришёл' } });
    const version = await versionOf(cardId);
    const payload = await apply('visitCorrect', { id: row.id, version, input: { plannedOn: '2026-12-20', attendedOn: null, note: null } });
    // Moved to 20 December, the row's number is its place by planned date among the rows not voided.
    const others = (await visits()).filter((v: any) => v.id !== row.id);
    const place = others.filter((v: any) => v.plannedOn <= '2026-12-20').length + 1;
    const expected = { id: row.id, rowNumber: place, plannedOn: '2026-12-20', attendedOn: null, note: null };
    expect(payload.visit).toEqual(expected);
    expect(payload.card.version).toBe(version + 1);
    expect((await wholeCard(kit.api, cardId)).visits.edges.map((edge: any) => edge.node)).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'visitCorrect', entryId: row.id,
      oldValue: expect.objectContaining({ plannedOn: '2026-11-01', attendedOn: '2026-11-02', note: 'пришёл' }),
      newValue: expect.objectContaining({ plannedOn: '2026-12-20', attendedOn: null, note: null }),
    })]);
    const again = await apply('visitCorrect', { id: row.id, version: version + 1, input: { plannedOn: '2026-11-03', attendedOn: '2026-11-04', note: 'консультация' } });
    expect(again.visit).toEqual({ ...expected, rowNumber: expect.any(Number), plannedOn: '2026-11-03', attendedOn: '2026-11-04', note: 'консультация' });
    expect(again.visit.rowNumber).toBe(others.filter((v: any) => v.plannedOn <= '2026-11-03').length + 1);
  });

  it('rejects a planned date before the birth date (BEFORE_BIRTH)', async () => {
    const row = (await visits())[0];
    await rejects(kit.api, cardId, async () => call('visitPlan', { cardId, version: await versionOf(cardId), input: { plannedOn: BEFORE_BIRTH } }), 'visitPlan', 'BEFORE_BIRTH', ['input', 'plannedOn']);
    await rejects(kit.api, cardId, async () => call('visitCorrect', { id: row.id, version: await versionOf(cardId), input: { plannedOn: BEFORE_BIRTH } }), 'visitCorrect', 'BEFORE_BIRTH', ['input', 'plannedOn']);
  });

  it('rejects an actual date in the future (IN_FUTURE) or before the birth date (BEFORE_BIRTH), and an empty note', async () => {
    const row = await plan('2026-11-28');
    const record = (input: object) => async () => call('visitRecord', { id: row.id, version: await versionOf(cardId), input });
    await rejects(kit.api, cardId, record({ attendedOn: TOMORROW }), 'visitRecord', 'IN_FUTURE', ['input', 'attendedOn']);
    await rejects(kit.api, cardId, record({ attendedOn: BEFORE_BIRTH }), 'visitRecord', 'BEFORE_BIRTH', ['input', 'attendedOn']);
    await rejects(kit.api, cardId, record({ attendedOn: '2026-11-28', note: '   ' }), 'visitRecord', 'INVALID_VALUE', ['input', 'note']);
    const correct = (input: object) => async () => call('visitCorrect', { id: row.id, version: await versionOf(cardId), input: { plannedOn: '2026-11-28', ...input } });
    await rejects(kit.api, cardId, correct({ attendedOn: TOMORROW }), 'visitCorrect', 'IN_FUTURE', ['input', 'attendedOn']);
    await rejects(kit.api, cardId, correct({ attendedOn: '2026-11-28', note: '' }), 'visitCorrect', 'INVALID_VALUE', ['input', 'note']);
  });

  it('rejects a visit recorded twice (OUTCOME_ALREADY_RECORDED)', async () => {
    const row = await plan('2026-11-10');
    await apply('visitRecord', { id: row.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-10' } });
    await rejects(kit.api, cardId, async () => call('visitRecord', { id: row.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-11', note: 'повторно' } }),
      'visitRecord', 'OUTCOME_ALREADY_RECORDED', ['id']);
    // The row built as attended on paper too.
    const paper = (await visits()).find((r: any) => r.plannedOn === '2026-02-15');
    await rejects(kit.api, cardId, async () => call('visitRecord', { id: paper.id, version: await versionOf(cardId), input: { attendedOn: '2026-11-11' } }),
      'visitRecord', 'OUTCOME_ALREADY_RECORDED', ['id']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const row = await plan('2026-11-12');
    await staleCheck(cardId, 'visitPlan', (version) => ({ cardId, version, input: { plannedOn: '2027-05-01' } }));
    await staleCheck(cardId, 'visitRecord', (version) => ({ id: row.id, version, input: { attendedOn: '2026-11-12' } }));
    await staleCheck(cardId, 'visitCorrect', (version) => ({ id: row.id, version, input: { plannedOn: '2026-11-13' } }));
  });

  it('an entry id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const row = await plan('2026-11-14');
    const version = await versionOf(cardId);
    const other = toGlobalId('EmploymentPlanRow', dbId(row.id));
    await entryIdChecks(cardId, 'visitRecord', (id) => ({ id, version, input: { attendedOn: '2026-11-14' } }), 'Visit', other);
    await entryIdChecks(cardId, 'visitCorrect', (id) => ({ id, version, input: { plannedOn: '2026-11-15' } }), 'Visit', other);
  });
});
