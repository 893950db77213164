import type { SqlEntityManager } from '@mikro-orm/sql';
import { log } from '../../runtime/log.ts';
import { labourContractChecks } from '../../runtime/metrics.ts';
import type { Outcome } from '../base/user-errors.ts';
import { Card } from '../card/card.entity.ts';
import type { Actor, ChangeDeps } from '../card/card-change.ts';
import { ActiveMeasure, ProfessionalTraining, Relocation, SubsidizedJob, type AnyActiveMeasure } from '../measures/measure.entity.ts';
import { recordMeasureEmployment, recordSubsidizedJobDecision } from '../measures/measure.service.ts';
import { Referral } from '../referral/referral.entity.ts';
import { recordReferralOutcome } from '../referral/referral.service.ts';
import { SpecialWorkplace } from '../special-workplace/special-workplace.entity.ts';
import { recordSpecialWorkplaceHiring } from '../special-workplace/special-workplace.service.ts';
import type { LabourContract, LabourContractAnswer, LabourContractRegistry } from './labour-contract-registry.ts';
import {
  addDays, agrees, employmentOf, EMPLOYMENT_WINDOW_DAYS, findOutcomes, HIRING_WINDOW_DAYS, hiringActOf, isOpen, type Finding, type OutcomeEntry,
} from './matching.ts';
import { OutcomeConflict } from './outcome-conflict.entity.ts';

// Appendix 2, items 4–6 — the outcomes of referrals and measures kept current from the
// labour-contract register. The cards with an outcome still open are walked by id in batches (each
// read with a fresh EntityManager, so memory stays bounded); the register is asked about each
// person before anything is locked; what it gives for an open outcome is recorded by the very
// service a caseworker's mutation calls (same checks, same unit of work, the register named as the
// actor in the history); what differs from an outcome a caseworker recorded is listed as an
// OutcomeConflict instead. Doing it twice records nothing new.

/** The history's actor of what the register records. */
export const LABOUR_CONTRACTS_ACTOR_ID = 'registry:labour-contracts';
export const labourContractsActor = (registry: LabourContractRegistry): Actor => ({
  id: LABOUR_CONTRACTS_ACTOR_ID, name: `Еңбек шарттарының тізілімі / Реестр трудовых договоров (${registry.name})`,
});

/**
 * Days an outcome stays open to the register after its window closed: a contract may be entered in
 * the register late. After that the entry is no longer asked about.
 */
export const LATE_ENTRY_DAYS = 92;

/** The register could not answer now: the check stops, leaving the cards it had not reached as they are. */
export class LabourContractRegistryUnavailable extends Error {
  constructor(reason: string) {
    super(`the labour-contract registry is unavailable: ${reason}`);
    this.name = 'LabourContractRegistryUnavailable';
  }
}

export interface CheckOptions {
  /** Cards read per batch. */
  batchSize: number;
  /** Continue after this card id. */
  afterId?: string | null;
  /** Once aborted, no new card is started, and the check throws (its job is handed back to be run again). */
  signal?: AbortSignal;
}

export interface CheckTotals {
  /** Cards whose person the register was asked about. */
  asked: number;
  /** Outcomes recorded from the register. */
  recorded: number;
  /** Conflicts newly listed. */
  conflicts: number;
  /** Persons the register does not know. */
  unknown: number;
  /** Persons about whom it answered something unusable (logged; a person must look). */
  unusable: number;
}

export type CheckDeps = ChangeDeps & { contractRegistry: LabourContractRegistry };

/** Asks the register, turning a defect behind the port into an unavailable answer. */
async function ask(registry: LabourContractRegistry, iin: string): Promise<LabourContractAnswer> {
  try {
    return await registry.contractsOf(iin);
  } catch (error) {
    log.warn({ err: error, registry: registry.name }, 'the labour-contract registry failed');
    return { kind: 'unavailable', reason: 'the labour-contract registry failed unexpectedly' };
  }
}

/** A batch of cards after `afterId` with an outcome the register may still give. */
async function cardsWithOpenOutcomes(em: SqlEntityManager, afterId: string | null, limit: number, today: string) {
  const hiringFrom = addDays(today, -(HIRING_WINDOW_DAYS + LATE_ENTRY_DAYS));
  const employmentFrom = addDays(today, -(EMPLOYMENT_WINDOW_DAYS + LATE_ENTRY_DAYS));
  const measureEnd = `coalesce(case m.kind when 'PROFESSIONAL_TRAINING' then m.study_end when 'SUBSIDIZED_JOB' then m.participation_end end, m.referred_on)`;
  return em.execute<{ id: string; iin: string }[]>(
    `select c.id, c.iin from "card" c where c.id > ? and (
       exists (select 1 from "referral" r where r.card_id = c.id and r.voided_at is null
               and r.hiring_order_date is null and r.refusal_refused_on is null and r.referred_on >= ?)
       or exists (select 1 from "special_workplace" s where s.card_id = c.id and s.voided_at is null
               and s.hiring_order_date is null and s.referred_on >= ?)
       or exists (select 1 from "active_measure" m where m.card_id = c.id and m.voided_at is null and (
               (m.kind = 'SUBSIDIZED_JOB' and m.hiring_order_date is null and m.refusal_refused_on is null and m.referred_on >= ?)
               or (m.kind in ('PROFESSIONAL_TRAINING', 'SUBSIDIZED_JOB', 'RELOCATION') and m.employment_employed_on is null
                   and ${measureEnd} <= ? and ${measureEnd} >= ?)))
     ) order by c.id limit ?`,
    [afterId ?? '0', hiringFrom, hiringFrom, hiringFrom, today, employmentFrom, limit],
  );
}

const dateOf = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/** The card's entries as the matching rule reads them (voided ones are no one's outcome). */
async function entriesOf(em: SqlEntityManager, cardId: string): Promise<OutcomeEntry[]> {
  const [referrals, measures, workplaces] = await Promise.all([
    em.find(Referral, { card: cardId, voidedAt: null }),
    em.find(ActiveMeasure, { card: cardId, voidedAt: null, kind: { $in: ['PROFESSIONAL_TRAINING', 'SUBSIDIZED_JOB', 'RELOCATION'] } }),
    em.find(SpecialWorkplace, { card: cardId, voidedAt: null }),
  ]);
  const act = (a: { orderDate: string; orderNumber: string; position: string } | null | undefined) =>
    a ? { orderDate: dateOf(a.orderDate), orderNumber: a.orderNumber, position: a.position } : null;
  const employment = (e: { employedOn: string; employerName: string; position: string } | null | undefined) =>
    e ? { employedOn: dateOf(e.employedOn), employerName: e.employerName, position: e.position } : null;
  return [
    ...referrals.map((r): OutcomeEntry => ({
      type: 'Referral', id: r.id, referredOn: dateOf(r.referredOn), employerName: r.employerName, periodEnd: null,
      hiringAct: act(r.hiringAct), refused: Boolean(r.refusal), employment: null,
    })),
    ...(measures as AnyActiveMeasure[]).map((m): OutcomeEntry => {
      const base = { id: m.id, referredOn: dateOf(m.referredOn), employment: employment(m.employment) };
      if (m instanceof SubsidizedJob) {
        return {
          ...base, type: 'SubsidizedJob', employerName: m.employerName, periodEnd: m.participationPeriod?.end ? dateOf(m.participationPeriod.end) : null,
          hiringAct: act(m.hiringAct), refused: Boolean(m.refusal),
        };
      }
      const periodEnd = m instanceof ProfessionalTraining && m.studyPeriod?.end ? dateOf(m.studyPeriod.end) : null;
      return { ...base, type: m instanceof Relocation ? 'Relocation' : 'ProfessionalTraining', employerName: null, periodEnd, hiringAct: null, refused: false };
    }),
    ...workplaces.map((s): OutcomeEntry => ({
      type: 'SpecialWorkplace', id: s.id, referredOn: dateOf(s.referredOn), employerName: s.employerName, periodEnd: null,
      hiringAct: act(s.hiringAct), refused: false, employment: null,
    })),
  ];
}

/** Records the register's outcome through the service a caseworker's mutation calls. */
function record(deps: ChangeDeps, finding: Finding, version: number): Promise<Outcome<unknown>> {
  const { entry, contract } = finding;
  if (finding.outcome === 'PERMANENT_EMPLOYMENT') {
    const kind = entry.type === 'SubsidizedJob' ? 'SUBSIDIZED_JOB' : entry.type === 'Relocation' ? 'RELOCATION' : 'PROFESSIONAL_TRAINING';
    return recordMeasureEmployment(deps, entry.id, version, employmentOf(contract), kind);
  }
  const hiring = hiringActOf(contract);
  switch (entry.type) {
    case 'Referral': return recordReferralOutcome(deps, entry.id, version, { hiring });
    case 'SubsidizedJob': return recordSubsidizedJobDecision(deps, entry.id, version, { hiring });
    case 'SpecialWorkplace': return recordSpecialWorkplaceHiring(deps, entry.id, version, hiring);
    default: throw new Error(`${entry.type} records no hiring act`);
  }
}

/** Lists a conflict once; whether it is new. */
async function listConflict(deps: CheckDeps, cardId: string, finding: Finding): Promise<boolean> {
  const { entry, outcome, contract } = finding;
  const recorded = outcome === 'HIRING_ACT'
    ? { hiringAct: entry.hiringAct, refused: entry.refused }
    : { employment: entry.employment };
  const result = await deps.em.fork().createQueryBuilder(OutcomeConflict).insert({
    card: cardId, entryType: entry.type, entryId: entry.id, outcome, contractKey: `${contract.employerBin}/${contract.contractNumber}`,
    recorded, contract, source: deps.contractRegistry.name, detectedAt: deps.now(),
  }).onConflict(['card', 'entryType', 'entryId', 'outcome', 'contractKey']).ignore().execute('run');
  return (result.affectedRows ?? 0) > 0;
}

/** Attempts at one card when a caseworker's change gets in between (a stale version, an outcome recorded meanwhile). */
const ATTEMPTS = 3;

/** Applies the register's contracts to one card; the recorded outcomes and the new conflicts. */
export async function applyContracts(deps: CheckDeps, cardId: string, contracts: readonly LabourContract[]): Promise<{ recorded: number; conflicts: number }> {
  const totals = { recorded: 0, conflicts: 0 };
  for (let attempt = 1; ; attempt++) {
    const em = deps.em.fork();
    const findings = findOutcomes(await entriesOf(em, cardId), contracts, deps.today());
    let again = false;
    for (const finding of findings) {
      if (!isOpen(finding.entry, finding.outcome)) {
        if (!agrees(finding) && (await listConflict(deps, cardId, finding))) totals.conflicts++;
        continue;
      }
      const card = await deps.em.fork().findOneOrFail(Card, { id: cardId }, { fields: ['version'] });
      const outcome = await record(deps, finding, card.version);
      if (outcome.ok) {
        totals.recorded++;
        continue;
      }
      const codes = outcome.errors.map((error) => error.code);
      // A caseworker changed the card meanwhile: read it again and judge what they recorded.
      if (codes.includes('STALE_CARD') || codes.includes('OUTCOME_ALREADY_RECORDED')) {
        again = true;
        break;
      }
      // The register's contract does not pass the card's checks: nothing is recorded, a person must look.
      log.warn({ cardId, entry: `${finding.entry.type}:${finding.entry.id}`, errors: outcome.errors }, 'the labour-contract register gave an outcome the card refuses');
    }
    if (!again) return totals;
    if (attempt === ATTEMPTS) throw new Error(`card ${cardId} kept changing while its outcomes were recorded; it is checked again on the next attempt`);
  }
}

/** Asks the register about every card with an open outcome and records what it says. */
export async function checkOutcomes(deps: CheckDeps, options: CheckOptions): Promise<CheckTotals> {
  const totals: CheckTotals = { asked: 0, recorded: 0, conflicts: 0, unknown: 0, unusable: 0 };
  let afterId = options.afterId ?? null;
  for (;;) {
    const batch = await cardsWithOpenOutcomes(deps.em.fork(), afterId, options.batchSize, deps.today());
    for (const card of batch) {
      if (options.signal?.aborted) throw new Error('the labour-contract check was stopped; it continues when the job runs again');
      // Asked before the card is locked: no network call while a transaction holds it.
      const answer = await ask(deps.contractRegistry, card.iin);
      totals.asked++;
      if (answer.kind === 'unavailable') throw new LabourContractRegistryUnavailable(answer.reason);
      if (answer.kind === 'notFound') {
        totals.unknown++;
        labourContractChecks.inc({ result: 'unknown' });
        continue;
      }
      if (answer.kind === 'invalid') {
        totals.unusable++;
        labourContractChecks.inc({ result: 'unusable' });
        log.warn({ cardId: String(card.id), registry: deps.contractRegistry.name, reason: answer.reason }, 'the labour-contract register answered something unusable');
        continue;
      }
      const applied = await applyContracts(deps, String(card.id), answer.contracts);
      totals.recorded += applied.recorded;
      totals.conflicts += applied.conflicts;
      labourContractChecks.inc({ result: 'recorded' }, applied.recorded);
      labourContractChecks.inc({ result: 'conflict' }, applied.conflicts);
    }
    if (batch.length < options.batchSize) return totals;
    afterId = String(batch.at(-1)!.id);
  }
}
