import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { print } from 'graphql';
import { TrustedDocuments } from '../../src/http/persisted-queries.ts';
import { ApplyDocument, CareerCentersDocument, MyCardDocument } from '../../clients/mobile/generated/graphql.ts';
import { clientOf, hashOf, type ClientAnswer } from '../support/client.ts';
import { aCareerCenter } from '../support/builders.ts';
import { servedApi, type Caller } from '../support/served-api.ts';

// Trusted documents as the standard tools make them, over HTTP: the citizen app's manifest is the
// persisted-documents.json the codegen client preset wrote (ids: the SHA-256 of the printed
// operation). The app sends an operation by that hash — by POST, or by GET so that its HTTP cache
// can keep the answer — or as text, laid out however it likes.

const MOBILE = 'clients/mobile/generated/persisted-documents.json';
const CASEWORKER_MANIFEST = 'clients/caseworker/generated/persisted-documents.json';
const citizen: Caller = { role: 'CITIZEN', subject: '900517301235', careerCenter: null };
const codesOf = (answer: ClientAnswer<unknown>) => answer.body.errors?.map((e) => e.extensions?.code);

async function raw(request: ReturnType<typeof servedApi>['request'], body: unknown) {
  const response = await request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, citizen);
  return { status: response.status, headers: response.headers, body: (await response.json()) as ClientAnswer<any>['body'] };
}

describe('a server that runs only the citizen app\'s manifest, as the client preset wrote it (TRUSTED_DOCUMENTS)', () => {
  const api = servedApi(() => ({ trustedDocuments: [MOBILE], rateLimit: { perWindow: 0, windowSeconds: 60 } }));
  const send = clientOf(api.request);
  beforeAll(() => aCareerCenter(api.db.orm.em.fork(), { code: 'CC-TRUSTED' }));

  it('runs an operation by the hash the client preset gave it, over POST and over GET', async () => {
    const byPost = await send(CareerCentersDocument, {}, citizen, 'hash');
    expect(byPost.status).toBe(200);
    expect(byPost.body.errors).toBeUndefined();
    expect(byPost.body.data!.careerCenters.length).toBeGreaterThan(0);
    const byGet = await send(CareerCentersDocument, {}, citizen, 'get');
    expect(byGet.status).toBe(200);
    expect(byGet.body).toEqual(byPost.body);
    // The manifest's own id, `sha256:<hex>`, is accepted as Apollo's hex is.
    const prefixed = await raw(api.request, { operationName: 'CareerCenters', extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${hashOf(CareerCentersDocument)}` } } });
    expect(prefixed.body).toEqual(byPost.body);
    // Or as GraphQL over HTTP's persisted documents name it: `documentId`, by POST or GET.
    const documentId = `sha256:${hashOf(CareerCentersDocument)}`;
    expect((await raw(api.request, { documentId })).body).toEqual(byPost.body);
    const byDocumentId = await api.request(`/graphql?${new URLSearchParams({ documentId })}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } }, citizen);
    expect(await byDocumentId.json()).toEqual(byPost.body);
    expect(codesOf((await raw(api.request, { documentId: `sha256:${'b'.repeat(64)}` })))).toEqual(['DOCUMENT_NOT_TRUSTED']);
  });

  it('runs the text of a manifest operation whatever its comments, white space and field order', async () => {
    const file = readFileSync('clients/mobile/career-centers.graphql', 'utf8');
    expect(file).toMatch(/^# /);
    const manifest = JSON.parse(readFileSync(MOBILE, 'utf8')) as Record<string, string>;
    const texts = [
      print(CareerCentersDocument),
      file,
      manifest[`sha256:${hashOf(CareerCentersDocument)}`]!,
      `# laid out by hand\nquery   CareerCenters{careerCenters{ region{code} district{code} phone address nameRu nameKk code id }}  # the end`,
    ];
    const expected = (await send(CareerCentersDocument, {}, citizen, 'hash')).body.data!.careerCenters;
    for (const query of texts) {
      const answer = await raw(api.request, { query });
      expect({ query, errors: answer.body.errors }).toEqual({ query, errors: undefined });
      expect(answer.body.data.careerCenters).toHaveLength(expected.length);
    }
    // Text and hash together must be the same operation.
    const both = await raw(api.request, { query: file, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(CareerCentersDocument) } } });
    expect(both.body.errors).toBeUndefined();
    const mismatched = await raw(api.request, { query: file, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(MyCardDocument) } } });
    expect(codesOf(mismatched)).toEqual(['DOCUMENT_NOT_TRUSTED']);
  });

  it('refuses a hash not in the manifest and a document not in it, by POST and by GET, and registers nothing', async () => {
    const other = 'query CareerCenters { careerCenters { id code nameKk nameRu address phone district { code } region { code } regionCode: region { code } } }';
    const unknownHash = { version: 1, sha256Hash: 'a'.repeat(64) };
    for (const body of [{ query: other }, { extensions: { persistedQuery: unknownHash } }, { query: '{ applications { edges { cursor } } }' }, { query: 'not graphql {' }]) {
      const answer = await raw(api.request, body);
      expect(answer.status).toBe(400);
      expect(codesOf(answer)).toEqual(['DOCUMENT_NOT_TRUSTED']);
    }
    for (const search of [`extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: unknownHash }))}`, `query=${encodeURIComponent(other)}`, '']) {
      const response = await api.request(`/graphql?${search}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } }, citizen);
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('DOCUMENT_NOT_TRUSTED');
    }
  });

  it('refuses a mutation over GET (405) and a GET that a browser could send cross-site (no preflight header)', async () => {
    const mutation = await send(ApplyDocument, { input: { kind: 'JOB_SEEKER', careerCenter: 'Q2FyZWVyQ2VudGVyOjE', fullName: { surname: 'А', givenName: 'Б' } } }, citizen, 'get');
    expect(mutation.status).toBe(405);
    expect(mutation.body.data).toBeUndefined();
    const search = new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(CareerCentersDocument) } }) });
    const forged = await api.request(`/graphql?${search}`, { headers: { accept: 'application/json' } }, citizen);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/Cross-Site Request Forgery/);
    // Either of Apollo's two headers will do.
    const named = await api.request(`/graphql?${search}`, { headers: { accept: 'application/json', 'x-apollo-operation-name': 'CareerCenters' } }, citizen);
    expect(named.status).toBe(200);
  });

  it('lets the caller\'s own HTTP cache keep a query\'s answer by GET, varying by who asks and in which language; nothing else is kept', async () => {
    const byGet = await send(CareerCentersDocument, {}, citizen, 'get');
    expect(byGet.headers.get('cache-control')).toBe('private, max-age=60');
    expect(byGet.headers.get('vary')).toBe('Authorization, Cookie, Accept-Language');
    // Past its age, the kept answer is revalidated by its ETag: unchanged, 304 and no body. (The
    // request's Cache-Control is set as an HTTP cache revalidating sets it: fetch would add no-cache.)
    const etag = byGet.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const search = new URLSearchParams({ operationName: 'CareerCenters', variables: '{}', extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(CareerCentersDocument) } }) });
    const revalidated = await api.request(`/graphql?${search}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true', 'if-none-match': etag, 'cache-control': 'max-age=0' } }, citizen);
    expect(revalidated.status).toBe(304);
    // POSTs, mutations and errors: no-store.
    expect((await send(CareerCentersDocument, {}, citizen, 'hash')).headers.get('cache-control')).toBe('no-store');
    const failed = await send(MyCardDocument, { iin: '123' }, citizen, 'get');
    expect(failed.body.errors).toBeDefined();
    expect(failed.headers.get('cache-control')).toBe('no-store');
    const mutation = await send(ApplyDocument, { input: { kind: 'JOB_SEEKER', careerCenter: 'Q2FyZWVyQ2VudGVyOjk5OTk', fullName: { surname: 'А', givenName: 'Б' } } }, citizen, 'hash');
    expect(mutation.headers.get('cache-control')).toBe('no-store');
  });
});

describe('automatic persisted queries over GET (no manifest)', () => {
  const api = servedApi(() => ({ rateLimit: { perWindow: 0, windowSeconds: 60 } }));

  it('answer PERSISTED_QUERY_NOT_FOUND for a hash not yet registered, then the query by GET with cache headers', async () => {
    const query = `query Regions${randomUUID().replaceAll('-', '')} { regions { code } }`;
    const { createHash } = await import('node:crypto');
    const persisted = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const get = () => api.request(`/graphql?${new URLSearchParams({ extensions: JSON.stringify(persisted) })}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } }, citizen);
    const unknown = await get();
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await raw(api.request, { query, extensions: persisted })).body.errors).toBeUndefined();
    const known = await get();
    expect(known.status).toBe(200);
    expect(((await known.json()) as any).data.regions.length).toBeGreaterThan(0);
    expect(known.headers.get('cache-control')).toBe('private, max-age=60');
  });
});

describe('manifests', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'manifests-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('load several at once (the caseworker app\'s and the citizen app\'s), in either standard format', async () => {
    const count = (file: string) => Object.keys(JSON.parse(readFileSync(file, 'utf8'))).length;
    expect((await TrustedDocuments.load([MOBILE, CASEWORKER_MANIFEST])).size).toBe(count(MOBILE) + count(CASEWORKER_MANIFEST));
    const apollo = join(dir, 'apollo.json');
    await writeFile(apollo, JSON.stringify(TrustedDocuments.manifest([{ name: 'Regions', type: 'query', body: '# commented\nquery Regions { regions { code } }' }])));
    expect((await TrustedDocuments.load([MOBILE, apollo])).size).toBe(count(MOBILE) + 1);
  });

  it('refuse to load one whose ids are not the SHA-256 of their documents', async () => {
    const forged = join(dir, 'forged.json');
    await writeFile(forged, JSON.stringify({ [`sha256:${'0'.repeat(64)}`]: 'query A { regions { code } }' }));
    await expect(TrustedDocuments.load([MOBILE, forged])).rejects.toThrow(/not the SHA-256 of its body/);
  });
});
