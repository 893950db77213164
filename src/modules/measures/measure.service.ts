import type {
  EmploymentInput, EntrepreneurshipSupportInput, ProfessionalTrainingInput, ReferralOutcomeInput, RelocationInput, SubsidizedJobInput,
} from '../../generated/graphql.ts';
import type { Checks } from '../base/checks.ts';
import { Rejected, userError } from '../base/user-errors.ts';
import { changeCard, changeEntry, type CardChange, type ChangeDeps } from '../card/card-change.ts';
import { alreadyRecorded, recordedOutcome } from '../referral/section.ts';
import { requireRegistration, type Receiving } from '../registration/eligibility.ts';
import { EntrepreneurshipSupport, RelocationFamilyMember, type AnyActiveMeasure, type SubsidizedJob } from './measure.entity.ts';
import {
  activeMeasures, employmentValue, entrepreneurshipSupportRow, professionalTrainingRow, relocationRows, subsidizedJobRow,
} from './section.ts';

// §16 — referrals to the four kinds of active employment-promotion measures and their outcomes.

export type Kind = AnyActiveMeasure['kind'];
type Rows = { row: object; family?: ReturnType<typeof relocationRows>['family'] };

/**
 * §16.4 — the family of a relocation: members are rows of their own, recorded in the history one
 * by one; a correction voids the members it replaces.
 */
async function setFamily(change: CardChange, relocation: AnyActiveMeasure, family: NonNullable<Rows['family']>): Promise<void> {
  if (!relocation.id) await change.em.flush();
  const members = activeMeasures.children!;
  for (const member of await change.em.find(RelocationFamilyMember, { relocation: relocation.id, voidedAt: null })) {
    change.update(members, member, (m) => Object.assign(m, {
      voidedAt: change.now, voidedBy: change.deps.actor.id, voidReason: 'replaced by a correction of the relocation',
    }));
  }
  for (const member of family) change.addChild(members, relocation, member);
}

function create<I>(action: string, rows: (checks: Checks, input: I) => Rows) {
  return (deps: ChangeDeps, cardId: string, version: number, input: I) =>
    changeCard(deps, { cardId, version, action, argument: 'cardId' }, async (change) => {
      const checks = change.checks();
      const { row, family } = rows(checks, input);
      checks.orReject();
      await requireRegistration(change, row as Receiving, ['input', 'referredOn']);
      const measure = change.add(activeMeasures, row);
      if (family) await setFamily(change, measure, family);
      return measure;
    });
}

/** The measure `id` of `kind`, for a change of it; other kinds are not found. */
function changeMeasure<T>(
  deps: ChangeDeps, id: string, version: number, action: string, kind: Kind,
  work: (change: CardChange, measure: AnyActiveMeasure) => Promise<T>,
) {
  return changeEntry(deps, { section: activeMeasures, entryId: id, version, action }, async (change, entry) => {
    if (entry.kind !== kind) throw new Rejected([userError(['id'], 'NOT_FOUND', `no such ${kind.toLowerCase()} entry`)]);
    return work(change, entry);
  });
}

function correct<I>(kind: Kind, action: string, rows: (checks: Checks, input: I) => Rows) {
  return (deps: ChangeDeps, id: string, version: number, input: I) =>
    changeMeasure(deps, id, version, action, kind, async (change, measure) => {
      const checks = change.checks();
      const { row, family } = rows(checks, input);
      checks.orReject();
      await requireRegistration(change, row as Receiving, ['input', 'referredOn']);
      change.update(activeMeasures, measure, (m) => change.em.assign(m, row as never));
      if (family) await setFamily(change, measure, family);
      return measure;
    });
}

const training = (checks: Checks, input: ProfessionalTrainingInput) => ({ row: professionalTrainingRow(checks, input) });
const entrepreneurship = (checks: Checks, input: EntrepreneurshipSupportInput) => ({ row: entrepreneurshipSupportRow(checks, input) });
const subsidized = (checks: Checks, input: SubsidizedJobInput) => ({ row: subsidizedJobRow(checks, input) });
const relocation = (checks: Checks, input: RelocationInput) => relocationRows(checks, input);

export const createProfessionalTraining = create('professionalTrainingCreate', training);
export const correctProfessionalTraining = correct('PROFESSIONAL_TRAINING', 'professionalTrainingCorrect', training);
export const createEntrepreneurshipSupport = create('entrepreneurshipSupportCreate', entrepreneurship);
export const correctEntrepreneurshipSupport = correct('ENTREPRENEURSHIP_SUPPORT', 'entrepreneurshipSupportCorrect', entrepreneurship);
export const createSubsidizedJob = create('subsidizedJobCreate', subsidized);
export const correctSubsidizedJob = correct('SUBSIDIZED_JOB', 'subsidizedJobCorrect', subsidized);
export const createRelocation = create('relocationCreate', relocation);
export const correctRelocation = correct('RELOCATION', 'relocationCorrect', relocation);

/** §16.3 — the employer's decision on a subsidized job, once. */
export function recordSubsidizedJobDecision(deps: ChangeDeps, id: string, version: number, outcome: ReferralOutcomeInput) {
  return changeMeasure(deps, id, version, 'subsidizedJobRecordDecision', 'SUBSIDIZED_JOB', async (change, job) => {
    const checks = change.checks();
    if (!outcome.hiring === !outcome.refusal) {
      checks.add(['input'], 'INVALID_VALUE', 'a decision is either hiring or refusal: give exactly one').orReject();
    }
    const values = recordedOutcome(checks, job as SubsidizedJob, outcome, job.referredOn, (which) => ['input', which]);
    change.update(activeMeasures, job, (j) => change.em.assign(j, values as never));
    return job;
  });
}

/**
 * §16.1, §16.3, §16.4 — permanent employment after the measure, once. `kind` is the kind the
 * caller's id names: a measure of another kind is not found.
 */
export function recordMeasureEmployment(deps: ChangeDeps, id: string, version: number, input: EmploymentInput, kind: Kind) {
  return changeMeasure(deps, id, version, 'activeMeasureRecordEmployment', kind, async (change, measure) => {
    if (measure instanceof EntrepreneurshipSupport) {
      throw new Rejected([userError(['id'], 'INVALID_VALUE', '§16.2 entrepreneurship support records no employment')]);
    }
    if (measure.employment) throw alreadyRecorded();
    const checks = change.checks();
    const employment = employmentValue(checks, ['input'], input, measure.referredOn);
    checks.orReject();
    change.update(activeMeasures, measure, (m) => change.em.assign(m, { employment } as never));
    return measure;
  });
}
