import { ok } from "../result";
import { failure, type RedemptionResult } from "./redemption-errors";
import type { RewardValue } from "./reward-value";

/**
 * Reward conditions need a cart: the checkout extension previews them, the Function enforces
 * them (extensions/wafa-discount/src/run.ts, whose tests check it agrees with this). Amounts
 * are minor units of the shop's currency.
 */
/** A reward's conditions (rules-schema.ts), read-only. */
export type RewardConditions = { readonly minimumOrderMinor: number; readonly collectionIds: readonly string[] };

export type CartLineFacts = {
  readonly id: string;
  readonly variantId: string | null;
  readonly quantity: number;
  /** The line's price before cart-level discounts. */
  readonly subtotalMinor: number;
  /** Which of the reward's collections the line's product is in. */
  readonly collectionIds: readonly string[];
};

export type CartFacts = {
  readonly currency: string;
  readonly subtotalMinor: number;
  readonly lines: readonly CartLineFacts[];
  /** The selected delivery options' cost, or null before the shopper chose one. */
  readonly shippingMinor: number | null;
};

export type CartDiscount = {
  /** What the shopper saves on this cart (rounded down; Shopify's own rounding may differ by a minor unit). */
  readonly discountMinor: number;
  /** The lines the discount targets (empty for an order or shipping discount). */
  readonly targetLineIds: readonly string[];
};

export type CartConditionError = "currency_mismatch" | "minimum_order_not_met" | "no_eligible_products";

/**
 * Rules: the minimum order compares the whole cart's subtotal; a reward restricted to
 * collections needs at least one line from them, and an amount or percent off then applies
 * to those lines only; a free product needs its variant in the cart and is free once.
 */
export function evaluateCart(
  value: RewardValue, conditions: RewardConditions, cart: CartFacts,
): RedemptionResult<CartDiscount, CartConditionError> {
  if ("currency" in value && value.currency !== cart.currency) return failure("currency_mismatch");
  if (cart.subtotalMinor < conditions.minimumOrderMinor) {
    return failure("minimum_order_not_met", { minimumOrderMinor: conditions.minimumOrderMinor, missingMinor: conditions.minimumOrderMinor - cart.subtotalMinor });
  }
  const restricted = conditions.collectionIds.length > 0;
  const eligible = restricted ? cart.lines.filter((line) => line.collectionIds.some((id) => conditions.collectionIds.includes(id))) : cart.lines;
  if (eligible.length === 0) return failure("no_eligible_products");
  const eligibleSubtotal = eligible.reduce((sum, line) => sum + line.subtotalMinor, 0);
  const targets = restricted ? eligible.map((line) => line.id) : [];
  switch (value.kind) {
    case "amount_off":
      return ok({ discountMinor: Math.min(value.amountMinor, eligibleSubtotal), targetLineIds: targets });
    case "percent_off":
      return ok({ discountMinor: Math.floor((eligibleSubtotal * value.percent) / 100), targetLineIds: targets });
    case "free_shipping": {
      const shipping = cart.shippingMinor ?? 0;
      return ok({ discountMinor: value.maxShippingMinor === null ? shipping : Math.min(shipping, value.maxShippingMinor), targetLineIds: [] });
    }
    case "free_product": {
      const line = cart.lines.find((candidate) => candidate.variantId === value.variantId && candidate.quantity > 0);
      if (!line) return failure("no_eligible_products");
      return ok({ discountMinor: Math.floor(line.subtotalMinor / line.quantity), targetLineIds: [line.id] });
    }
    case "store_credit":
    case "donation":
      // Not a discount: nothing in the cart changes.
      return ok({ discountMinor: 0, targetLineIds: [] });
  }
}
