import type { Clock, Context } from '../api/context.ts';
import { RequestLoaders } from '../api/loaders.ts';
import type { Orm } from '../db/orm.ts';
import { AccessPolicy } from '../modules/access/policy.ts';
import type { Principal } from '../modules/access/principal.ts';
import { CardsRead } from '../modules/audit/cards-read.ts';
import { systemClock } from '../modules/base/clock.ts';
import type { Actor } from '../modules/card/card-change.ts';
import { DEFAULT_LANGUAGE, type Language } from '../modules/dictionary/codes.ts';
import type { Territories } from '../modules/dictionary/territories.ts';
import type { Signing } from '../modules/footer/signature-verification.ts';
import type { PersonRegistry } from '../modules/verification/person-registry.ts';

import type { RequestReport } from '../runtime/request-report.ts';

export type { Context } from '../api/context.ts';

declare module '../api/context.ts' {
  interface Context {
    /** What the HTTP request did, for its log line and metrics; null in-process. */
    report: RequestReport | null;
  }
}

/** A request's context: a fork of the EntityManager, fresh loaders, the caller. */
export function createContext(
  orm: Orm,
  territories: Territories,
  options: { actor?: Actor | null; principal?: Principal | null; clock?: Clock; registry?: PersonRegistry | null; signing?: Signing | null; language?: Language; messageLanguage?: Language | null; report?: RequestReport } = {},
): Context {
  const em = orm.em.fork();
  const loaders = new RequestLoaders(em);
  return {
    em,
    loaders,
    clock: options.clock ?? systemClock,
    refresh() {
      em.clear();
      loaders.clear();
    },
    actor: options.actor ?? null,
    principal: options.principal ?? null,
    access: new AccessPolicy(options.principal ?? null, em),
    pastViews: new WeakMap(),
    territories,
    language: options.language ?? DEFAULT_LANGUAGE,
    messageLanguage: options.messageLanguage ?? null,
    registry: options.registry ?? null,
    signing: options.signing ?? null,
    cardsRead: new CardsRead(),
    report: options.report ?? null,
  };
}
