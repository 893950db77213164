import { httpEndpoint } from '../base/http-endpoint.ts';
import type { Notifier, OutgoingMessage, SendResult } from './notifier.ts';

// The gateway over HTTP (docs/notifications.md): `POST {base}/messages` with the message as JSON
// and `Idempotency-Key: <notification id>`. 2xx (and 409: that key was taken already) is sent;
// 5xx, 429 and no answer in time mean "again later"; any other status is a refusal.

export const DEFAULT_TIMEOUT_MS = 5000;

export class HttpNotifier implements Notifier {
  readonly name: string;
  readonly timeoutMs: number;
  readonly #base: string;

  /** Throws for a base URL that is not http(s): a configuration error, found at start-up. */
  constructor(options: { baseUrl: string; timeoutMs?: number }) {
    // Only the origin and path: a name that goes to the logs must not carry credentials.
    ({ base: this.#base, name: this.name } = httpEndpoint(options.baseUrl, 'notification gateway'));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    let response: Response;
    // One deadline for the whole exchange, body included.
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      response = await fetch(`${this.#base}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': message.id },
        body: JSON.stringify(message),
        signal,
      });
      await response.arrayBuffer();
    } catch (error) {
      if (signal.aborted) return { kind: 'unavailable', reason: `the notification gateway did not answer within ${this.timeoutMs} ms` };
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      return { kind: 'unavailable', reason: `the notification gateway could not be reached${typeof code === 'string' ? ` (${code})` : ''}` };
    }
    if ((response.status >= 200 && response.status < 300) || response.status === 409) return { kind: 'sent' };
    if (response.status >= 500 || response.status === 429) return { kind: 'unavailable', reason: `the notification gateway answered HTTP ${response.status}` };
    return { kind: 'refused', reason: `the notification gateway answered HTTP ${response.status}` };
  }
}
