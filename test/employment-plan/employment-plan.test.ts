import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseGlobalId, toGlobalId } from '../../src/api/relay.ts';
import { dataOf, TODAY } from '../support/api.ts';
import { aCard } from '../support/builders.ts';
import { BEFORE_BIRTH, rejects, TOMORROW, wholeCard } from '../support/keeping.ts';
import { dbId, sectionKit } from '../support/section-kit.ts';

const kit = sectionKit();
const { call, apply, newCard, versionOf, lastChange, entryIdChecks, staleCheck } = kit;

// ---------------------------------------------------------------------------------------------
// §20 employment plan

describe('§20 employment plan', () => {
  let cardId: string;
  const rows = async () => (await wholeCard(kit.api, cardId)).employmentPlan;
  const add = async (measure: string) => (await apply('employmentPlanRowAdd', { cardId, version: await versionOf(cardId), input: { measure } })).row;

  beforeAll(async () => {
    cardId = await newCard(aCard().withPlanRow());
  });

  it('employmentPlanRowAdd adds a measure as the next row: version + 1, the row, and the card reads it back', async () => {
    const existing = await rows();
    expect(existing.map((row: any) => row.rowNumber)).toEqual([1]);
    const payload = await apply('employmentPlanRowAdd', { cardId, version: 1, input: { measure: 'направление на профессиональное обучение' } });
    const row = { id: expect.any(String), rowNumber: 2, measure: 'направление на профессиональное обучение', execution: null, executedOn: null, nonExecutionReason: null };
    expect(payload.row).toEqual(row);
    expect(parseGlobalId(payload.row.id)?.type).toBe('EmploymentPlanRow');
    expect(payload.card).toEqual({ id: cardId, version: 2, employmentPlan: [...existing, payload.row] });
    expect(await rows()).toEqual([...existing, payload.row]);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({ action: 'employmentPlanRowAdd', part: 'employmentPlanRow', entryId: payload.row.id, oldValue: null })]);
  });

  it('numbers rows in the order they were added, a voided row not counted (the rows after it close up)', async () => {
    const second = await add('консультация психолога');
    const third = await add('ярмарка вакансий');
    const numbers = async (includeVoided = false) => {
      const { card } = dataOf(await kit.api.execute('query($id: ID!, $all: Boolean) { card(id: $id) { employmentPlan(includeVoided: $all) { id rowNumber } } }', { id: cardId, all: includeVoided }));
      return card.employmentPlan.map((row: any) => [row.id, row.rowNumber]);
    };
    const before = await numbers();
    const place = before.findIndex(([id]: [string]) => id === second.id);
    expect(before.map(([, n]: [string, number]) => n)).toEqual(before.map((_: unknown, i: number) => i + 1));
    await apply('cardEntryVoid', { id: second.id, version: await versionOf(cardId), reason: 'ошибочная запись' });
    const after = await numbers();
    expect(after.find(([id]: [string]) => id === third.id)[1]).toBe(place + 1);
    expect(after.map(([, n]: [string, number]) => n)).toEqual(after.map((_: unknown, i: number) => i + 1));
    expect((await numbers(true)).find(([id]: [string]) => id === second.id)).toEqual([second.id, null]);
  });

  it('employmentPlanRowRecordExecution records the execution', async () => {
    const row = await add('участие в ярмарке вакансий');
    const version = await versionOf(cardId);
    const payload = await apply('employmentPlanRowRecordExecution', { id: row.id, version, input: { executedOn: TODAY, execution: 'посетил ярмарку, 2 собеседования' } });
    const expected = { ...row, execution: 'посетил ярмарку, 2 собеседования', executedOn: TODAY };
    expect(payload.row).toEqual(expected);
    expect(payload.card).toEqual({ id: cardId, version: version + 1 });
    expect(await rows()).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'employmentPlanRowRecordExecution', entryId: row.id, oldValue: expect.objectContaining({ execution: null }), newValue: expect.objectContaining({ executedOn: TODAY }),
    })]);
  });

  it('employmentPlanRowRecordNonExecution records why a row was not executed', async () => {
    const row = await add('направление на субсидируемую работу');
    const version = await versionOf(cardId);
    const payload = await apply('employmentPlanRowRecordNonExecution', { id: row.id, version, input: { reason: 'отказ работодателя' } });
    const expected = { ...row, nonExecutionReason: 'отказ работодателя' };
    expect(payload.row).toEqual(expected);
    expect(payload.card).toEqual({ id: cardId, version: version + 1 });
    expect(await rows()).toContainEqual(expected);
    expect((await lastChange(cardId))[0]).toMatchObject({ action: 'employmentPlanRowRecordNonExecution', entryId: row.id });
  });

  it('employmentPlanRowCorrect corrects a row (executed → not executed → executed), the earlier value staying in the history', async () => {
    const row = await add('консультация психолога');
    await apply('employmentPlanRowRecordExecution', { id: row.id, version: await versionOf(cardId), input: { executedOn: '2026-11-01', execution: 'проведена' } });
    const version = await versionOf(cardId);
    const payload = await apply('employmentPlanRowCorrect', { id: row.id, version, input: { measure: 'консультация юриста', nonExecutionReason: 'неявка' } });
    const expected = { id: row.id, rowNumber: row.rowNumber, measure: 'консультация юриста', execution: null, executedOn: null, nonExecutionReason: 'неявка' };
    expect(payload.row).toEqual(expected);
    expect(payload.card.version).toBe(version + 1);
    expect(await rows()).toContainEqual(expected);
    expect(await lastChange(cardId)).toEqual([expect.objectContaining({
      action: 'employmentPlanRowCorrect', entryId: row.id,
      oldValue: expect.objectContaining({ measure: 'консультация психолога', execution: 'проведена', executedOn: '2026-11-01' }),
      newValue: expect.objectContaining({ measure: 'консультация юриста', execution: null, nonExecutionReason: 'неявка' }),
    })]);
    const again = await apply('employmentPlanRowCorrect', { id: row.id, version: version + 1, input: { measure: 'консультация юриста', execution: 'проведена', executedOn: '2026-11-05' } });
    expect(again.row).toEqual({ ...expected, execution: 'проведена', executedOn: '2026-11-05', nonExecutionReason: null });
    expect(await rows()).toContainEqual({ ...expected, execution: 'проведена', executedOn: '2026-11-05', nonExecutionReason: null });
  });

  it('rejects empty texts (INVALID_VALUE)', async () => {
    const row = await add('обучение');
    await rejects(kit.api, cardId, async () => call('employmentPlanRowAdd', { cardId, version: await versionOf(cardId), input: { measure: '   ' } }), 'employmentPlanRowAdd', 'INVALID_VALUE', ['input', 'measure']);
    await rejects(kit.api, cardId, async () => call('employmentPlanRowRecordExecution', { id: row.id, version: await versionOf(cardId), input: { executedOn: '2026-11-01', execution: '' } }),
      'employmentPlanRowRecordExecution', 'INVALID_VALUE', ['input', 'execution']);
    await rejects(kit.api, cardId, async () => call('employmentPlanRowRecordNonExecution', { id: row.id, version: await versionOf(cardId), input: { reason: ' ' } }),
      'employmentPlanRowRecordNonExecution', 'INVALID_VALUE', ['input', 'reason']);
    await rejects(kit.api, cardId, async () => call('employmentPlanRowCorrect', { id: row.id, version: await versionOf(cardId), input: { measure: '' } }),
      'employmentPlanRowCorrect', 'INVALID_VALUE', ['input', 'measure']);
  });

  it('rejects an execution dated in the future (IN_FUTURE) or before the birth date (BEFORE_BIRTH)', async () => {
    const row = await add('обучение');
    const record = (executedOn: string) => async () => call('employmentPlanRowRecordExecution', { id: row.id, version: await versionOf(cardId), input: { executedOn, execution: 'выполнено' } });
    await rejects(kit.api, cardId, record(TOMORROW), 'employmentPlanRowRecordExecution', 'IN_FUTURE', ['input', 'executedOn']);
    await rejects(kit.api, cardId, record(BEFORE_BIRTH), 'employmentPlanRowRecordExecution', 'BEFORE_BIRTH', ['input', 'executedOn']);
    await rejects(kit.api, cardId, async () => call('employmentPlanRowCorrect', { id: row.id, version: await versionOf(cardId), input: { measure: 'обучение', execution: 'выполнено', executedOn: TOMORROW } }),
      'employmentPlanRowCorrect', 'IN_FUTURE', ['input', 'executedOn']);
  });

  it('rejects an outcome recorded twice: execution or non-execution after either (OUTCOME_ALREADY_RECORDED)', async () => {
    const executed = await add('ярмарка');
    await apply('employmentPlanRowRecordExecution', { id: executed.id, version: await versionOf(cardId), input: { executedOn: '2026-11-02', execution: 'посетил' } });
    const notExecuted = await add('стажировка');
    await apply('employmentPlanRowRecordNonExecution', { id: notExecuted.id, version: await versionOf(cardId), input: { reason: 'болезнь' } });
    const execute = (id: string) => async () => call('employmentPlanRowRecordExecution', { id, version: await versionOf(cardId), input: { executedOn: '2026-11-03', execution: 'ещё раз' } });
    const notExecute = (id: string) => async () => call('employmentPlanRowRecordNonExecution', { id, version: await versionOf(cardId), input: { reason: 'передумал' } });
    await rejects(kit.api, cardId, execute(executed.id), 'employmentPlanRowRecordExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(kit.api, cardId, notExecute(executed.id), 'employmentPlanRowRecordNonExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(kit.api, cardId, execute(notExecuted.id), 'employmentPlanRowRecordExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
    await rejects(kit.api, cardId, notExecute(notExecuted.id), 'employmentPlanRowRecordNonExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
    // The row built as executed on paper too.
    const paper = (await rows()).find((r: any) => r.rowNumber === 1);
    await rejects(kit.api, cardId, notExecute(paper.id), 'employmentPlanRowRecordNonExecution', 'OUTCOME_ALREADY_RECORDED', ['id']);
  });

  it('employmentPlanRowCorrect rejects a row both executed and not executed (INVALID_VALUE), and an execution without its date (REQUIRED)', async () => {
    const row = await add('обучение');
    const correct = (input: object) => async () => call('employmentPlanRowCorrect', { id: row.id, version: await versionOf(cardId), input: { measure: 'обучение', ...input } });
    await rejects(kit.api, cardId, correct({ execution: 'выполнено', executedOn: '2026-11-01', nonExecutionReason: 'не выполнено' }), 'employmentPlanRowCorrect', 'INVALID_VALUE', ['input', 'nonExecutionReason']);
    await rejects(kit.api, cardId, correct({ executedOn: '2026-11-01', nonExecutionReason: 'не выполнено' }), 'employmentPlanRowCorrect', 'INVALID_VALUE', ['input', 'nonExecutionReason']);
    await rejects(kit.api, cardId, correct({ execution: 'выполнено', nonExecutionReason: 'не выполнено' }), 'employmentPlanRowCorrect', 'INVALID_VALUE', ['input', 'nonExecutionReason']);
    await rejects(kit.api, cardId, correct({ execution: 'выполнено' }), 'employmentPlanRowCorrect', 'REQUIRED', ['input', 'executedOn']);
  });

  it('rejects a stale version (STALE_CARD)', async () => {
    const row = await add('обучение');
    await staleCheck(cardId, 'employmentPlanRowAdd', (version) => ({ cardId, version, input: { measure: 'ещё одна мера' } }));
    await staleCheck(cardId, 'employmentPlanRowRecordExecution', (version) => ({ id: row.id, version, input: { executedOn: '2026-11-01', execution: 'выполнено' } }));
    await staleCheck(cardId, 'employmentPlanRowRecordNonExecution', (version) => ({ id: row.id, version, input: { reason: 'неявка' } }));
    await staleCheck(cardId, 'employmentPlanRowCorrect', (version) => ({ id: row.id, version, input: { measure: 'другая мера' } }));
  });

  it('an entry id of another type or malformed is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const row = await add('обучение');
    const version = await versionOf(cardId);
    const other = toGlobalId('Visit', dbId(row.id));
    await entryIdChecks(cardId, 'employmentPlanRowRecordExecution', (id) => ({ id, version, input: { executedOn: '2026-11-01', execution: 'выполнено' } }), 'EmploymentPlanRow', other);
    await entryIdChecks(cardId, 'employmentPlanRowRecordNonExecution', (id) => ({ id, version, input: { reason: 'неявка' } }), 'EmploymentPlanRow', other);
    await entryIdChecks(cardId, 'employmentPlanRowCorrect', (id) => ({ id, version, input: { measure: 'мера' } }), 'EmploymentPlanRow', other);
  });
});
