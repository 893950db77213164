import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/api/relay.ts';
import { protectionFrom } from '../../src/http/protection.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import type { CareerCenter } from '../../src/modules/career-center/career-center.entity.ts';
import { labelIn, type Language } from '../../src/modules/dictionary/codes.ts';
import { pdfPrinter } from '../../src/modules/printout/pdf-printer.ts';
import { numberShown, printedForm } from '../../src/modules/printout/printed-form.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { aCard, aCareerCenter } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { pdfPages, squeezed } from '../support/pdf-text.ts';
import { tableJob } from '../support/print-jobs.ts';

// GET /cards/<id>.pdf from the outside: the printed card's content in both languages, its pages,
// who may have it (as `card(id)`), the read audit, and the short-lived links of `Card.printout`.

let db: TestDatabase;
let issuer: TestIssuer;
let server: Awaited<ReturnType<typeof startTestServer>>;
/** How far the server's clock (link expiry, audit) is ahead of the real one. */
let clockAhead = 0;
let center: CareerCenter;
let otherCenter: CareerCenter;
/** One thread and no queue: a printout asked for while another is laid out is refused. */
const printer = pdfPrinter({ threads: 1, queue: 0 });

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createTestIssuer();
  server = await startTestServer(db.orm, { auth: issuer.settings, registry: null, protection: protectionFrom(), printer, now: () => Date.now() + clockAhead });
  center = await aCareerCenter(db.orm.em.fork());
  otherCenter = await aCareerCenter(db.orm.em.fork());
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

interface Caller { role?: Role; subject?: string; careerCenter?: string | null }
const caseworker = (): Caller => ({ role: 'CASEWORKER', subject: 'caseworker-print', careerCenter: center.code });

async function download(path: string, caller: Caller | null = caseworker(), headers: Record<string, string> = {}) {
  const authorization = caller ? { authorization: `Bearer ${await issuer.token(caller)}` } : {};
  const response = await fetch(`${server.base}${path}`, { headers: { ...authorization, ...headers } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, json: () => JSON.parse(Buffer.from(bytes).toString('utf8')) };
}

async function printed(path: string, caller?: Caller | null, headers?: Record<string, string>) {
  const { response, bytes } = await download(path, caller, headers);
  expect(response.status).toBe(200);
  const pages = await pdfPages(bytes);
  return { response, pages, text: squeezed(pages.join(' ')) };
}

const pathOf = (cardId: string, query = '') => `/cards/${toGlobalId('Card', cardId)}.pdf${query}`;
const headings = (language: Language) => printedForm().map(({ printed: p }) => `${numberShown(p.number)}${labelIn(p.heading, language)}`);

async function graphql(query: string, variables: Record<string, unknown>, caller: Caller = caseworker()) {
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await issuer.token(caller)}` }, body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }>;
}

describe('a fully filled card, printed', () => {
  let cardId: string;
  let iin: string;
  beforeAll(async () => {
    const card = await aCard().complete()
      // A voided entry is not on the printed card.
      .withReferral({ employerName: 'ТОО «Жойылған»', referredOn: '2026-01-30', voidedAt: new Date('2026-02-01T09:00:00Z'), voidedBy: 'caseworker-1', voidReason: 'қате' })
      // §16.2 a term given as the day it ends, beside the one in months.
      .withEntrepreneurshipSupport({
        referredOn: '2026-02-04', microcredit: { receivedOn: '2026-03-16', amount: '1000000.00', gracePeriodUntil: '2026-09-16', repaymentTermMonths: 36, activityType: 'тігін цехы' },
      })
      .save(db.orm.em.fork(), center);
    cardId = card.id;
    iin = card.iin;
  });

  it('in Kazakh: every heading of Appendix 1, and the values of every section in their print form', async () => {
    const { response, text, pages } = await printed(pathOf(cardId, '?language=kk'));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="card-${toGlobalId('Card', cardId)}-v1-kk.pdf"`);
    for (const heading of headings('KK')) expect(text).toContain(squeezed(heading));
    const values = [
      'Серікбаев', 'Нұрлан', 'Асқарұлы', iin, 'Ер', '17.05.1990', 'Азаматтығы Қазақстан', 'қазақ', 'Алматы қаласы', 'Абай даңғылы', '+77011234567', 'nurlan@example.kz',
      'Әл-Фараби атындағы ҚазҰУ', 'Жоғары оқу орны', '01.09.2007 – 30.06.2011', 'Біліктілікті арттыру', '1С:Бухгалтерия', // §10
      'ТОО «Алатау Сервис»', '20.12.2025', // §11
      '15.01.2026', '16.01.2026', '18.01.2026', // §12, §15
      'рекомендовано обучение 1С', // §13
      'Өтініш беруші, 25.01.2026, удалённость', '05.03.2026, бұйрық № 45-к, бухгалтер', // §14
      'Қысқа мерзімді кәсіптік оқыту', '04.05.2026, ТОО «Береке», оператор 1С', // §16.1
      '4 500 000,50', '6 ай', '60 ай', 'мини-пекарня', '16.09.2026 дейін', '36 ай', // §16.2
      'Қоғамдық жұмыстар', '10.02.2026, бұйрық № 12-к, рабочий по благоустройству', // §16.3
      'Петропавловск', '141 075,00', '360 000,10', '5 000 000,20', 'Көппәтерлі тұрғын үйдегі пәтер', '18.50', 'Серікбаева Айгүл', 'несовершеннолетний', // §16.4
      'ТОО «Инва Цех»', '7-ЛС', // §17
      'выдано направление', '15.03.2026', // §18
      '400 000,00', '320 000,00', '250 000,00', 'кассир', '4 ай', '2 – қолайлы нұсқа', // §19
      'подбор вакансий по специальности', 'выполнено', // §20
      'Центр карьеры Алмалинского района', 'Омаров Бауыржан Қайратұлы', // footer
      'Орындаушы', 'Ахметова Динара Серікқызы', 'a'.repeat(64), // signatures
    ];
    for (const value of values) expect(text).toContain(squeezed(value));
    expect(text).not.toContain(squeezed('ТОО «Жойылған»'));
    // The current version's digest: the one a signature of it would cover.
    const status = await graphql('query ($id: ID!) { card(id: $id) { signatures { currentVersion digest } } }', { id: toGlobalId('Card', cardId) });
    expect(text).toContain(status.data.card.signatures.digest);
    expect(pages.length).toBeGreaterThan(1);
  });

  it('in Russian: the headings and the labels of codes in Russian', async () => {
    const { text } = await printed(pathOf(cardId, '?language=ru'));
    for (const heading of headings('RU')) expect(text).toContain(squeezed(heading));
    for (const value of ['Мужской', 'Гражданство Казахстан', 'Высшее учебное заведение', 'Квартира в многоквартирном жилом доме', '2 – приемлемый вариант', '4 500 000,50', '60 мес.', 'до 16.09.2026', '4 мес.', 'Страница 1 из']) {
      expect(text).toContain(squeezed(value));
    }
    expect(text).not.toContain(squeezed('Жынысы'));
  });

  it('in the language of Accept-Language when none is asked for; a language other than kk or ru is refused', async () => {
    expect((await printed(pathOf(cardId), caseworker(), { 'accept-language': 'ru-RU,ru;q=0.9' })).text).toContain(squeezed('Индивидуальная карта занятости'));
    expect((await printed(pathOf(cardId))).text).toContain(squeezed('Жұмыспен қамтудың жеке картасы'));
    const refused = await download(pathOf(cardId, '?language=en'));
    expect(refused.response.status).toBe(400);
    expect(refused.json().errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'language' });
  });

  it('of a version or at a moment: a bad one is refused (400), one the card never had is 404, the current version is the card as it stands', async () => {
    for (const [query, argument] of [['version=0', 'version'], ['version=x', 'version'], ['version=1&asOf=2026-01-01T00:00:00Z', 'version'], ['asOf=yesterday', 'asOf'], ['asOf=2026-01-01', 'asOf']] as const) {
      const refused = await download(pathOf(cardId, `?language=kk&${query}`));
      expect({ query, status: refused.response.status, extensions: refused.json().errors[0].extensions }).toEqual({ query, status: 400, extensions: { code: 'BAD_USER_INPUT', argument } });
    }
    expect((await download(pathOf(cardId, '?language=kk&version=2'))).response.status).toBe(404);
    expect((await download(pathOf(cardId, '?language=kk&asOf=2000-01-01T00:00:00Z'))).response.status).toBe(404);
    const current = await printed(pathOf(cardId, '?language=kk&version=1'));
    expect(current.response.headers.get('content-disposition')).toContain('-v1-kk.pdf');
    expect(current.text).not.toContain(squeezed('Карта мына сәттегі күйінде басылды'));
  });

  it('for an analyst, with the personal data masked', async () => {
    const { text } = await printed(pathOf(cardId, '?language=kk'), { role: 'ANALYST', subject: 'analyst-print', careerCenter: null });
    expect(text).toContain('************');
    expect(text).not.toContain(iin);
    expect(text).not.toContain('Серікбаев');
    expect(text).not.toContain('Абайдаңғылы');
    // What is not personal data is there as for anyone.
    expect(text).toContain(squeezed('Әл-Фараби атындағы ҚазҰУ'));
  });

  it('is recorded in the read audit as a download by the caller', async () => {
    await printed(pathOf(cardId, '?language=kk'), { role: 'HEAD', subject: 'head-audited', careerCenter: center.code });
    const rows = await db.orm.em.fork().getConnection().execute(
      `select a.operation_type, a.operation_name, a.role from read_audit a join read_audit_card c on c.audit_id = a.id where a.subject = ? and c.card_id = ?`,
      ['head-audited', cardId],
    );
    expect(rows).toEqual([{ operation_type: 'download', operation_name: 'cardPrintout', role: 'HEAD' }]);
  });
});

describe('who may have the printed card', () => {
  let cardId: string;
  let citizenIin: string;
  beforeAll(async () => {
    const card = await aCard().complete().save(db.orm.em.fork(), center);
    cardId = card.id;
    citizenIin = card.iin;
  });

  it('a caseworker of another center, an integration and another citizen get 404, as for a card that does not exist', async () => {
    const missing = await download(pathOf('999999999'));
    expect(missing.response.status).toBe(404);
    const answer = missing.json();
    expect(answer.errors[0].extensions.code).toBe('NOT_FOUND');
    for (const caller of [
      { role: 'CASEWORKER', subject: 'elsewhere', careerCenter: otherCenter.code },
      { role: 'INTEGRATION', subject: 'importer', careerCenter: null },
      { role: 'CITIZEN', subject: (await aCard().save(db.orm.em.fork(), center)).iin, careerCenter: null },
    ] as Caller[]) {
      const refused = await download(pathOf(cardId), caller);
      expect({ caller: caller.role, status: refused.response.status, answer: refused.json() }).toEqual({ caller: caller.role, status: 404, answer });
    }
    expect((await download('/cards/not-an-id.pdf')).response.status).toBe(404);
  });

  it('a citizen gets their own card', async () => {
    const { text } = await printed(pathOf(cardId), { role: 'CITIZEN', subject: citizenIin, careerCenter: null });
    expect(text).toContain(citizenIin);
  });

  it('nobody without a token or a link', async () => {
    const { response, json } = await download(pathOf(cardId), null);
    expect(response.status).toBe(401);
    expect(json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('an empty card and a long one', () => {
  it('prints every section of an empty card with its heading and blank lines, as on paper', async () => {
    const card = await aCard().save(db.orm.em.fork(), center);
    const { text } = await printed(pathOf(card.id, '?language=kk'));
    for (const heading of headings('KK')) expect(text).toContain(squeezed(heading));
    // §18's table: its header and no row numbers.
    expect(text).toContain(squeezed('№ р/с Жоспарлы қатысу күні Іс жүзінде қатысқан күні Мансап орталығы қызметкерінің ескертпесі'));
  });

  it('a card with 100 visits runs over several pages, each with the card, its version and "page N of M"; rows numbered 1–100 in date order', async () => {
    const builder = aCard();
    const dayOf = (i: number) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
    // Entered latest first: the printed order is the section's chronological one.
    for (let i = 100; i >= 1; i--) builder.withVisit({ rowNumber: i, plannedOn: dayOf(i), attendedOn: dayOf(i), note: `ескертпе ${i}` });
    const card = await builder.save(db.orm.em.fork(), center);
    const { pages, text } = await printed(pathOf(card.id, '?language=kk'));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, n) => {
      expect(squeezed(page)).toContain(squeezed(`Карта ${toGlobalId('Card', card.id)} · нұсқасы 1`));
      expect(squeezed(page)).toContain(squeezed(`${n + 1}-бет, барлығы ${pages.length}`));
    });
    const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('.');
    let from = 0;
    for (let i = 1; i <= 100; i++) {
      const row = squeezed(`${i} ${ddmmyyyy(dayOf(i))} ${ddmmyyyy(dayOf(i))} ескертпе ${i}`);
      const at = text.indexOf(row, from);
      expect({ i, found: at >= 0 }).toEqual({ i, found: true });
      from = at + row.length;
    }
    // The table's header row is repeated on the pages it runs over.
    expect(pages.filter((page) => squeezed(page).includes(squeezed('№ р/с Жоспарлы қатысу күні'))).length).toBeGreaterThan(1);
  });
});

describe('a printer that is busy', () => {
  it('refuses a printout beyond its threads and queue with 503 PRINTOUT_BUSY and Retry-After, recording no read; the next is printed', async () => {
    const card = await aCard().save(db.orm.em.fork(), center);
    const caller = { role: 'CASEWORKER', subject: 'caseworker-busy', careerCenter: center.code } as const;
    // Its one thread is taken by a long document for the time of the request.
    const held = printer.print(tableJob(4000));
    const refused = await download(pathOf(card.id, '?language=kk'), caller);
    expect({ status: refused.response.status, retryAfter: refused.response.headers.get('retry-after'), code: refused.json().errors[0].extensions.code })
      .toEqual({ status: 503, retryAfter: '2', code: 'PRINTOUT_BUSY' });
    await held;
    const audited = () => db.orm.em.fork().getConnection().execute(`select count(*)::int as n from read_audit where subject = ?`, ['caseworker-busy']);
    expect(await audited()).toEqual([{ n: 0 }]);
    expect((await printed(pathOf(card.id, '?language=kk'), caller)).response.status).toBe(200);
    expect(await audited()).toEqual([{ n: 1 }]);
  });
});

describe('Card.printout: a short-lived link', () => {
  let cardId: string;
  let otherId: string;
  const linkOf = async (id: string, language = 'RU', caller = caseworker()) => {
    const answer = await graphql('query ($id: ID!, $language: Language) { card(id: $id) { printout(language: $language) { url expiresAt } } }', { id: toGlobalId('Card', id), language }, caller);
    return answer.data.card.printout as { url: string; expiresAt: string };
  };
  beforeAll(async () => {
    cardId = (await aCard().complete().save(db.orm.em.fork(), center)).id;
    otherId = (await aCard().save(db.orm.em.fork(), center)).id;
  });

  it('opens without a header, in its language, audited as the caller who asked for it', async () => {
    const before = Date.now();
    const { url, expiresAt } = await linkOf(cardId, 'RU', { role: 'CASEWORKER', subject: 'link-maker', careerCenter: center.code });
    expect(url).toMatch(new RegExp(`^/cards/${toGlobalId('Card', cardId)}\\.pdf\\?language=ru&link=`));
    expect(new Date(expiresAt).getTime() - before).toBeGreaterThan(60_000);
    expect(new Date(expiresAt).getTime() - before).toBeLessThanOrEqual(301_000);
    const { text } = await printed(url, null);
    expect(text).toContain(squeezed('Индивидуальная карта занятости'));
    const rows = await db.orm.em.fork().getConnection().execute(
      `select a.role, a.career_center from read_audit a join read_audit_card c on c.audit_id = a.id
       where a.subject = ? and c.card_id = ? and a.operation_type = 'download'`, ['link-maker', cardId],
    );
    expect(rows).toEqual([{ role: 'CASEWORKER', career_center: center.code }]);
  });

  it('is refused when altered, used for another card, or expired', async () => {
    const { url } = await linkOf(cardId);
    const token = new URL(url, server.base).searchParams.get('link')!;
    const altered = url.replace(token, `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`);
    const tampered = await download(altered, null);
    expect(tampered.response.status).toBe(401);
    expect(tampered.json().errors[0].extensions.code).toBe('LINK_INVALID');
    const elsewhere = await download(url.replace(toGlobalId('Card', cardId), toGlobalId('Card', otherId)), null);
    expect(elsewhere.response.status).toBe(404);
    clockAhead = 10 * 60_000;
    try {
      const expired = await download(url, null);
      expect(expired.response.status).toBe(401);
      expect(expired.json().errors[0].extensions.code).toBe('LINK_EXPIRED');
    } finally {
      clockAhead = 0;
    }
  });

  it('checks the card again as its caller: a link made while they could read it opens nothing they can no longer read', async () => {
    // The link names its caller; the card is read under that caller's rules when it is opened.
    const answer = await graphql('query ($id: ID!) { card(id: $id) { printout { url } } }', { id: toGlobalId('Card', cardId) }, { role: 'CASEWORKER', subject: 'x', careerCenter: otherCenter.code });
    expect(answer.data.card).toBeNull();
    const { url } = await linkOf(cardId);
    await db.orm.em.fork().getConnection().execute('update card set career_center_id = ? where id = ?', [otherCenter.id, cardId]);
    try {
      expect((await download(url, null)).response.status).toBe(404);
    } finally {
      await db.orm.em.fork().getConnection().execute('update card set career_center_id = ? where id = ?', [center.id, cardId]);
    }
  });
});
