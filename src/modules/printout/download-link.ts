import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { settings } from '../../runtime/settings.ts';
import { ROLES, type Principal, type Role } from '../access/principal.ts';
import type { Language } from '../dictionary/codes.ts';
import type { PrintedState } from './printout.service.ts';

// Short-lived links to a printed card, for clients that cannot add an Authorization header to a
// download (a browser's <a href>, a mobile app's system viewer). A link carries a token signed with
// HMAC (HS256) that binds the card, the language, the caller who asked for it (subject, role,
// center, name) and its expiry; the route checks the card's access again as that caller and
// audits the read under their name. The key is DOWNLOAD_LINK_SECRET, or one made at random per
// process (one process only: settings.ts refuses several workers without it).

const AUDIENCE = 'card-printout';
const ALGORITHM = 'HS256';

let processKey: Uint8Array | undefined;
function key(): Uint8Array {
  const secret = settings().DOWNLOAD_LINK_SECRET;
  if (secret) return new TextEncoder().encode(secret);
  processKey ??= new Uint8Array(randomBytes(32));
  return processKey;
}

export interface PrintoutLink {
  /** The path of the download, with its token: `/cards/<id>.pdf?language=kk&link=…`. */
  url: string;
  expiresAt: Date;
}

/**
 * A link to the printed card `cardId` (its global id) in `language` — in `state`: as it stands, at
 * a moment, or at the end of a version — for `principal`, valid from `now` for the configured lifetime.
 */
export async function printoutLink(principal: Principal, cardId: string, language: Language, now: Date, state: PrintedState = null): Promise<PrintoutLink> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + settings().DOWNLOAD_LINK_LIFETIME_SECONDS;
  const token = await new SignJWT({
    card: cardId, lang: language, role: principal.role, center: principal.careerCenter, name: principal.name,
    ...(state && 'asOf' in state ? { asOf: state.asOf.toISOString() } : {}), ...(state && 'version' in state ? { version: state.version } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(principal.subject)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key());
  const query = new URLSearchParams({ language: language.toLowerCase(), link: token });
  return { url: `/cards/${encodeURIComponent(cardId)}.pdf?${query}`, expiresAt: new Date(expiresAt * 1000) };
}

/** Why a link was refused: `LINK_EXPIRED` (a new one is needed) or `LINK_INVALID` (not one of ours, or altered). */
export class LinkRefused extends Error {
  readonly code: 'LINK_EXPIRED' | 'LINK_INVALID';
  constructor(code: 'LINK_EXPIRED' | 'LINK_INVALID', message: string) {
    super(message);
    this.name = 'LinkRefused';
    this.code = code;
  }
}

/** What a valid link names. */
export interface LinkClaims {
  principal: Principal;
  /** The card's global id. */
  cardId: string;
  language: Language;
  /** What state of the card it prints; null: as it stands when the link is opened. */
  state: PrintedState;
}

/** The caller, card and language a link names, checked at `now`; LinkRefused otherwise. */
export async function verifyPrintoutLink(token: string, now: Date): Promise<LinkClaims> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(), { audience: AUDIENCE, algorithms: [ALGORITHM], currentDate: now, requiredClaims: ['exp', 'sub'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new LinkRefused('LINK_EXPIRED', 'The download link has expired: ask for a new one');
    throw new LinkRefused('LINK_INVALID', 'The download link is not valid');
  }
  const role = payload.role as Role;
  const language = payload.lang as Language;
  const asOf = typeof payload.asOf === 'string' ? new Date(payload.asOf) : null;
  const version = Number.isInteger(payload.version) ? (payload.version as number) : null;
  if (!ROLES.includes(role) || typeof payload.card !== 'string' || (language !== 'KK' && language !== 'RU') || (asOf && Number.isNaN(asOf.getTime()))) {
    throw new LinkRefused('LINK_INVALID', 'The download link is not valid');
  }
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  // A link only reads: it carries no IIN (it travels in a URL), and the reader it names signs nothing.
  return { principal: { subject: payload.sub!, role, careerCenter: text(payload.center), name: text(payload.name), iin: null }, cardId: payload.card, language,
    state: asOf ? { asOf } : version !== null ? { version } : null,
  };
}
