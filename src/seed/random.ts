// A small deterministic PRNG (sfc32, seeded through splitmix32) so demo data is the same on every
// machine and every run: card N depends only on the seed and N, not on batch sizes or order.

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(...seeds: number[]) {
    const mix = splitmix32(seeds.reduce((acc, seed) => Math.imul(acc ^ seed, 0x01000193) >>> 0, 0x811c9dc5));
    this.#a = mix();
    this.#b = mix();
    this.#c = mix();
    this.#d = mix();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An item chosen with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let point = this.next() * total;
    for (const item of items) {
      point -= weight(item);
      if (point < 0) return item;
    }
    return items.at(-1)!;
  }
}

const DAY = 86_400_000;

/** Calendar arithmetic on `YYYY-MM-DD` strings (UTC, no time zone drift). */
export const days = {
  toNumber: (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY,
  fromNumber: (day: number) => new Date(day * DAY).toISOString().slice(0, 10),
  add: (date: string, count: number) => days.fromNumber(days.toNumber(date) + count),
  between: (random: Random, from: string, to: string) => days.fromNumber(random.int(days.toNumber(from), days.toNumber(to))),
  min: (a: string, b: string) => (a < b ? a : b),
};
