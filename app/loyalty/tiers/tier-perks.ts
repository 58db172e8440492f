import type { TierRules } from "../program/rules-schema";
import { findTierLevel } from "./tier-levels";

/** The 1× multiplier, as an integer percent. */
export const BASE_EARN_MULTIPLIER_PERCENT = 100;

/**
 * The earn multiplier (integer percent, 100 = 1×) a member's tier gives. No tier, tiers
 * turned off, or a tier id the rules no longer have all earn at 1×: a perk applies only
 * while the program offers it, and a stale id must never multiply points.
 */
export function earnMultiplierPercent(rules: Pick<TierRules, "enabled" | "levels">, tierId: string | null): number {
  if (!rules.enabled) return BASE_EARN_MULTIPLIER_PERCENT;
  return findTierLevel(rules.levels, tierId)?.perks.earnMultiplierPercent ?? BASE_EARN_MULTIPLIER_PERCENT;
}
