import { httpEndpoint } from '../base/http-endpoint.ts';
import { readPerson, type PersonRegistry, type RegistryAnswer } from './person-registry.ts';

// Rule 2 — the state registry of individuals over HTTP: `GET {base}/persons/{iin}` answers 200 with
// the person as JSON, 404 when it does not know the IIN; 5xx and 429 mean "ask again later".

export const DEFAULT_TIMEOUT_MS = 3000;

const unavailable = (reason: string): RegistryAnswer => ({ kind: 'unavailable', reason });

export class HttpPersonRegistry implements PersonRegistry {
  readonly name: string;
  readonly timeoutMs: number;
  readonly #base: string;

  /** Throws for a base URL that is not http(s): a configuration error, found at start-up. */
  constructor(options: { baseUrl: string; timeoutMs?: number }) {
    // Only the origin and path are used: a name recorded in every card must not carry credentials.
    ({ base: this.#base, name: this.name } = httpEndpoint(options.baseUrl, 'person registry'));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async lookup(iin: string): Promise<RegistryAnswer> {
    let response: Response;
    let body: string;
    // One deadline for the whole exchange, body included: a registry that sends headers and then stalls is as slow.
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      response = await fetch(`${this.#base}/persons/${encodeURIComponent(iin)}`, { headers: { accept: 'application/json' }, signal });
      body = await response.text();
    } catch (error) {
      if (signal.aborted) return unavailable(`the person registry did not answer within ${this.timeoutMs} ms`);
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      if (code === 'ECONNREFUSED') return unavailable('the person registry refused the connection');
      return unavailable(`the person registry could not be reached${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    if (response.status === 200) {
      let record: unknown;
      try {
        record = JSON.parse(body);
      } catch {
        return { kind: 'invalid', reason: 'the person registry answered malformed JSON' };
      }
      return readPerson(iin, record);
    }
    if (response.status === 404) return { kind: 'notFound' };
    if (response.status >= 500 || response.status === 429) return unavailable(`the person registry answered HTTP ${response.status}`);
    return { kind: 'invalid', reason: `the person registry answered HTTP ${response.status}` };
  }
}
