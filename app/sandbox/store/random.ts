/**
 * A small seeded PRNG (mulberry32) for the demo history: the same seed always gives the
 * same store, which Math.random cannot. Not for anything secret.
 */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One value, each with probability proportional to its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [weight: number, value: T]>): T;
};

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error("cannot pick from an empty list");
      return item;
    },
    weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
      const total = choices.reduce((sum, [weight]) => sum + weight, 0);
      let point = next() * total;
      for (const [weight, value] of choices) {
        point -= weight;
        if (point < 0) return value;
      }
      const last = choices.at(-1);
      if (!last) throw new Error("cannot choose from no choices");
      return last[1];
    },
  };
}
