import type { AccessPolicy } from './access/policy.ts';
import type { Principal } from './access/principal.ts';
import type { CardsRead } from './audit/cards-read.ts';
import type { Actor } from './card/card-change.ts';
import type { CardView } from './card/card-view.ts';
import type { Language } from './dictionary/codes.ts';
import type { Territories } from './dictionary/territories.ts';
import type { Signing } from './footer/signature-verification.ts';
import type { PersonRegistry } from './verification/person-registry.ts';

// What the modules add to every request's context (src/api/context.ts); the server builds it.

declare module '../api/context.ts' {
  interface Context {
    /** The acting user, as the history records them; null for an anonymous request. */
    actor: Actor | null;
    /** The verified caller (role, career center); null in-process (tests, tools), never for an HTTP request. */
    principal: Principal | null;
    /** What the caller may read and change: the one place that decides. */
    access: AccessPolicy;
    /** Objects of cards read as of a past moment, and the view their sections come from. */
    pastViews: WeakMap<object, CardView>;
    /** Regions and districts, shared by all requests. */
    territories: Territories;
    /** The language labels are given in unless a field asks for another (`Accept-Language`). */
    language: Language;
    /**
     * The language of messages for people (user errors, verification reasons): Kazakh or Russian
     * when `Accept-Language` prefers one, else null — English, as the messages are written.
     */
    messageLanguage: Language | null;
    /** Rule 2 — the state registry of individuals, shared by all requests; null when none is configured. */
    registry: PersonRegistry | null;
    /** Footer — the trusted CAs and external verifier signatures are checked against, shared by all requests; null when signing is not configured. */
    signing: Signing | null;
    /** The cards whose personal data this request returned, for the read audit. */
    cardsRead: CardsRead;
  }
}
