import type { TierLevel } from "../program/rules-schema";

/*
 * Lookups over a program's tier levels. Every function here relies on what program-checks.ts
 * guarantees of validated rules: levels lowest first, thresholds strictly increasing, ids
 * unique. A level's rank is its index in that list.
 */

/** The highest level whose threshold the value reaches, or null when it is below the first. */
export function qualifiedLevel(levels: readonly TierLevel[], value: number): TierLevel | null {
  for (let index = levels.length - 1; index >= 0; index -= 1) {
    const level = levels[index];
    if (level && level.threshold <= value) return level;
  }
  return null;
}

/** The level with this id, or null for no tier or an id the rules no longer have. */
export function findTierLevel(levels: readonly TierLevel[], tierId: string | null): TierLevel | null {
  if (tierId === null) return null;
  return levels.find((level) => level.id === tierId) ?? null;
}

/** Rank of a level (0 for the lowest); −1 for no level. */
export function tierRank(levels: readonly TierLevel[], level: TierLevel | null): number {
  return level === null ? -1 : levels.findIndex((candidate) => candidate.id === level.id);
}
