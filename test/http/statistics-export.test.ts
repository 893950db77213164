import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { csvField, csvRow } from '../../src/modules/base/csv.ts';
import { createTestApi, dataOf, type TestApi } from '../support/api.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';

// Statistics as CSV for spreadsheets: GET /export/statistics.csv, signed in as for
// GraphQL, headers in the language asked for, fields escaped (commas, quotes, Kazakh letters).

let db: TestDatabase;
let api: TestApi;
let issuer: TestIssuer;
let base: string;
let stop: () => Promise<void>;
let analyst: string;
/** A center whose names need quoting: a comma, quotes and Kazakh letters. */
const NAME = { kk: 'Қала, "Орталық" мансап орталығы', ru: 'Центр карьеры "Город", Алматы' };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  issuer = await createTestIssuer();
  const em = db.orm.em.fork();
  const center = await aCareerCenter(em, { code: 'CC-CSV', nameKk: NAME.kk, nameRu: NAME.ru });
  const other = await aCareerCenter(em, { code: 'CC-CSV-2', region: 'KZ-71', district: null });
  for (let i = 0; i < 3; i++) await aCard().withRegistration('JOB_SEEKER').withRegistration('UNEMPLOYED', { appliedOn: '2026-01-17', registeredOn: '2026-01-18' }).save(em, center);
  await aCard().withRegistration('JOB_SEEKER').save(em, other);
  analyst = await issuer.token({ role: 'ANALYST', careerCenter: null });
  ({ base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null }));
});
afterAll(async () => {
  await stop();
  await db.close();
});

const PERIOD = 'from=2020-01-01&to=2026-11-29';

/** The body's text (the decoder drops the byte-order mark) and its rows, after checking the mark is there. */
async function csvOf(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes);
  return { text, rows: parse(text) as string[][] };
}
const download = (query: string, headers: Record<string, string> = { authorization: `Bearer ${analyst}` }) =>
  fetch(`${base}/export/statistics.csv?${query}`, { headers });

describe('GET /export/statistics.csv', () => {
  it('gives the same figures as the statistics query, headed in Kazakh, with the center names escaped', async () => {
    const response = await download(`table=registrations&${PERIOD}&groupBy=CAREER_CENTER&language=kk`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="statistics-registrations-2020-01-01-2026-11-29.csv"');
    const { text, rows: [header, ...lines] } = await csvOf(response);
    expect(text).toContain('"Қала, ""Орталық"" мансап орталығы"');
    expect(header).toEqual(['Мансап орталығы (коды)', 'Мансап орталығы', 'Тіркеу түрі (коды)', 'Тіркеу түрі', 'Өтініш берді', 'Тіркелді', 'Тіркеуден бас тартылды', 'Тіркеуден шығарылды', 'Өтінішін кері қайтарып алды']);
    const { statistics } = dataOf(await api.execute(`{ statistics(period: { from: "2020-01-01", to: "2026-11-29" }, groupBy: [CAREER_CENTER]) {
      registrations { group { code label(language: KK) } kind applied registered refused deregistered withdrawn } } }`));
    expect(lines).toEqual(statistics.registrations.map((row: any) => [
      row.group[0].code, row.group[0].label, row.kind, row.kind === 'JOB_SEEKER' ? 'Жұмыс іздеуші адам ретінде тіркеу' : 'Жұмыссыз ретінде тіркеу',
      String(row.applied), String(row.registered), String(row.refused), String(row.deregistered), String(row.withdrawn),
    ]));
    expect(lines.find((line) => line[0] === 'CC-CSV')?.[1]).toBe(NAME.kk);
  });

  it('heads the columns in Russian for Accept-Language ru, and names the center in Russian', async () => {
    const response = await download(`table=relocation&${PERIOD}&groupBy=CAREER_CENTER`, { authorization: `Bearer ${analyst}`, 'accept-language': 'ru-RU,ru;q=0.9' });
    const { rows: [header] } = await csvOf(response);
    expect(header).toEqual(['Центр карьеры (код)', 'Центр карьеры', 'Семьи', 'Человек', 'Расходы на переезд, тенге', 'Возмещение аренды жилья, тенге',
      'Сертификат экономической мобильности, тенге', 'Итого, тенге']);
    const { text: names } = await csvOf(await download(`table=registrations&${PERIOD}&groupBy=CAREER_CENTER&language=ru`));
    expect(names).toContain('"Центр карьеры ""Город"", Алматы"');
  });

  it('serves every table', async () => {
    for (const table of ['registrations', 'refusalReasons', 'deregistrationReasons', 'referrals', 'activeMeasures', 'relocation']) {
      const response = await download(`table=${table}&${PERIOD}&groupBy=REGION,SEX`);
      expect(response.status).toBe(200);
      const { rows: [header] } = await csvOf(response);
      expect(header!.slice(0, 4)).toEqual(['Өңір (коды)', 'Өңір', 'Жынысы (коды)', 'Жынысы']);
    }
  });

  it('is signed in like GraphQL: 401 without a token, 403 for a citizen', async () => {
    const anonymous = await download(`table=registrations&${PERIOD}`, {});
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const citizen = await issuer.token({ role: 'CITIZEN', careerCenter: null, subject: '900517301235' });
    const refused = await download(`table=registrations&${PERIOD}`, { authorization: `Bearer ${citizen}` });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it.each([
    ['table=people', 'table'],
    ['table=registrations&from=2026-02-01&to=2026-01-01', 'period'],
    [`table=registrations&${PERIOD}&groupBy=REGION,PLANET`, 'groupBy'],
    [`table=registrations&${PERIOD}&sex=OTHER`, 'sex'],
    [`table=registrations&${PERIOD}&language=en`, 'language'],
    [`table=registrations&${PERIOD}&region=KZ-00`, 'filter.region'],
  ])('refuses %s with 400 BAD_USER_INPUT naming %s', async (query, argument) => {
    const response = await download(query);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
  });
});

describe('CSV fields', () => {
  it('quote commas, quotes and line breaks, keep Kazakh letters, and defuse formulas', () => {
    expect(csvField('Өскемен')).toBe('Өскемен');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "ә"')).toBe('"say ""ә"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+7')).toBe("'+7");
    expect(csvRow(['1', 'Ұлытау, облыс', ''])).toBe('1,"Ұлытау, облыс",\r\n');
  });
});
