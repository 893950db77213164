import { beforeAll, describe, expect, it } from '@jest/globals';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { servedApi, type Caller } from '../support/served-api.ts';
import { anIdentityRecord } from './records.ts';

// The import applies the API's input rules to every record and rejects what breaks them: it never
// cuts text to fit a column. Over HTTP, as an integration client sends a batch (`cardImport`).

const api = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }));
const INTEGRATION: Caller = { role: 'INTEGRATION', subject: 'integration:test' };
const CENTER = 'CC-HOSTILE';

beforeAll(async () => {
  await aCareerCenter(api.db.orm.em.fork(), { code: CENTER });
});

type Result = { outcome: string; errors: { field: string[] | null; code: string }[] };

async function importOne(record: Record<string, unknown>): Promise<Result> {
  const { body } = await api.post(
    'mutation($records: [JSONObject!]!) { cardImport(records: $records) { results { outcome errors { field code message } } } }',
    { records: [record] }, INTEGRATION,
  );
  expect(body.errors).toBeUndefined();
  return (body.data as { cardImport: { results: Result[] } }).cardImport.results[0]!;
}

const storedCards = async (iin: unknown) => Number((await api.db.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from card where iin = ?', [iin]))[0]!.n);

const NAME = { surname: 'Жұмабаева', givenName: 'Әйгерім' };

describe('an import record breaking the input rules is rejected, never cut or stored', () => {
  it.each([
    ['a 300-character surname (it used to be stored cut to 255)', { fullName: { ...NAME, surname: 'Ж'.repeat(300) } }, 'fullName.surname', 'TOO_LONG'],
    ['a house number longer than its column', { address: { region: 'KZ-75', house: '1'.repeat(65) } }, 'address.house', 'TOO_LONG'],
    ['a NUL byte in a given name', { fullName: { ...NAME, givenName: 'Әй\u0000герім' } }, 'fullName.givenName', 'INVALID_VALUE'],
    ['a right-to-left override in a street', { address: { region: 'KZ-75', street: 'Абай \u202eдаңғылы' } }, 'address.street', 'INVALID_VALUE'],
    ['a lone surrogate in a nationality', { nationality: 'қаз\udc00ақ' }, 'nationality', 'INVALID_VALUE'],
    ['a surname of zero-width spaces', { fullName: { ...NAME, surname: '\u200b\u200b' } }, 'fullName.surname', 'INVALID_VALUE'],
    ['a 41-digit phone', { phone: `+7${'1'.repeat(40)}` }, 'phone', 'INVALID_VALUE'],
    ['a 1 MB visit note', { visits: [{ sourceId: 'v-1', plannedOn: '2026-02-20', attendedOn: '2026-02-20', note: 'я'.repeat(1024 * 1024) }] }, 'visits.0.note', 'TOO_LONG'],
    ['a NUL byte in a source id', { visits: [{ sourceId: 'v\u00001', plannedOn: '2026-02-20' }] }, 'visits.0.sourceId', 'INVALID_VALUE'],
    ['a visit planned for 9999-12-31', { visits: [{ sourceId: 'v-1', plannedOn: '9999-12-31' }] }, 'visits.0.plannedOn', 'TOO_FAR_AHEAD'],
    ['months of 1.5', {
      activeMeasures: [{ sourceId: 'am-1', kind: 'ENTREPRENEURSHIP_SUPPORT', referredOn: '2026-03-01', microcredit: { receivedOn: '2026-03-15', amount: '1000.00', repaymentTerm: { months: 1.5 }, activityType: 'нан' } }],
    }, 'activeMeasures.0.microcredit.repaymentTerm.months', 'INVALID_VALUE'],
    ['a repayment term of 1000000000 months', {
      activeMeasures: [{ sourceId: 'am-1', kind: 'ENTREPRENEURSHIP_SUPPORT', referredOn: '2026-03-01', microcredit: { receivedOn: '2026-03-15', amount: '1000.00', repaymentTerm: { months: 1_000_000_000 }, activityType: 'нан' } }],
    }, 'activeMeasures.0.microcredit.repaymentTerm.months', 'OUT_OF_RANGE'],
    ['a repayment term given both in months and as a date', {
      activeMeasures: [{ sourceId: 'am-1', kind: 'ENTREPRENEURSHIP_SUPPORT', referredOn: '2026-03-01', microcredit: { receivedOn: '2026-03-15', amount: '1000.00', repaymentTerm: { months: 12, until: '2027-03-15' }, activityType: 'нан' } }],
    }, 'activeMeasures.0.microcredit.repaymentTerm', 'INVALID_VALUE'],
  ])('%s', async (_, change, field, code) => {
    const record = anIdentityRecord(CENTER, change);
    const result = await importOne(record);
    expect(result.outcome).toBe('REJECTED');
    expect(result.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: field.split('.'), code })]));
    expect(await storedCards(record.iin)).toBe(0);
  });

  it('a person born in 1850 is rejected', async () => {
    const record = anIdentityRecord(CENTER, { iin: nextIin('1850-06-01') });
    const result = await importOne(record);
    expect(result.outcome).toBe('REJECTED');
    expect(result.errors).toEqual([expect.objectContaining({ field: ['iin'], code: 'INVALID_VALUE' })]);
  });

  it('text is stored in Unicode NFC, as the API stores it', async () => {
    const surname = `${'Ә'.normalize('NFD')}бдіқадыр`;
    const record = anIdentityRecord(CENTER, { fullName: { ...NAME, surname } });
    expect((await importOne(record)).outcome).toBe('CREATED');
    const rows = await api.db.orm.em.fork().execute<{ surname: string }[]>('select surname from card where iin = ?', [record.iin]);
    expect(rows[0]!.surname).toBe(surname.normalize('NFC'));
  });
});
