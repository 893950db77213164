import type { Actor } from '../modules/card/card-change.ts';

// Until authentication lands, the acting user is named by request headers. Services only ever see
// an `Actor` in the context, so a verified token can replace this function without touching them.

/** `X-Actor-Id` (required to change anything), `X-Actor-Name` (optional, percent-encoded UTF-8). */
export function actorFromHeaders(header: (name: string) => string | undefined): Actor | null {
  const id = header('x-actor-id')?.trim();
  if (!id) return null;
  let name = header('x-actor-name')?.trim() || null;
  try {
    name = name && decodeURIComponent(name);
  } catch {
    // A malformed escape: keep the header as sent.
  }
  return { id: id.slice(0, 255), name: name?.slice(0, 255) ?? null };
}
