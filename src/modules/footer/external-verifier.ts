// Footer: signing — signatures on algorithms this API does not verify itself (GOST 34.310, the
// national algorithm) go to an external verifier over HTTP, as the person registry is asked:
// `POST {url}` with JSON `{ signature, document, digest, signedAt }` (the CMS in base64, the signed
// document's bytes in base64, their SHA-256 in hex, the moment of signing); it answers 200 with
// `{ "valid": true, "iin": "…" }` when the signature, the certificate's validity at that moment and its
// chain all check out, or `{ "valid": false, "reason": "…" }`. Anything else (no answer in time,
// 5xx, 429, another status, malformed JSON) means "ask again later". docs/signatures.md holds the contract.

export const DEFAULT_VERIFIER_TIMEOUT_MS = 5000;

export type VerifierAnswer =
  | { kind: 'valid'; iin: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unavailable'; reason: string };

export interface ExternalVerifier {
  /** Where it is, for the start-up line (no credentials). */
  readonly name: string;
  verify(request: { signature: string; document: Uint8Array; digest: string; signedAt: Date }): Promise<VerifierAnswer>;
}

const unavailable = (reason: string): VerifierAnswer => ({ kind: 'unavailable', reason });

export class HttpExternalVerifier implements ExternalVerifier {
  readonly name: string;
  readonly timeoutMs: number;
  readonly #url: string;

  /** Throws for a URL that is not http(s): a configuration error, found at start-up. */
  constructor(options: { url: string; timeoutMs?: number }) {
    const url = new URL(options.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the signature verifier URL must be http(s), not ${url.protocol}`);
    this.#url = url.href;
    this.name = url.host + url.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_VERIFIER_TIMEOUT_MS;
  }

  async verify(request: { signature: string; document: Uint8Array; digest: string; signedAt: Date }): Promise<VerifierAnswer> {
    let response: Response;
    let body: string;
    // One deadline for the whole exchange, body included.
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      response = await fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          signature: request.signature, document: Buffer.from(request.document).toString('base64'), digest: request.digest, signedAt: request.signedAt.toISOString(),
        }),
        signal,
      });
      body = await response.text();
    } catch (error) {
      if (signal.aborted) return unavailable(`the signature verifier did not answer within ${this.timeoutMs} ms`);
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      return unavailable(`the signature verifier could not be reached${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    if (response.status !== 200) return unavailable(`the signature verifier answered HTTP ${response.status}`);
    let answer: { valid?: unknown; iin?: unknown; reason?: unknown };
    try {
      answer = JSON.parse(body);
    } catch {
      return unavailable('the signature verifier answered malformed JSON');
    }
    if (answer?.valid === true && typeof answer.iin === 'string' && /^\d{12}$/.test(answer.iin)) return { kind: 'valid', iin: answer.iin };
    if (answer?.valid === false) return { kind: 'invalid', reason: typeof answer.reason === 'string' && answer.reason.trim() ? answer.reason.trim().slice(0, 300) : 'no reason given' };
    return unavailable('the signature verifier answered neither "valid": true with an "iin" nor "valid": false');
  }
}
