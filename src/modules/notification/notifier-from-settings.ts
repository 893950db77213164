import { settings, type Settings } from '../../runtime/settings.ts';
import { FileNotifier } from './file-notifier.ts';
import { HttpNotifier } from './http-notifier.ts';
import type { Notifier } from './notifier.ts';

/**
 * The gateway the settings configure: `NOTIFICATION_GATEWAY_URL` (HTTP, with
 * `NOTIFICATION_GATEWAY_TIMEOUT_MS`) or `NOTIFICATION_FILE` (development); null when neither is
 * set (messages then stay PENDING). Both set is refused by the settings' own rules.
 */
export function notifierFrom(from: Settings = settings()): Notifier | null {
  if (from.NOTIFICATION_FILE) return new FileNotifier(from.NOTIFICATION_FILE);
  if (!from.NOTIFICATION_GATEWAY_URL) return null;
  return new HttpNotifier({ baseUrl: from.NOTIFICATION_GATEWAY_URL, timeoutMs: from.NOTIFICATION_GATEWAY_TIMEOUT_MS });
}
