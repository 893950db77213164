import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.ts';
import { CardsRead } from '../modules/audit/read-audit.ts';
import { AccessPolicy } from '../modules/access/policy.ts';
import type { Principal } from '../modules/access/principal.ts';
import type { Actor } from '../modules/card/card-change.ts';
import type { CardSections } from '../modules/card/card-sections.ts';
import { DEFAULT_LANGUAGE, type Language } from '../modules/dictionary/codes.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import type { PersonRegistry } from '../modules/verification/person-registry.ts';
import { createLoaders, liveSections, type Loaders } from './loaders.ts';

/** The time source: injectable so tests can fix "today". */
export interface Clock {
  now(): Date;
  /** Today's date in Kazakhstan, `YYYY-MM-DD`. */
  today(): string;
}

const KAZAKHSTAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: process.env.CARD_TIME_ZONE ?? 'Asia/Almaty' });
/** The date in Kazakhstan at a moment, `YYYY-MM-DD`. */
export const kazakhstanDay = (at: Date): string => KAZAKHSTAN_DAY.format(at);

// Formatting a date with a time zone costs more than anything else a mobile list does per card
// (§18 asks for today's date once per card): the day is worked out once per second.
let lastDay = { second: Number.NaN, day: '' };

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== lastDay.second) lastDay = { second, day: KAZAKHSTAN_DAY.format(now) };
    return lastDay.day;
  },
};

/** What one GraphQL request works with; built anew for every request, never shared. */
export interface Context {
  /** A fork of the EntityManager: its identity map lives and dies with the request. */
  em: SqlEntityManager;
  /** The request's DataLoaders (their caches too live only as long as the request). */
  loaders: Loaders;
  /** The card sections as they are now, read through the loaders. */
  sections: CardSections;
  /** Objects of cards read `asOf` a past moment, and the view their sections come from. */
  views: WeakMap<object, CardSections>;
  /** Read-only reference data shared by all requests. */
  territories: Territories;
  /** The acting user, or null for an anonymous request. */
  actor: Actor | null;
  /** The verified caller (role, career center), or null when none was given (in-process use). */
  principal: Principal | null;
  /** What the caller may read (issue 6: the one place that decides). */
  access: AccessPolicy;
  /** The cards whose personal data this request returned, for the read audit. */
  cardsRead: CardsRead;
  clock: Clock;
  /** The language labels are given in unless a field is asked for another (`Accept-Language`). */
  language: Language;
  /** Rule 2 — the state registry of individuals, shared by all requests; null when none is configured. */
  registry: PersonRegistry | null;
  /** Forgets what the request has read so far (after a mutation changed it). */
  refresh(): void;
}

export function createContext(
  orm: Orm,
  territories: Territories,
  options: { actor?: Actor | null; principal?: Principal | null; clock?: Clock; registry?: PersonRegistry | null; language?: Language } = {},
): Context {
  const em = orm.em.fork();
  const context: Context = {
    em,
    loaders: createLoaders(em),
    sections: undefined as never,
    views: new WeakMap(),
    territories,
    actor: options.actor ?? null,
    principal: options.principal ?? null,
    access: new AccessPolicy(options.principal ?? null, em),
    cardsRead: new CardsRead(),
    clock: options.clock ?? systemClock,
    language: options.language ?? DEFAULT_LANGUAGE,
    registry: options.registry ?? null,
    refresh() {
      em.clear();
      context.loaders = createLoaders(em);
      context.sections = liveSections(context.loaders);
    },
  };
  context.sections = liveSections(context.loaders);
  return context;
}

/** Where the sections of `parent` (a card or one of its entries) come from. */
export function sectionsOf(context: Context, parent: object): CardSections {
  return context.views.get(parent) ?? context.sections;
}
