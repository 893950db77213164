import type { NotificationKind } from '../../generated/graphql.ts';
import type { Notification } from './notification.entity.ts';

// The port to whatever carries messages to people (an SMS and e-mail gateway). Like the person
// registry's port: an HTTP implementation for production, a file one for development, chosen by
// the settings. Trouble is an answer, not an exception: the job decides what to do with it.

/** A message as it leaves this system (the body of the gateway's `POST /messages`, one line of the file). */
export interface OutgoingMessage {
  /** The notification's id: the idempotency key (a message sent twice with one id is delivered once). */
  id: string;
  kind: NotificationKind;
  recipient: { phone: string | null; email: string | null };
  /** Kazakh first: the state language. */
  text: { kk: string; ru: string };
  createdAt: string;
}

export type SendResult =
  | { kind: 'sent' }
  /** Try again later: no answer in time, refused connection, HTTP 5xx or 429. */
  | { kind: 'unavailable'; reason: string }
  /** The gateway will never take this message (another 4xx): retrying cannot help. */
  | { kind: 'refused'; reason: string };

export interface Notifier {
  /** Names the gateway in logs. */
  readonly name: string;
  /** Never throws for gateway trouble: that is an `unavailable` or `refused` result. */
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** The message a notification row makes. */
export function outgoing(notification: Notification): OutgoingMessage {
  return {
    id: notification.id,
    kind: notification.kind,
    recipient: { phone: notification.phone ?? null, email: notification.email ?? null },
    text: { kk: notification.textKk, ru: notification.textRu },
    createdAt: notification.createdAt.toISOString(),
  };
}
