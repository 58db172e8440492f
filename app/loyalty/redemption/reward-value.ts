import { ok } from "../result";
import type { Reward } from "../program/rules-schema";
import { failure, type RedemptionResult } from "./redemption-errors";

/**
 * What a reward is worth once redeemed, in integers: minor units of the shop's currency,
 * whole percents, a variant id. Conversions from points round down (never pay out more than
 * the merchant's rate; the shopper is shown the rounded value before confirming).
 */
export type RewardValue =
  | { readonly kind: "amount_off"; readonly amountMinor: number; readonly currency: string }
  | { readonly kind: "percent_off"; readonly percent: number }
  | { readonly kind: "free_shipping"; readonly maxShippingMinor: number | null; readonly currency: string }
  | { readonly kind: "free_product"; readonly productId: string; readonly variantId: string }
  | { readonly kind: "store_credit"; readonly amountMinor: number; readonly currency: string }
  | { readonly kind: "donation"; readonly cause: string; readonly amountMinor: number; readonly currency: string };

export type RewardValueKind = RewardValue["kind"];

/** Shopify's discount class a value needs (Discount Function API), or null when it is no discount. */
export type DiscountClass = "ORDER" | "PRODUCT" | "SHIPPING";

export function discountClassOf(value: RewardValue, collectionIds: readonly string[]): DiscountClass | null {
  switch (value.kind) {
    case "amount_off":
    case "percent_off":
      // Restricted to collections, the discount targets those lines (a product discount).
      return collectionIds.length > 0 ? "PRODUCT" : "ORDER";
    case "free_product":
      return "PRODUCT";
    case "free_shipping":
      return "SHIPPING";
    case "store_credit":
    case "donation":
      return null;
  }
}

type Rate = { readonly points: number; readonly amountMinor: number };

/** ⌊points × amountMinor / ratePoints⌋, exact beyond 2^53 in the intermediate product. */
export function pointsToMinor(points: number, rate: Rate): number {
  if (!Number.isSafeInteger(points) || points < 0) throw new Error(`points must be a non-negative safe integer, got ${points}`);
  return Number((BigInt(points) * BigInt(rate.amountMinor)) / BigInt(rate.points));
}

/**
 * The points a variable ("points for money") reward accepts: multiples of the rate's points
 * (each step is worth exactly the rate's amount, so no rounding ever happens), between the
 * merchant's minimum and maximum. Null when no multiple fits between them.
 */
export function variableRange(reward: Extract<Reward, { kind: "variable" }>): { minimum: number; maximum: number; step: number } | null {
  const step = reward.rate.points;
  const minimum = Math.ceil(reward.minPoints / step) * step;
  const maximum = Math.floor(reward.maxPoints / step) * step;
  return minimum <= maximum ? { minimum, maximum, step } : null;
}

export type PointsError = "points_required" | "invalid_points" | "points_below_minimum" | "points_above_maximum" | "points_not_in_steps";

/**
 * How many points a redemption of `reward` costs. Fixed-cost rewards cost their cost (a
 * client may repeat it, not change it); variable and donation rewards cost what the shopper
 * chose, within the reward's bounds.
 */
export function pointsToRedeem(reward: Reward, requested: number | null): RedemptionResult<number, PointsError> {
  if (requested !== null && (!Number.isSafeInteger(requested) || requested < 0)) return failure("invalid_points");
  switch (reward.kind) {
    case "variable": {
      if (requested === null) return failure("points_required");
      const range = variableRange(reward);
      if (range === null) return failure("points_above_maximum", { maximum: 0 });
      if (requested < range.minimum) return failure("points_below_minimum", { minimum: range.minimum });
      if (requested > range.maximum) return failure("points_above_maximum", { maximum: range.maximum });
      if (requested % range.step !== 0) return failure("points_not_in_steps", { step: range.step });
      return ok(requested);
    }
    case "donation":
      if (requested === null) return failure("points_required");
      if (requested < reward.minPoints) return failure("points_below_minimum", { minimum: reward.minPoints });
      return ok(requested);
    default:
      if (requested !== null && requested !== reward.cost) return failure("invalid_points", { cost: reward.cost });
      return ok(reward.cost);
  }
}

/** The value of redeeming `points` (already checked by pointsToRedeem) on `reward`. */
export function rewardValue(reward: Reward, points: number, currency: string): RewardValue {
  switch (reward.kind) {
    case "fixed_amount":
      return { kind: "amount_off", amountMinor: reward.amountMinor, currency };
    case "percentage":
      return { kind: "percent_off", percent: reward.percent };
    case "free_shipping":
      return { kind: "free_shipping", maxShippingMinor: reward.maxShippingMinor, currency };
    case "free_product":
      return { kind: "free_product", productId: reward.productId, variantId: reward.variantId };
    case "store_credit":
      return { kind: "store_credit", amountMinor: reward.amountMinor, currency };
    case "variable": {
      const amountMinor = pointsToMinor(points, reward.rate);
      return reward.payout === "store_credit" ? { kind: "store_credit", amountMinor, currency } : { kind: "amount_off", amountMinor, currency };
    }
    case "donation":
      return { kind: "donation", cause: reward.cause, amountMinor: pointsToMinor(points, reward.rate), currency };
  }
}
