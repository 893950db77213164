import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  getNamedType, isAbstractType, isLeafType, isNonNullType, isObjectType, type GraphQLNamedType, type GraphQLObjectType,
} from 'graphql';
import { toGlobalId } from '../../src/api/relay.ts';
import { FULL_CARD } from '../../src/bench/queries.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { protectionFrom } from '../../src/http/protection.ts';
import { personalDataOf } from '../../src/modules/access/personal-data.ts';
import type { Role } from '../../src/modules/access/principal.ts';
import { composeIin } from '../../src/modules/person/iin.ts';
import { createTestIssuer, type TestIssuer } from '../support/auth.ts';
import { aCareerCenter, nextIin } from '../support/builders.ts';
import { aCa, aSigner, signDetached, trustFolder } from '../support/signing.ts';
import { TrustStore } from '../../src/modules/footer/trust-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer } from '../support/http.ts';
import { readSettings } from '../../src/runtime/settings.ts';

// An analyst reads a card on every route there is, over HTTP as a client does, and the answer's
// bytes hold none of the person's identifying data: not the IIN, any name (the person's now and
// before, the family's), the phone, the e-mail, the street, house or apartment (now or before),
// nor the day of birth. A caseworker of the card's center, asking the same, sees all of it, so the
// routes really do carry it. The card is kept through the API: opened, its identity corrected (the
// history holds the earlier values), a relocation with a family, the footer, two signatures.

const BIRTH = '1987-09-23';
const IIN = (() => {
  for (let serial = 4711; ; serial++) {
    const iin = composeIin(BIRTH, 'FEMALE', serial);
    if (iin) return iin;
  }
})();
const FIRST = { surname: 'Сентинелова', givenName: 'Зарина', patronymic: 'Тестовна' };
const SECOND = { surname: 'Прежневская', givenName: 'Зарема', patronymic: 'Пробовна' };
const FIRST_ADDRESS = { region: 'KZ-75', district: 'KZ-75-002', settlement: 'Алматы', street: 'Улица Секретная', house: 'Дом-77Б', apartment: 'Кв-9091' };
const SECOND_ADDRESS = { region: 'KZ-75', street: 'Проспект Тайный', house: 'Дом-12Ж', apartment: 'Кв-3131' };
const FAMILY = ['Сентинелов Арман Ерланович', 'Сентинелова Дана Армановна'];
const CONTACTS = { first: ['+77019990011', 'sentinel.first@example.kz'], second: ['+77019990022', 'sentinel.second@example.kz'] };

/** Everything of the person an analyst must not see, as it would appear in the answer's text. */
const IDENTIFYING = [
  IIN, BIRTH, ...Object.values(FIRST), ...Object.values(SECOND), ...FAMILY, ...CONTACTS.first, ...CONTACTS.second,
  FIRST_ADDRESS.street, FIRST_ADDRESS.house, FIRST_ADDRESS.apartment, SECOND_ADDRESS.street, SECOND_ADDRESS.house, SECOND_ADDRESS.apartment,
];

let db: TestDatabase;
let issuer: TestIssuer;
let base = '';
let stop: () => Promise<void>;
const tokens: Partial<Record<Role, string>> = {};
let cardId = '';
let relocationId = '';
/** A moment after the card was opened and before its identity was corrected. */
let between = '';

async function request(role: Role, path: string, init: { body?: unknown; method?: string } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: response.status, text: await response.text() };
}

const graphql = (role: Role, query: string, variables: Record<string, unknown> = {}) => request(role, '/graphql', { body: { query, variables } });

async function change(role: Role, query: string, variables: Record<string, unknown>) {
  const { text } = await graphql(role, query, variables);
  const data = JSON.parse(text).data as Record<string, { userErrors: unknown[]; card?: { id: string; version: number } }>;
  const payload = Object.values(data)[0]!;
  expect(payload.userErrors).toEqual([]);
  return payload;
}

beforeAll(async () => {
  db = await createTestDatabase();
  issuer = await createTestIssuer();
  const center = await aCareerCenter(db.orm.em.fork(), { code: 'CC-PD' });
  // The caseworker and the head sign the card, each with a certificate naming their IIN.
  const ca = await aCa();
  const signers = {
    CASEWORKER: { iin: nextIin('1986-04-12', 'FEMALE'), name: 'Ахметова Динара' },
    HEAD: { iin: nextIin('1974-11-02', 'MALE'), name: 'Омаров Бауыржан' },
  };
  const certificates = { CASEWORKER: await aSigner(ca, signers.CASEWORKER), HEAD: await aSigner(ca, { ...signers.HEAD, kind: 'ECDSA' }) };
  for (const role of ['CASEWORKER', 'HEAD', 'ANALYST', 'INTEGRATION'] as const) {
    const signer = role === 'CASEWORKER' || role === 'HEAD' ? signers[role] : null;
    tokens[role] = await issuer.token({ role, careerCenter: signer ? 'CC-PD' : null, subject: `${role.toLowerCase()}-pd`, name: signer?.name, iin: signer?.iin });
  }
  const protection = { ...protectionFrom(readSettings({})), rateLimit: { perWindow: 0, windowSeconds: 60 } };
  const signing = { trust: await TrustStore.load(await trustFolder(ca)), external: null };
  ({ base, stop } = await startTestServer(db.orm, { auth: issuer.settings, registry: null, signing, protection }));

  const opened = await change('CASEWORKER', `mutation($input: CardOpenInput!) { cardOpen(input: $input) { card { id version } registration { id } userErrors { code } } }`, {
    input: {
      iin: IIN, appliedOn: '2026-01-12', careerCenter: toGlobalId('CareerCenter', center.id), fullName: FIRST, citizenship: 'KZ',
      nationality: 'қазақ', address: FIRST_ADDRESS, phone: CONTACTS.first[0], email: CONTACTS.first[1],
    },
  });
  cardId = opened.card!.id;
  await new Promise((resolve) => setTimeout(resolve, 20));
  between = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));
  // Registered, so that the §16.4 relocation below has the registration it needs.
  const registered = await change('CASEWORKER', `mutation($id: ID!, $v: Int!) {
    registrationRegister(id: $id, version: $v, input: { registeredOn: "2026-01-12" }) { card { id version } userErrors { code } } }`, {
    id: (opened as unknown as { registration: { id: string } }).registration.id, v: opened.card!.version,
  });
  let { version } = await change('CASEWORKER', `mutation($id: ID!, $v: Int!, $input: IdentityInput!) {
    cardUpdateIdentity(id: $id, version: $v, input: $input) { card { id version } userErrors { code } } }`, {
    id: cardId, v: registered.card!.version,
    input: { fullName: SECOND, citizenship: 'KZ', nationality: 'қазақ', address: SECOND_ADDRESS, phone: CONTACTS.second[0], email: CONTACTS.second[1] },
  }).then((p) => p.card!);
  const relocation = await graphql('CASEWORKER', `mutation($id: ID!, $v: Int!, $input: RelocationInput!) {
    relocationCreate(cardId: $id, version: $v, input: $input) { card { version } activeMeasure { ... on Relocation { id } } userErrors { code } } }`, {
    id: cardId, v: version,
    input: {
      referredOn: '2026-02-01', destination: { region: 'KZ-59' }, materialAssistance: { relocationExpenses: '150000' },
      familyMembers: [{ fullName: FAMILY[0], kinship: 'жұбайы', ableToWork: true }, { fullName: FAMILY[1], kinship: 'қызы', ableToWork: false, unableToWorkReason: 'кәмелетке толмаған' }],
    },
  });
  const created = JSON.parse(relocation.text).data.relocationCreate;
  expect(created.userErrors).toEqual([]);
  ({ version } = created.card);
  relocationId = created.activeMeasure.id;
  ({ version } = await change('CASEWORKER', `mutation($id: ID!, $v: Int!) { cardUpdateFooter(id: $id, version: $v, input: {
    organisation: { name: "Алмалы мансап орталығы" }, filledOn: "2026-02-02" }) {
    card { id version } userErrors { code } } }`, { id: cardId, v: version }).then((p) => p.card!));
  // The caseworker who opened the card signs as the executor, the head as the head.
  const { document } = JSON.parse((await graphql('CASEWORKER', 'query($id: ID!) { card(id: $id) { signatures { document } } }', { id: cardId })).text).data.card.signatures;
  for (const [role, signatory] of [['CASEWORKER', 'EXECUTOR'], ['HEAD', 'HEAD']] as const) {
    await change(role, `mutation($id: ID!, $v: Int!, $signature: Signature!) { cardSign(id: $id, version: $v, input: { role: ${signatory}, signature: $signature }) {
      card { id version } userErrors { code } } }`, { id: cardId, v: version, signature: await signDetached(document, certificates[role]) });
  }
}, 60_000);
afterAll(async () => {
  await stop();
  await db.close();
});

const WHOLE = `
  ...FullCard
  personalDataMasked
  history(first: 100) { edges { node { part action actorName oldValue newValue entryId } } }
  signatures { currentVersion document digest covered all { signerName role } executor { signerName } }
`;

/** Every route to the card's data, as GraphQL requests. */
const ROUTES: [string, () => [string, Record<string, unknown>]][] = [
  ['card', () => [`query($id: ID!) { card(id: $id) { ${WHOLE} } } ${FULL_CARD}`, { id: cardId }]],
  ['card as of a past moment', () => [`query($id: ID!, $at: DateTime!) { card(id: $id, asOf: $at) { ${WHOLE} } } ${FULL_CARD}`, { id: cardId, at: between }]],
  ['node: the card and an entry', () => [`query($id: ID!, $entry: ID!) {
    card: node(id: $id) { ... on Card { ${WHOLE} } }
    entry: node(id: $entry) { ... on Relocation { familyMembersAbleToWork { fullName } familyMembersUnableToWork { fullName unableToWorkReason } } }
  } ${FULL_CARD}`, { id: cardId, entry: relocationId }]],
  // A page of 100 whole cards is over the cost limit; the identity, the history and the document are not.
  ['cards: a page of 100', () => [`{ cards(first: 100) { edges { node {
    iin fullName { surname givenName patronymic } birthDate address { street house apartment } phone email
    activeMeasures(kind: RELOCATION) { edges { node { ... on Relocation { familyMembersAbleToWork { fullName } familyMembersUnableToWork { fullName } } } } }
    history(first: 20) { edges { node { oldValue newValue } } } signatures { document }
  } } } }`, {}]],
  ['history alone', () => [`query($id: ID!) { card(id: $id) { history(first: 100) { edges { node { oldValue newValue } } } } }`, { id: cardId }]],
  ['signatures alone', () => [`query($id: ID!) { card(id: $id) { signatures { document } } }`, { id: cardId }]],
  ['the import, with its results', () => [`mutation($records: [JSONObject!]!) { cardImport(records: $records) { results { iin outcome card { iin } } } }`,
    { records: [{ iin: IIN, careerCenter: 'CC-PD', openedOn: '2026-01-12', fullName: FIRST }] }]],
  ['the read audit', () => [`{ readAudit(first: 100) { edges { node { readBy cards } } } }`, {}]],
];

describe('an analyst', () => {
  it.each(ROUTES)('reads no identifying data of the card: %s', async (_, route) => {
    const [query, variables] = route();
    const { text } = await graphql('ANALYST', query, variables);
    expect(JSON.parse(text).errors?.filter((e: any) => e.extensions?.code !== 'FORBIDDEN') ?? []).toEqual([]);
    expect(IDENTIFYING.filter((value) => text.includes(value))).toEqual([]);
  });

  it('reads no identifying data in the statistics export', async () => {
    const { status, text } = await request('ANALYST', '/export/statistics.csv?table=registrations&from=2025-01-01&to=2026-11-29&groupBy=REGION,SEX,AGE_GROUP');
    expect(status).toBe(200);
    expect(IDENTIFYING.filter((value) => text.includes(value))).toEqual([]);
  });

  it('is told its view is masked, and sees what is not identifying as it is', async () => {
    const { text } = await graphql('ANALYST', `query($id: ID!) { card(id: $id) { personalDataMasked iin birthDate sex fullName { surname patronymic } address { region { code } street } } }`, { id: cardId });
    expect(JSON.parse(text).data.card).toEqual({
      personalDataMasked: true, iin: '************', birthDate: '1987-09-01', sex: 'FEMALE', fullName: { surname: '***', patronymic: '***' },
      address: { region: { code: 'KZ-75' }, street: null },
    });
  });
});

describe('a caseworker of the card\'s center, on the same routes', () => {
  it('reads the identifying data the analyst does not see', async () => {
    const seen = new Set<string>();
    for (const [, route] of ROUTES.slice(0, 6)) {
      const [query, variables] = route();
      const { text } = await graphql('CASEWORKER', query, variables);
      for (const value of IDENTIFYING) if (text.includes(value)) seen.add(value);
    }
    expect(IDENTIFYING.filter((value) => !seen.has(value))).toEqual([]);
  });
});

describe('the schema', () => {
  const schema = buildSchema();
  const ARGUMENTS: Record<string, string> = { first: '100', includeVoided: 'true' };
  const DEPTH = 12;

  /**
   * A selection of every field of `type` reachable within the nesting limit, types on the path not
   * repeated. Where members of a union or interface have fields of one name and different types
   * (`kind`), each asks for its own as `Member__field`: they could not be asked for together otherwise.
   */
  function everything(type: GraphQLNamedType, path: readonly string[], conflicting: ReadonlySet<string> = new Set()): string {
    if (isAbstractType(type)) {
      const members = schema.getPossibleTypes(type);
      const typesOf = new Map<string, Set<string>>();
      for (const member of members) for (const field of Object.values(member.getFields())) typesOf.set(field.name, (typesOf.get(field.name) ?? new Set()).add(String(field.type)));
      const clash = new Set([...typesOf].filter(([, types]) => types.size > 1).map(([name]) => name));
      return `__typename ${members.map((member) => `... on ${member.name} { ${everything(member, path, clash)} }`).join(' ')}`;
    }
    if (!isObjectType(type)) return '';
    const fields = Object.values(type.getFields()).flatMap((field) => {
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return [];
      const args = field.args.filter((arg) => ARGUMENTS[arg.name]).map((arg) => `${arg.name}: ${ARGUMENTS[arg.name]}`);
      const head = `${conflicting.has(field.name) ? `${type.name}__${field.name}: ` : ''}${field.name}${args.length ? `(${args.join(', ')})` : ''}`;
      const named = getNamedType(field.type);
      if (isLeafType(named)) return [head];
      if (path.includes(named.name) || path.length >= DEPTH) return [];
      const inner = everything(named, [...path, named.name]);
      return inner ? [`${head} { ${inner} }`] : [];
    });
    return `__typename ${fields.join(' ')}`;
  }

  /** Where, in an answer to `everything`, a text holding identifying data was found outside every masked field. */
  function uncovered(value: unknown, type: GraphQLNamedType | null, covered: boolean, where: string, found: Set<string>, out: string[]): void {
    if (Array.isArray(value)) {
      for (const item of value) uncovered(item, type, covered, where, found, out);
      return;
    }
    if (typeof value === 'string') {
      if (IDENTIFYING.some((text) => value.includes(text))) {
        found.add(where);
        if (!covered) out.push(where);
      }
      return;
    }
    if (!value || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const concrete = typeof object.__typename === 'string' ? schema.getType(object.__typename) : type;
    for (const [key, inner] of Object.entries(object)) {
      const field = isObjectType(concrete) ? concrete.getFields()[key.startsWith(`${concrete.name}__`) ? key.slice(concrete.name.length + 2) : key] : undefined;
      if (!field) {
        // Inside JSON: its keys are no fields of the schema.
        uncovered(inner, null, covered, where, found, out);
        continue;
      }
      const { masking } = personalDataOf(concrete as GraphQLObjectType, field);
      uncovered(inner, getNamedType(field.type), covered || masking !== null, `${concrete!.name}.${field.name}`, found, out);
    }
  }

  const CARD = () => `query($id: ID!) { card(id: $id) { ${everything(schema.getType('Card')!, ['Card'])} } }`;

  it('marks, with a masking, every field reachable from a card that returns identifying data (text or JSON)', async () => {
    const { text } = await graphql('CASEWORKER', CARD(), { id: cardId });
    const answer = JSON.parse(text);
    expect(answer.errors).toBeUndefined();
    const found = new Set<string>();
    const out: string[] = [];
    uncovered(answer.data, schema.getQueryType()!, false, 'Query', found, out);
    expect(out).toEqual([]);
    // The walk did meet the person's data where the card holds it.
    expect([...found]).toEqual(expect.arrayContaining(['Card.iin', 'Card.birthDate', 'PersonName.surname', 'Address.street', 'Card.phone', 'Card.email',
      'RelocationFamilyMember.fullName', 'CardHistoryEntry.oldValue', 'CardSignatureStatus.document']));
  });

  it('shows an analyst none of it, whatever is asked of the card', async () => {
    const { text } = await graphql('ANALYST', CARD(), { id: cardId });
    expect(JSON.parse(text).errors).toBeUndefined();
    expect(IDENTIFYING.filter((value) => text.includes(value))).toEqual([]);
  });

  it('marks the text fields that only changes answer with, or says why they hold none', () => {
    const reachable = (root: GraphQLObjectType) => {
      const seen = new Set<string>();
      const visit = (type: GraphQLNamedType) => {
        if (seen.has(type.name)) return;
        seen.add(type.name);
        if (isObjectType(type)) Object.values(type.getFields()).forEach((field) => visit(getNamedType(field.type)));
        if (isAbstractType(type)) schema.getPossibleTypes(type).forEach(visit);
      };
      visit(root);
      return seen;
    };
    const fromQuery = reachable(schema.getQueryType()!);
    const TEXT = new Set(['String', 'JSONObject', 'IIN', 'PhoneNumber', 'EmailAddress', 'Date']);
    // Written by the API itself: what went wrong with an input, and where in it.
    const NOT_PERSONAL = new Set(['UserError.message', 'UserError.field']);
    const unmarked = [...reachable(schema.getMutationType()!)].filter((name) => !fromQuery.has(name)).flatMap((name) => {
      const type = schema.getType(name);
      if (!isObjectType(type)) return [];
      return Object.values(type.getFields())
        .filter((field) => TEXT.has(getNamedType(field.type).name) && !personalDataOf(type, field).personal && !NOT_PERSONAL.has(`${name}.${field.name}`))
        .map((field) => `${name}.${field.name}`);
    });
    expect(unmarked).toEqual([]);
  });
});
