import { beforeAll, describe, expect, it } from '@jest/globals';
import { getNamedType, GraphQLString, isInputObjectType, isObjectType } from 'graphql';
import { toGlobalId } from '../../src/api/relay.ts';
import { TEXT_KIND_NAMES, TEXT_KINDS } from '../../src/db/text-kinds.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { aCard, aCareerCenter, nextIin } from '../support/builders.ts';
import { servedApi, type Caller } from '../support/served-api.ts';

// Hostile input, over HTTP as a client sends it. Each is answered as the client's mistake — a
// BAD_USER_INPUT error or a user error naming the field — never as an internal error, and nothing
// of it is written: the card's version and history stay as they were.

const api = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }));
const CASEWORKER: Caller = { role: 'CASEWORKER', subject: 'caseworker-1', careerCenter: 'CC-INPUT' };
let cardId = '';
let centerId = '';

beforeAll(async () => {
  const center = await aCareerCenter(api.db.orm.em.fork(), { code: 'CC-INPUT' });
  centerId = toGlobalId('CareerCenter', center.id);
  const card = await aCard().withVisit({ attendedOn: null, note: null }).save(api.db.orm.em.fork(), center);
  cardId = toGlobalId('Card', card.id);
});

interface Answer {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  // JSON.stringify writes a lone surrogate as its \ud800 escape: exactly what a hostile client sends.
  const { status, body } = await api.post(query, variables, CASEWORKER);
  return { status, ...body };
}

/** The card's version and every change recorded on it: what must not move when input is refused. */
async function state() {
  const { data } = await post(`query($id: ID!) { card(id: $id) { version
    history(first: 100) { edges { node { at action part } } }
    visits(first: 10) { edges { node { id } } } } }`, { id: cardId });
  return data!.card as { version: number; history: unknown; visits: { edges: { node: { id: string } }[] } };
}

const PAYLOAD = 'card { version } userErrors { field code message }';

const MUTATIONS = {
  identity: `mutation($id: ID!, $version: Int!, $input: IdentityInput!) { cardUpdateIdentity(id: $id, version: $version, input: $input) { ${PAYLOAD} } }`,
  visitPlan: `mutation($cardId: ID!, $version: Int!, $input: VisitPlanInput!) { visitPlan(cardId: $cardId, version: $version, input: $input) { ${PAYLOAD} } }`,
  visitRecord: `mutation($id: ID!, $version: Int!, $input: VisitRecordInput!) { visitRecord(id: $id, version: $version, input: $input) { ${PAYLOAD} } }`,
  planRow: `mutation($cardId: ID!, $version: Int!, $input: EmploymentPlanRowInput!) { employmentPlanRowAdd(cardId: $cardId, version: $version, input: $input) { ${PAYLOAD} } }`,
  void: `mutation($id: ID!, $version: Int!, $reason: LongText!) { cardEntryVoid(id: $id, version: $version, reason: $reason) { ${PAYLOAD} } }`,
  support: `mutation($cardId: ID!, $version: Int!, $input: EntrepreneurshipSupportInput!) { entrepreneurshipSupportCreate(cardId: $cardId, version: $version, input: $input) { ${PAYLOAD} } }`,
  training: `mutation($cardId: ID!, $version: Int!, $input: ProfessionalTrainingInput!) { professionalTrainingCreate(cardId: $cardId, version: $version, input: $input) { ${PAYLOAD} } }`,
};

const NAME = { surname: 'Серікбаев', givenName: 'Нұрлан', patronymic: 'Асқарұлы' };
const ADDRESS = { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Абай даңғылы', house: '10', apartment: '5' };
const identity = (change: { fullName?: object; address?: object; phone?: string; nationality?: string; email?: string }) => ({
  fullName: { ...NAME, ...change.fullName }, citizenship: 'KZ', nationality: change.nationality ?? 'қазақ',
  address: { ...ADDRESS, ...change.address }, phone: change.phone ?? '+77011234567', email: change.email ?? 'nurlan@example.kz',
});
const microcredit = (change: object) => ({
  referredOn: '2026-03-01',
  microcredit: { receivedOn: '2026-03-15', amount: '1500000.00', gracePeriod: { months: 6 }, repaymentTerm: { months: 36 }, activityType: 'мини-пекарня', ...change },
});
const training = (change: object) => ({ referredOn: '2026-03-01', trainingType: 'RETRAINING', providerName: 'Колледж', ...change });

const MEGABYTE = 'я'.repeat(1024 * 1024);

/** Variables of a mutation: the card (or its first visit) at its current version, and `input`. */
async function variablesFor(mutation: keyof typeof MUTATIONS, input: unknown): Promise<Record<string, unknown>> {
  const { version, visits } = await state();
  const visitId = visits.edges[0]!.node.id;
  switch (mutation) {
    case 'identity': return { id: cardId, version, input };
    case 'visitRecord': return { id: visitId, version, input };
    case 'void': return { id: visitId, version, reason: input };
    default: return { cardId, version, input };
  }
}

/** Runs the mutation with `input` and expects it refused as `expected`, with the card unchanged. */
async function expectRefused(mutation: keyof typeof MUTATIONS, input: unknown, expected: { badInput: string } | { userError: string[]; code: string }) {
  const before = await state();
  const answer = await post(MUTATIONS[mutation], await variablesFor(mutation, input));
  const text = JSON.stringify(answer);
  expect(text).not.toContain('INTERNAL_SERVER_ERROR');
  // The refusal never echoes a huge value back, nor anything of the database.
  expect(text.length).toBeLessThan(2000);
  expect(text).not.toMatch(/\b(insert|update|select)\b|violates|varchar|invalid byte sequence/i);
  if ('badInput' in expected) {
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(answer.errors![0]!.message).toContain(`"${expected.badInput}"`);
  } else {
    const payload = Object.values(answer.data ?? {})[0] as { card: unknown; userErrors: { field: string[]; code: string }[] };
    expect(answer.errors).toBeUndefined();
    expect(payload.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expected.userError, code: expected.code })]));
  }
  expect(await state()).toEqual(before);
}

/** The arguments that take a cursor: opaque, decoded and checked by the toolkit (`cursorKey`). */
const CURSORS = new Set(['after', 'before']);

describe('every text input has a declared maximum length', () => {
  it('takes no plain String anywhere in input: each text is of a kind with its column\'s length (cursors aside, which the toolkit decodes)', () => {
    const schema = buildSchema();
    const plain: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (getNamedType(field.type) === GraphQLString) plain.push(`${type.name}.${field.name}`);
      }
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) if (getNamedType(arg.type) === GraphQLString && !CURSORS.has(arg.name)) plain.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(plain).toEqual([]);
    for (const kind of TEXT_KIND_NAMES) expect(schema.getType(kind)?.description).toContain(`At most ${TEXT_KINDS[kind].maxLength} characters.`);
  });
});

describe('finding 5: input the database would refuse is bad input, refused before any SQL', () => {
  it.each([
    ['a surname longer than its column (256 characters)', identity({ fullName: { surname: 'Б'.repeat(256) } }), 'input.fullName.surname'],
    ['a given name longer than its column', identity({ fullName: { givenName: 'Н'.repeat(300) } }), 'input.fullName.givenName'],
    ['a street longer than its column', identity({ address: { street: 'к'.repeat(256) } }), 'input.address.street'],
    ['a house number longer than its column', identity({ address: { house: '1'.repeat(65) } }), 'input.address.house'],
    ['a nationality longer than its column', identity({ nationality: 'қ'.repeat(256) }), 'input.nationality'],
    ['a 41-digit phone (the column holds 20)', identity({ phone: `+7${'1'.repeat(40)}` }), 'input.phone'],
    ['an e-mail address longer than its column', identity({ email: `${'a'.repeat(300)}@example.kz` }), 'input.email'],
    ['a NUL byte in a surname', identity({ fullName: { surname: 'Сері\u0000кбаев' } }), 'input.fullName.surname'],
    ['a lone surrogate in a JSON variable', identity({ fullName: { givenName: 'Нұр\ud800лан' } }), 'input.fullName.givenName'],
  ])('%s → BAD_USER_INPUT naming the field', async (_, input, field) => {
    await expectRefused('identity', input, { badInput: field });
  });

  it.each([
    ['a NUL byte in the read audit\'s reader', 'query($filter: ReadAuditFilter) { readAudit(first: 5, filter: $filter) { edges { cursor } } }', { filter: { readBy: 'caseworker\u0000' } }, 'filter.readBy'],
    ['a lone surrogate in a statistics filter', 'query($filter: StatisticsFilter) { statistics(period: { from: "2026-01-01", to: "2026-06-30" }, filter: $filter) { registrations { applied } } }', { filter: { district: 'KZ\udc00' } }, 'filter.district'],
  ])('%s (a filter that reaches SQL) → BAD_USER_INPUT naming the field', async (_, query, variables, field) => {
    const answer = await post(query, variables);
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(answer.errors![0]!.message).toContain(`"${field}"`);
  });

  it('a provider phone of 41 digits → BAD_USER_INPUT naming the field', async () => {
    await expectRefused('training', training({ providerPhone: `+${'7'.repeat(41)}` }), { badInput: 'input.providerPhone' });
  });

  it.each([
    ['above 2^31', { repaymentTerm: { months: 2 ** 31 } }, 'input.microcredit.repaymentTerm.months'],
    ['far above 2^31', { gracePeriod: { months: 2 ** 53 } }, 'input.microcredit.gracePeriod.months'],
  ])('months %s → BAD_USER_INPUT naming the field', async (_, change, field) => {
    await expectRefused('support', microcredit(change), { badInput: field });
  });
});

describe('finding 6: wrong input is no longer accepted', () => {
  it.each([
    ['a BEL in a given name', identity({ fullName: { givenName: 'Нұр\u0007лан' } }), 'input.fullName.givenName'],
    ['an ESC in a street', identity({ address: { street: 'Абай\u001b[31m даңғылы' } }), 'input.address.street'],
    ['a right-to-left override in a surname', identity({ fullName: { surname: 'Серік\u202eвеаб' } }), 'input.fullName.surname'],
    ['a bidirectional isolate in a settlement', identity({ address: { settlement: '\u2067Алматы\u2069' } }), 'input.address.settlement'],
    ['a line break in a patronymic', identity({ fullName: { patronymic: 'Асқар\nұлы' } }), 'input.fullName.patronymic'],
  ])('%s → BAD_USER_INPUT naming the field', async (_, input, field) => {
    await expectRefused('identity', input, { badInput: field });
  });

  it.each([
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['a byte-order mark and spaces', '\ufeff  '],
    ['whitespace only', '   '],
  ])('a required surname of %s → user error naming the field', async (_, surname) => {
    await expectRefused('identity', identity({ fullName: { surname } }), { userError: ['input', 'fullName', 'surname'], code: 'INVALID_VALUE' });
  });

  it('an optional street of zero-width spaces → user error naming the field (text that is given must say something)', async () => {
    await expectRefused('identity', identity({ address: { street: '\u200b\u200c' } }), { userError: ['input', 'address', 'street'], code: 'INVALID_VALUE' });
  });

  it('1 MB in a visit note → BAD_USER_INPUT naming the field', async () => {
    await expectRefused('visitRecord', { attendedOn: '2026-11-20', note: MEGABYTE }, { badInput: 'input.note' });
  });

  it('1 MB in a plan row → BAD_USER_INPUT naming the field', async () => {
    await expectRefused('planRow', { measure: MEGABYTE }, { badInput: 'input.measure' });
  });

  it('1 MB in a void reason → BAD_USER_INPUT naming the argument', async () => {
    await expectRefused('void', MEGABYTE, { badInput: 'reason' });
  });

  it('a void reason of zero-width spaces → user error naming it', async () => {
    await expectRefused('void', '\u200b', { userError: ['reason'], code: 'INVALID_VALUE' });
  });

  it('a visit planned for 9999-12-31 → user error naming the field', async () => {
    await expectRefused('visitPlan', { plannedOn: '9999-12-31' }, { userError: ['input', 'plannedOn'], code: 'TOO_FAR_AHEAD' });
  });

  it('a fact dated before 1900 → BAD_USER_INPUT naming the field', async () => {
    await expectRefused('visitRecord', { attendedOn: '1899-12-31' }, { badInput: 'input.attendedOn' });
  });

  it('gracePeriod months: 1.5 → BAD_USER_INPUT (it used to be stored as 1)', async () => {
    await expectRefused('support', microcredit({ gracePeriod: { months: 1.5 } }), { badInput: 'input.microcredit.gracePeriod.months' });
  });

  it('repaymentTerm months: 1000000000 → user error naming the field', async () => {
    await expectRefused('support', microcredit({ repaymentTerm: { months: 1_000_000_000 } }), { userError: ['input', 'microcredit', 'repaymentTerm', 'months'], code: 'OUT_OF_RANGE' });
  });

  it('a phone that is no real number → BAD_USER_INPUT naming the field', async () => {
    await expectRefused('identity', identity({ phone: '+70000000000' }), { badInput: 'input.phone' });
  });

  it('a person born in 1850 → BAD_USER_INPUT naming the IIN, and no card opened', async () => {
    const iin = nextIin('1850-06-01');
    const answer = await post(`mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id } userErrors { field code } } }`, {
      input: { iin, appliedOn: '2026-11-20', careerCenter: centerId, fullName: NAME },
    });
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(answer.errors![0]!.message).toContain('"input.iin"');
    const cards = await api.db.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from card where iin = ?', [iin]);
    expect(Number(cards[0]!.n)).toBe(0);
  });
});

describe('what is accepted is stored tidied', () => {
  it('text is stored in Unicode NFC; a phone in E.164', async () => {
    const { version } = await state();
    // "Ә" and "й" typed as a letter and a combining mark.
    const decomposed = 'Ә'.normalize('NFD') + 'бдіқадыр' + 'й'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    const answer = await post(MUTATIONS.identity, { id: cardId, version, input: identity({ fullName: { surname: decomposed } }) });
    expect(answer.errors).toBeUndefined();
    const { data } = await post('query($id: ID!) { card(id: $id) { fullName { surname } phone } }', { id: cardId });
    expect(data!.card.fullName.surname).toBe(decomposed.normalize('NFC'));
    expect(data!.card.phone).toBe('+77011234567');
  });

  it('multi-line notes keep their line breaks', async () => {
    const { version, visits } = await state();
    const answer = await post(MUTATIONS.visitRecord, { id: visits.edges[0]!.node.id, version, input: { attendedOn: '2026-11-20', note: 'первая строка\nвторая строка' } });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.visitRecord.userErrors).toEqual([]);
  });
});
