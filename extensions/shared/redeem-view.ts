import type { RedemptionShow, RewardOffer } from "./wafa-api";

/** The points a shopper may choose for a variable or donation reward: multiples of `step`. */
export type SliderBounds = { readonly min: number; readonly max: number; readonly step: number };

/**
 * Bounds for the points slider, or null when the reward takes a fixed cost or the balance
 * does not reach its minimum. Values are multiples of `step` (the app accepts only those,
 * so the money a point buys stays exact: docs/decisions/0015-redemption.md), between the
 * reward's minimum and the lesser of its maximum and the balance.
 */
export function sliderBounds(reward: RewardOffer, available: number): SliderBounds | null {
  if (reward.points === null) return null;
  const { minimum, maximum, step } = reward.points;
  const min = Math.max(step, Math.ceil(minimum / step) * step);
  const ceiling = maximum === null ? available : Math.min(maximum, available);
  const max = Math.floor(ceiling / step) * step;
  return max >= min ? { min, max, step } : null;
}

/** A typed or dragged value brought onto the slider: clamped, then down to a step. */
export function snapPoints(value: number, bounds: SliderBounds): number {
  if (!Number.isFinite(value)) return bounds.min;
  const clamped = Math.min(bounds.max, Math.max(bounds.min, Math.floor(value)));
  const snapped = Math.floor(clamped / bounds.step) * bounds.step;
  return Math.max(bounds.min, snapped);
}

/** Why a reward can or cannot be redeemed here, in the order the app checks. */
export type OfferStatus = "ready" | "not_for_tier" | "needs_points" | "minimum_not_met";

export type Offer = { readonly reward: RewardOffer; readonly status: OfferStatus; readonly slider: SliderBounds | null };

/** Kinds a checkout can apply as a discount; store credit and donations are redeemed in the account. */
const CHECKOUT_KINDS: ReadonlySet<RewardOffer["kind"]> = new Set(["fixed_amount", "percentage", "free_shipping", "free_product", "variable"]);

export function offerStatus(reward: RewardOffer, available: number, subtotalMinor: number | null): OfferStatus {
  if (!reward.availableForTier) return "not_for_tier";
  const needed = reward.points === null ? reward.cost : Math.max(reward.cost, reward.points.minimum);
  if (available < needed || (reward.points !== null && sliderBounds(reward, available) === null)) return "needs_points";
  if (subtotalMinor !== null && reward.minimumOrderMinor !== null && subtotalMinor < reward.minimumOrderMinor) return "minimum_not_met";
  return "ready";
}

/**
 * The rewards a checkout offers: discount kinds the tier may use, those the cart qualifies
 * for first, then those a little short of points (so the shopper sees what is close).
 */
export function checkoutOffers(rewards: readonly RewardOffer[], available: number, subtotalMinor: number | null): Offer[] {
  const offers = rewards
    .filter((reward) => CHECKOUT_KINDS.has(reward.kind) && reward.availableForTier)
    .map((reward) => ({ reward, status: offerStatus(reward, available, subtotalMinor), slider: sliderBounds(reward, available) }));
  const rank = (offer: Offer) => (offer.status === "ready" ? 0 : 1);
  return offers.sort((a, b) => rank(a) - rank(b) || a.reward.cost - b.reward.cost);
}

/** Every reward of the member's tier, for the account page (which can issue codes and store credit). */
export function accountOffers(rewards: readonly RewardOffer[], available: number): Offer[] {
  return rewards
    .filter((reward) => reward.availableForTier)
    .map((reward) => ({ reward, status: offerStatus(reward, available, null), slider: sliderBounds(reward, available) }));
}

/** The points a redemption request carries: the chosen slider value for ranged rewards, none for fixed ones. */
export function requestedPoints(offer: Offer, chosen: number | null): number | null {
  if (offer.slider === null) return null;
  return snapPoints(chosen ?? offer.slider.min, offer.slider);
}

/**
 * A cart amount (Shopify sends `Money.amount` in major units) in minor units of its
 * currency, the unit every Wafa amount uses. The exponent comes from Intl (JPY 0, KWD 3).
 */
export function toMinorUnits(amount: number, currencyCode: string): number | null {
  if (!Number.isFinite(amount) || amount < 0) return null;
  let digits: number;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency: currencyCode }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return null;
  }
  return Math.round(amount * 10 ** digits);
}

/** What to tell the shopper after a redemption succeeded: a locale key, its values, and a code to copy. */
export type RedeemMessage = { readonly key: string; readonly params: Readonly<Record<string, string>>; readonly code: string | null };

/**
 * `codeApplied`: for a code, whether this surface applied it to the checkout (true), could
 * not (false: the caller gives the points back and reports `discount_not_applied` instead),
 * or does not apply codes (null: the account page shows it to copy).
 */
export function successMessage(show: RedemptionShow, codeApplied: boolean | null): RedeemMessage {
  switch (show.kind) {
    case "code":
      return codeApplied ? { key: "result.codeApplied", params: { code: show.code }, code: null } : { key: "result.code", params: { code: show.code }, code: show.code };
    case "applied_at_checkout":
      return { key: "result.applied", params: {}, code: null };
    case "store_credit":
      return { key: "result.storeCredit", params: {}, code: null };
    case "donation":
      return { key: "result.donation", params: {}, code: null };
    case "none":
      return { key: "result.reserved", params: {}, code: null };
  }
}
