// Money is exact: amounts travel as decimal strings and are added as integer tiyn (1/100 tenge)
// in BigInt, never as binary floats.

const PATTERNS = new Map<number, RegExp>();

/** Digits before the point of an amount that can be stored: numeric(14,2). */
export const STORED_DIGITS = 12;

/**
 * The canonical form ("1500.50") of a non-negative amount with at most 2 fraction digits and
 * `integerDigits` before the point (sums, such as a total of stored amounts, may need more), or null.
 */
export function normalizeMoney(value: string, integerDigits = STORED_DIGITS): string | null {
  let pattern = PATTERNS.get(integerDigits);
  if (!pattern) PATTERNS.set(integerDigits, (pattern = new RegExp(`^(0|[1-9]\\d{0,${integerDigits - 1}})(\\.\\d{1,2})?$`)));
  const match = pattern.exec(value);
  if (!match) return null;
  const fraction = (match[2] ?? '.').slice(1).padEnd(2, '0');
  return `${match[1]}.${fraction}`;
}

function toTiyn(amount: string): bigint {
  const canonical = normalizeMoney(amount, 18);
  if (canonical === null) throw new RangeError(`"${amount}" is not an amount of money`);
  const [whole, fraction] = canonical.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction!);
}

function fromTiyn(tiyn: bigint): string {
  const whole = tiyn / 100n;
  const fraction = (tiyn % 100n).toString().padStart(2, '0');
  return `${whole}.${fraction}`;
}

/** Exact sum of non-negative amounts; null or undefined amounts count as zero. */
export function sumMoney(amounts: ReadonlyArray<string | null | undefined>): string {
  return fromTiyn(amounts.reduce<bigint>((sum, amount) => (amount == null ? sum : sum + toTiyn(amount)), 0n));
}

/** Compares two amounts exactly: negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareMoney(a: string, b: string): number {
  const difference = toTiyn(a) - toTiyn(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
