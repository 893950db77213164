import { appendFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Notifier, OutgoingMessage, SendResult } from './notifier.ts';

// Development and demonstrations: each message appended to a file as one JSON line, in the shape
// the HTTP gateway receives. A write that fails (a full disk) is tried again like a gateway that is down.

export class FileNotifier implements Notifier {
  readonly name: string;
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
    this.name = `file:${basename(path)}`;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      await appendFile(this.#path, `${JSON.stringify(message)}\n`, 'utf8');
      return { kind: 'sent' };
    } catch (error) {
      return { kind: 'unavailable', reason: `the notification file could not be written (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
}
