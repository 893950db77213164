import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { Caller } from './served-api.ts';

// A client app as the codegen client preset builds it (clients/<app>/generated/): each operation a
// typed document whose `__meta__.hash` is the id of its printed form in the app's
// persisted-documents.json. It sends an operation by that hash (POST, or GET for a query, as an
// HTTP cache would see it) or as text, and gets the operation's result type back.

type Request = (path: string, init: RequestInit, caller?: Caller) => Promise<Response>;

/** How an operation is sent: its printed text, its hash in a POST, or its hash in a GET. */
export type Send = 'text' | 'hash' | 'get';

export interface ClientAnswer<R> {
  status: number;
  headers: Headers;
  body: { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** The SHA-256 (hex) the client preset gave a document (`sha256:<hex>` in its manifest). */
export function hashOf(document: TypedDocumentNode<any, any>): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash?.startsWith('sha256:')) throw new Error('the document has no sha256 hash: is persistedDocuments set in codegen.ts?');
  return hash.slice('sha256:'.length);
}

/** The name of a document's operation. */
export function operationNameOf(document: TypedDocumentNode<any, any>): string {
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  if (!operation?.name) throw new Error('a client operation must be named');
  return operation.name.value;
}

/** The operation names of a client's manifest (clients/<app>/generated/persisted-documents.json). */
export function operationsOf(manifest: Record<string, string>): string[] {
  return Object.values(manifest).map((body) => /^(?:query|mutation|subscription)\s+(\w+)/.exec(body)![1]!).sort();
}

/**
 * A client of the API: `send` runs a typed document as `caller`, by hash unless told; `sent`
 * names the operations it ran, so a suite can check that it tried every operation of its app.
 */
export function clientOf(request: Request, defaults: { send?: Send; headers?: Record<string, string> } = {}) {
  const sent = new Set<string>();
  return Object.assign(send, { sent });
  async function send<R, V>(document: TypedDocumentNode<R, V>, variables: V, caller: Caller, how: Send = defaults.send ?? 'hash'): Promise<ClientAnswer<R>> {
    const operationName = operationNameOf(document);
    sent.add(operationName);
    const persisted = { persistedQuery: { version: 1, sha256Hash: hashOf(document) } };
    const headers: Record<string, string> = { ...defaults.headers, ...(caller.language ? { 'accept-language': caller.language } : {}) };
    let response: Response;
    if (how === 'get') {
      const search = new URLSearchParams({ operationName, variables: JSON.stringify(variables ?? {}), extensions: JSON.stringify(persisted) });
      // Apollo's CSRF prevention: a GET must carry a header a cross-site form or link cannot.
      response = await request(`/graphql?${search}`, { method: 'GET', headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...headers } }, caller);
    } else {
      const body = how === 'text' ? { query: print(document), operationName, variables } : { operationName, variables, extensions: persisted };
      response = await request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, caller);
    }
    return { status: response.status, headers: response.headers, body: (await response.json()) as ClientAnswer<R>['body'] };
  }
}

/** The data of an answer that has no errors. */
export function dataOf<R>(answer: ClientAnswer<R>): R {
  if (answer.body.errors?.length || !answer.body.data) throw new Error(`errors: ${JSON.stringify(answer.body.errors)}`);
  return answer.body.data;
}
