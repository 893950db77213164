import type { SqlEntityManager } from '@mikro-orm/sql';
import type { AuditScope } from '../audit/audit.store.ts';
import type { Card } from '../card/card.entity.ts';
import { careerCenterIds } from '../career-center/career-center.store.ts';
import type { Principal, Role } from './principal.ts';

// Who may read which cards, decided here and nowhere else. Every route to a card asks:
// `card`, `cardByIin`, `node` (the card or any of its entries), `cards` (as a query condition).
//   CASEWORKER, HEAD  the cards their career center keeps
//   ANALYST           every card (personal data masked where it is shown)
//   CITIZEN           their own card: the one with the IIN their token names
//   INTEGRATION       none (it imports)
// Statistics (no personal data, never masked): analysts over every card, caseworkers and heads
// over their center's (`statisticsScope`).
// The read audit: a HEAD sees the reads of the cards their center keeps (`auditScope`).
// Outcome conflicts (the labour-contract register against a caseworker's record): the caseworkers
// and heads of the center that keeps the card list and review them; no other role (`centerStaffScope`).
// Changes: CASEWORKER and HEAD change the cards their center keeps, and sign them (as EXECUTOR the
// executor who keeps the card, as HEAD a head: the footer's service holds those rules);
// INTEGRATION imports; a CITIZEN applies to be registered (their own IIN, at the center they
// choose) and withdraws their own undecided application, nothing else; ANALYST changes nothing
// (`ACTIONS`).
// The messages queued for the person (`Card.notifications`): the staff who may change the card.
// A context without a principal is in-process use (tests, benchmarks, tools), never a request:
// HTTP requests are authenticated before a context exists.

/** The kinds of change, and the roles that may make them. */
export const ACTIONS = {
  keep: ['CASEWORKER', 'HEAD'],
  sign: ['CASEWORKER', 'HEAD'],
  import: ['INTEGRATION'],
  /** §12, §15 — a person's own application (`cardApply`). */
  apply: ['CITIZEN'],
  /** §12, §15 — withdrawing an undecided application: the person, or the center on their behalf. */
  withdraw: ['CITIZEN', 'CASEWORKER', 'HEAD'],
} as const satisfies Record<string, readonly Role[]>;
export type ChangeKind = keyof typeof ACTIONS;

/** The cards a caller may read, as a condition on `card`. */
export type ReadScope =
  | { kind: 'all' }
  | { kind: 'careerCenter'; careerCenterId: string | null }
  | { kind: 'person'; iin: string }
  | { kind: 'none' };

export class AccessPolicy {
  readonly principal: Principal | null;
  readonly #em: SqlEntityManager;
  #scope: Promise<ReadScope> | null = null;

  constructor(principal: Principal | null, em: SqlEntityManager) {
    this.principal = principal;
    this.#em = em;
  }

  /** Whether personal data is masked for this caller (an ANALYST): the schema's `@personalData` says what and how. */
  get masked(): boolean {
    return this.principal?.role === 'ANALYST';
  }

  /** Whether this caller's role may make changes of this kind at all. */
  mayAct(kind: ChangeKind): boolean {
    return !this.principal || (ACTIONS[kind] as readonly Role[]).includes(this.principal.role);
  }

  /** The cards this caller may read. */
  readScope(): Promise<ReadScope> {
    this.#scope ??= this.#resolveScope();
    return this.#scope;
  }

  async #resolveScope(): Promise<ReadScope> {
    const principal = this.principal;
    if (!principal) return { kind: 'all' };
    switch (principal.role) {
      case 'ANALYST':
        return { kind: 'all' };
      case 'CITIZEN':
        return { kind: 'person', iin: principal.subject };
      case 'INTEGRATION':
        return { kind: 'none' };
      case 'CASEWORKER':
      case 'HEAD': {
        // The token names its center by code; cards name it by id. An unknown code reads nothing.
        return { kind: 'careerCenter', careerCenterId: (await careerCenterIds(this.#em.fork(), [principal.careerCenter!])).get(principal.careerCenter!)! };
      }
    }
  }

  /** Whether this caller may read the card. */
  async mayRead(card: Card): Promise<boolean> {
    const scope = await this.readScope();
    switch (scope.kind) {
      case 'all':
        return true;
      case 'none':
        return false;
      case 'person':
        return card.iin === scope.iin;
      case 'careerCenter':
        return card.careerCenter === scope.careerCenterId;
    }
  }

  /**
   * Whether this caller may make a change of `kind` to the card: a caseworker or head of the center
   * that keeps it; a CITIZEN only their own card, and only the kinds their role may make.
   */
  async mayWrite(card: Card, kind: ChangeKind = 'keep'): Promise<boolean> {
    if (!this.principal) return true;
    if (!this.mayAct(kind)) return false;
    if (this.principal.role === 'CITIZEN') return card.iin === this.principal.subject;
    if (this.principal.role !== 'CASEWORKER' && this.principal.role !== 'HEAD') return false;
    return this.mayRead(card);
  }

  /**
   * Rule 1 — whether an application may be received at this career center by this caller: a
   * caseworker or head at their own center, a person (CITIZEN) at the center they choose.
   */
  async mayReceiveAt(careerCenterId: string): Promise<boolean> {
    if (!this.principal || this.principal.role === 'CITIZEN') return true;
    if (this.principal.role !== 'CASEWORKER' && this.principal.role !== 'HEAD') return false;
    return (await this.careerCenterId()) === careerCenterId;
  }

  /**
   * Whether this caller may see the messages queued for the person of a card: the staff of the
   * center that keeps it (as for changing it), and in-process use. Analysts and citizens do not.
   */
  mayReadNotifications(card: Card): Promise<boolean> {
    return this.mayWrite(card);
  }

  /** The career center a caseworker or head works at (null for other roles or an unknown code). */
  async careerCenterId(): Promise<string | null> {
    const scope = await this.readScope();
    return scope.kind === 'careerCenter' ? scope.careerCenterId : null;
  }

  /**
   * Whose read audit this caller may see: a HEAD that of the cards their center keeps; in-process
   * use all of it; anyone else nothing (null).
   */
  async auditScope(): Promise<AuditScope | null> {
    if (!this.principal) return { kind: 'all' };
    if (this.principal.role !== 'HEAD') return null;
    return { kind: 'careerCenter', careerCenterId: await this.careerCenterId() };
  }

  /**
   * Whose statistics this caller may compute: an analyst (or in-process use) every card's
   * (`careerCenterId` undefined), a caseworker or head their center's; anyone else none (null).
   */
  async statisticsScope(): Promise<{ careerCenterId?: string | null } | null> {
    if (!this.principal || this.principal.role === 'ANALYST') return {};
    if (this.principal.role !== 'CASEWORKER' && this.principal.role !== 'HEAD') return null;
    return { careerCenterId: await this.careerCenterId() };
  }

  /**
   * Whose applications (§12, §15) and outcome conflicts this caller lists and decides: a
   * caseworker's or head's, their center's; in-process use every center's (`careerCenterId`
   * undefined); anyone else none (null).
   */
  async centerStaffScope(): Promise<{ careerCenterId?: string | null } | null> {
    if (!this.principal) return {};
    if (this.principal.role !== 'CASEWORKER' && this.principal.role !== 'HEAD') return null;
    return { careerCenterId: await this.careerCenterId() };
  }

  /** The card if this caller may read it, else null: a card out of reach reads as absent. */
  async readable(card: Card | null): Promise<Card | null> {
    return card && (await this.mayRead(card)) ? card : null;
  }
}
