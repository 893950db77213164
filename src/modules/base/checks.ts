import type { Territories } from '../dictionary/territories.ts';
import { normalizeMoney } from './money.ts';
import { hasVisibleCharacter } from './text.ts';
import { Rejected, userError, type UserErrorData } from './user-errors.ts';
import type { UserErrorCode } from '../../generated/graphql.ts';
import { settings } from '../../runtime/settings.ts';

/** What every date on a card is checked against. */
export interface CheckFacts {
  /** §4 — nothing on the card happens before the person was born. */
  birthDate: string;
  /** Today in Kazakhstan: facts that must have happened cannot be later. */
  today: string;
  territories: Territories;
}

type Field = readonly string[];

/**
 * How far ahead a plan may be dated, in years (PLAN_HORIZON_YEARS, 5 unless set): a visit or a
 * course planned beyond it is a typing error (9999-12-31), not a plan.
 */
const planHorizonYears = () => settings().PLAN_HORIZON_YEARS;

/** The last day a plan made on `today` may name: the same day PLAN_HORIZON_YEARS years on. */
export const planHorizon = (today: string): string => `${String(Number(today.slice(0, 4)) + planHorizonYears()).padStart(4, '0')}${today.slice(4)}`;

/**
 * Collects the invariant violations of one input (Rule 3: a rejected mutation changes nothing, so
 * every check runs before anything is written). The same checks serve the API and the import.
 */
export class Checks {
  readonly errors: UserErrorData[] = [];
  readonly facts: CheckFacts;

  constructor(facts: CheckFacts) {
    this.facts = facts;
  }

  add(field: Field | null, code: UserErrorCode, message: string): this {
    this.errors.push(userError(field ? [...field] : null, code, message));
    return this;
  }

  /**
   * Text that must say something: a visible character, not only spaces or zero-width characters.
   * Its length and characters are the text scalars' to check (src/modules/base/text.ts).
   */
  text(field: Field, value: string | null | undefined, required = true): this {
    if (value == null) return required ? this.add(field, 'REQUIRED', `${field.at(-1)} is required`) : this;
    if (!hasVisibleCharacter(value)) this.add(field, 'INVALID_VALUE', `${field.at(-1)} must not be empty`);
    return this;
  }

  /** A date of something that has happened: not in the future and not before the birth date. */
  happened(field: Field, date: string | null | undefined): this {
    if (!date) return this;
    if (date > this.facts.today) this.add(field, 'IN_FUTURE', `${field.at(-1)} (${date}) is in the future`);
    return this.afterBirth(field, date);
  }

  /** A date of something planned: it may be in the future (up to the plan horizon), never before the birth date. */
  afterBirth(field: Field, date: string | null | undefined): this {
    if (date && date < this.facts.birthDate) {
      this.add(field, 'BEFORE_BIRTH', `${field.at(-1)} (${date}) is before the birth date (${this.facts.birthDate})`);
    }
    const horizon = planHorizon(this.facts.today);
    if (date && date > horizon) {
      this.add(field, 'TOO_FAR_AHEAD', `${field.at(-1)} (${date}) is more than ${planHorizonYears()} years ahead (after ${horizon})`);
    }
    return this;
  }

  /** `later` (at `field`) is not before `earlier`. */
  order(field: Field, earlier: string | null | undefined, later: string | null | undefined, what: string): this {
    if (earlier && later && later < earlier) this.add(field, 'DATE_ORDER', `${field.at(-1)} (${later}) is before ${what} (${earlier})`);
    return this;
  }

  /** A period that has begun: start happened, end not before start and not in the future. */
  period(field: Field, period: { start: string; end?: string | null } | null | undefined, notBefore?: { date: string; what: string }): this {
    if (!period) return this;
    this.happened([...field, 'start'], period.start).happened([...field, 'end'], period.end);
    this.order([...field, 'end'], period.start, period.end, 'the start');
    if (notBefore) this.order([...field, 'start'], notBefore.date, period.start, notBefore.what);
    return this;
  }

  /** An exact, non-negative amount of money (the API's scalar checks this too; imports need it here). */
  money(field: Field, value: string | null | undefined): this {
    if (value != null && normalizeMoney(value) === null) this.add(field, 'INVALID_VALUE', `${field.at(-1)} is not an amount of money`);
    return this;
  }

  /** A whole number within `min`..`max` (the scalar saw to it being a whole number the column holds). */
  range(field: Field, value: number | null | undefined, min: number, max: number): this {
    if (value != null && (value < min || value > max)) this.add(field, 'OUT_OF_RANGE', `${field.at(-1)} must be from ${min} to ${max}`);
    return this;
  }

  /** A number greater than zero. */
  positive(field: Field, value: number | string | null | undefined): this {
    if (value != null && !(Number(value) > 0)) this.add(field, 'NOT_POSITIVE', `${field.at(-1)} must be greater than zero`);
    return this;
  }

  /** A period that may lie ahead (a course or placement arranged for later): in order, after birth. */
  plannedPeriod(field: Field, period: { start: string; end?: string | null } | null | undefined, notBefore?: { date: string; what: string }): this {
    if (!period) return this;
    this.afterBirth([...field, 'start'], period.start).order([...field, 'end'], period.start, period.end, 'the start');
    if (notBefore) this.order([...field, 'start'], notBefore.date, period.start, notBefore.what);
    return this;
  }

  /** Region and district codes that exist, the district within the region. */
  place(field: Field, region: string | null | undefined, district: string | null | undefined): this {
    const { territories } = this.facts;
    if (region && !territories.region(region)) this.add([...field, 'region'], 'UNKNOWN_CODE', `unknown region code "${region}"`);
    if (district) {
      const found = territories.district(district);
      if (!found) this.add([...field, 'district'], 'UNKNOWN_CODE', `unknown district code "${district}"`);
      else if (!region) this.add([...field, 'region'], 'REQUIRED', 'a district needs its region');
      else if (found.regionCode !== region) this.add([...field, 'district'], 'INVALID_VALUE', `district "${district}" is not in region "${region}"`);
    }
    return this;
  }

  /** Throws `Rejected` with everything found, if anything was. */
  orReject(): void {
    if (this.errors.length) throw new Rejected(this.errors);
  }
}
