import type { RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Principal } from '../modules/access/principal.ts';
import { SessionRejected, type Sessions } from '../modules/access/session.ts';
import type { VerifiedTokens } from '../modules/access/tokens.ts';
import { LinkRefused, verifyPrintoutLink, type LinkClaims } from '../modules/printout/download-link.ts';
import { bearerToken, callerOf } from './authentication.ts';
import { sendError } from './errors.ts';
import { sessionOf } from './sign-in.ts';
import type { RateLimitDecision, SlidingWindowLimit } from './rate-limit.ts';

// Who is calling, and whether they may, in front of /graphql and the CSV export and before the
// request body is read:
// 1. A token this process has verified and still remembers names its caller at no cost.
// 2. Any other request (no token, a malformed header, a token not seen yet or forged) first counts
//    against the limit of its client address, stricter than a caller's. Past it the answer is 429
//    without looking at the token: a flood of forged tokens costs a counter each, not a signature
//    check. A token that then verifies is refunded, so the address limit counts anonymous and
//    refused requests only (a new token is checked once, then remembered).
// 3. The caller's own limit, by role and subject, so a renewed token does not start afresh.
// The client address is Express's `req.ip`: the socket's peer unless TRUST_PROXY names the proxies
// whose X-Forwarded-For is believed (protection.ts).

export interface CallerLimits {
  /** Per signed-in caller. */
  callers: SlidingWindowLimit;
  /** Per client address, for anonymous requests and tokens not verified. */
  addresses: SlidingWindowLimit;
}

/** The caller the gate let through (on `res.locals`). */
export const principalOf = (res: Response): Principal => res.locals.principal as Principal;

/** The RateLimit-* headers (IETF draft) of a decision, and Retry-After when it refused. */
function rateLimitHeaders(res: Response, decision: RateLimitDecision | null): void {
  if (!decision) return;
  res.set({
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
    'RateLimit-Policy': `${decision.limit};w=${decision.windowSeconds}`,
  });
  if (decision.retryAfterSeconds !== null) res.set('Retry-After', String(decision.retryAfterSeconds));
}

function tooMany(res: Response, decision: RateLimitDecision, whose: string): void {
  rateLimitHeaders(res, decision);
  sendError(res, 429, 'RATE_LIMITED', `Too many requests ${whose}: at most ${decision.limit} every ${decision.windowSeconds} s; try again in ${decision.retryAfterSeconds} s`);
}

/**
 * The gate of /graphql and the downloads. A request without an Authorization header may instead
 * carry a browser's session cookie (sign-in.ts, when `sessions` is given): opening it costs an AES
 * decryption, no more than a remembered token, so a good one is not counted against the address; a
 * bad or expired one is, and gets 401 with reason SESSION_INVALID or SESSION_EXPIRED.
 */
export function signedIn(tokens: VerifiedTokens, limits: CallerLimits, maxTokenBytes: number, sessions: Sessions | null = null): RequestHandler {
  return async (req, res, next) => {
    try {
      let session: Principal | null = null;
      let sessionRefused: SessionRejected | null = null;
      if (sessions && !req.get('authorization')) {
        try {
          session = (await sessionOf(req, sessions))?.principal ?? null;
        } catch (error) {
          if (!(error instanceof SessionRejected)) throw error;
          sessionRefused = error;
        }
      }
      let token: string | null = null;
      let refusal: unknown = null;
      try {
        token = bearerToken(req.get('authorization'), maxTokenBytes);
      } catch (error) {
        refusal = error;
      }
      let principal: Principal;
      if (session) {
        principal = session;
      } else if (sessionRefused) {
        const address = await limits.addresses.hit(req.ip ?? 'unknown');
        if (address && !address.allowed) return tooMany(res, address, 'without a valid token from this address');
        rateLimitHeaders(res, address);
        return sendError(res, 401, 'UNAUTHENTICATED', `Not signed in: ${sessionRefused.message}`, { reason: sessionRefused.reason });
      } else if (token !== null && tokens.remembers(token)) {
        principal = await tokens.verify(token);
      } else {
        const address = await limits.addresses.hit(req.ip ?? 'unknown');
        if (address && !address.allowed) return tooMany(res, address, 'without a valid token from this address');
        try {
          if (refusal) throw refusal;
          principal = await callerOf(token!, tokens);
        } catch (error) {
          // A refused request is told how much of its address's allowance is left.
          rateLimitHeaders(res, address);
          throw error;
        }
        if (address) await limits.addresses.refund(address);
      }
      const own = await limits.callers.hit(`${principal.role}:${principal.subject}`);
      if (own && !own.allowed) return tooMany(res, own, 'from this caller');
      rateLimitHeaders(res, own);
      res.locals.principal = principal;
      next();
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code !== 'UNAUTHENTICATED') return next(error);
      const { reason } = error.extensions;
      sendError(res, 401, 'UNAUTHENTICATED', error.message, reason ? { reason } : undefined);
    }
  };
}

/** What the download link of a request named (on `res.locals`), when it came with one. */
export const linkOf = (res: Response): LinkClaims | null => (res.locals.link as LinkClaims | undefined) ?? null;

/**
 * The gate of a download opened with a short-lived link (`?link=…`, src/modules/printout/download-link.ts)
 * instead of a token: the link names its caller. Counted as the gate above counts: against the
 * client address until the link verifies, then against the caller it names. A refused link gets
 * 401 with LINK_EXPIRED or LINK_INVALID. `now` is the clock the link's expiry is checked by.
 */
export function signedInByLink(limits: CallerLimits, now: () => number = Date.now): RequestHandler {
  return async (req, res, next) => {
    try {
      const address = await limits.addresses.hit(req.ip ?? 'unknown');
      if (address && !address.allowed) return tooMany(res, address, 'without a valid token or link from this address');
      let claims: LinkClaims;
      try {
        claims = await verifyPrintoutLink(String(req.query.link), new Date(now()));
      } catch (error) {
        rateLimitHeaders(res, address);
        throw error;
      }
      if (address) await limits.addresses.refund(address);
      const { principal } = claims;
      const own = await limits.callers.hit(`${principal.role}:${principal.subject}`);
      if (own && !own.allowed) return tooMany(res, own, 'from this caller');
      rateLimitHeaders(res, own);
      res.locals.principal = principal;
      res.locals.link = claims;
      next();
    } catch (error) {
      if (!(error instanceof LinkRefused)) return next(error);
      sendError(res, 401, error.code, error.message);
    }
  };
}
