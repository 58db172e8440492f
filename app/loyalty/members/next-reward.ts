import type { Reward } from "../program/rules-schema";
import { pointsToRedeem, variableRange } from "../redemption/reward-value";

/** The cheapest reward a member can use but not afford yet, and how far they are from it. */
export type NextReward = { readonly rewardId: string; readonly name: string; readonly cost: number; readonly remaining: number };

/**
 * The points a reward takes at the least: its cost, a variable reward's smallest allowed
 * amount (null when no amount fits its bounds: it cannot be redeemed at all).
 */
export function rewardEntryPoints(reward: Reward): number | null {
  if (reward.kind === "variable") return variableRange(reward)?.minimum ?? null;
  if (reward.kind === "donation") return reward.minPoints;
  const fixed = pointsToRedeem(reward, null);
  return fixed.ok ? fixed.value : reward.cost;
}

/** Whether a member holding `tierId` may use the reward (no tiers listed: every member). */
export function rewardOpenToTier(reward: Reward, tierId: string | null): boolean {
  return reward.tierIds.length === 0 || (tierId !== null && reward.tierIds.includes(tierId));
}

/**
 * What the storefront and the customer's metafield show as "next reward": among the enabled
 * rewards the member's tier may use, the cheapest one `available` does not reach. Donations
 * are gifts, not goals, so they never count; ties go to the reward listed first (the
 * merchant's order). Null when the member can afford every reward (or there is none).
 */
export function nextReward(available: number, rewards: readonly Reward[], tierId: string | null): NextReward | null {
  // A negative balance (a refund clawed back spent points) reaches nothing but free perks.
  const balance = Math.max(0, available);
  let next: { reward: Reward; cost: number } | null = null;
  for (const reward of rewards) {
    if (!reward.enabled || reward.kind === "donation" || !rewardOpenToTier(reward, tierId)) continue;
    const cost = rewardEntryPoints(reward);
    if (cost === null || cost <= balance) continue;
    if (next === null || cost < next.cost) next = { reward, cost };
  }
  if (next === null) return null;
  return { rewardId: next.reward.id, name: next.reward.name, cost: next.cost, remaining: next.cost - balance };
}
