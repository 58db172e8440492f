import { describe, expect, it } from "vitest";
import { evaluateCart, type CartFacts, type RewardConditions } from "./cart-conditions";
import type { RewardValue } from "./reward-value";

const shoes = "gid://shopify/Collection/1";
const cart: CartFacts = {
  currency: "USD", subtotalMinor: 6550, shippingMinor: 1200,
  lines: [
    { id: "l1", variantId: "v1", quantity: 2, subtotalMinor: 4000, collectionIds: [shoes] },
    { id: "l2", variantId: "v2", quantity: 1, subtotalMinor: 2550, collectionIds: [] },
  ],
};
const anywhere: RewardConditions = { minimumOrderMinor: 0, collectionIds: [] };

describe("evaluateCart: GIVEN a cart, WHEN a reward's conditions are checked", () => {
  it.each<[string, RewardValue, RewardConditions, CartFacts, unknown]>([
    ["$10 off the order", { kind: "amount_off", amountMinor: 1000, currency: "USD" }, anywhere, cart, { ok: true, value: { discountMinor: 1000, targetLineIds: [] } }],
    ["$100 off is capped at what the cart costs", { kind: "amount_off", amountMinor: 10000, currency: "USD" }, anywhere, cart, { ok: true, value: { discountMinor: 6550 } }],
    ["15% off, rounded down (982.5 → 982)", { kind: "percent_off", percent: 15 }, anywhere, cart, { ok: true, value: { discountMinor: 982 } }],
    ["20% off shoes only", { kind: "percent_off", percent: 20 }, { minimumOrderMinor: 0, collectionIds: [shoes] }, cart, { ok: true, value: { discountMinor: 800, targetLineIds: ["l1"] } }],
    ["free shipping up to $8", { kind: "free_shipping", maxShippingMinor: 800, currency: "USD" }, anywhere, cart, { ok: true, value: { discountMinor: 800 } }],
    ["free shipping uncapped", { kind: "free_shipping", maxShippingMinor: null, currency: "USD" }, anywhere, cart, { ok: true, value: { discountMinor: 1200 } }],
    ["a free unit of a product in the cart", { kind: "free_product", productId: "p1", variantId: "v1" }, anywhere, cart, { ok: true, value: { discountMinor: 2000, targetLineIds: ["l1"] } }],
    ["a free product not in the cart", { kind: "free_product", productId: "p9", variantId: "v9" }, anywhere, cart, { ok: false, error: "no_eligible_products" }],
    ["a minimum order not met", { kind: "amount_off", amountMinor: 1000, currency: "USD" }, { minimumOrderMinor: 7000, collectionIds: [] }, cart, { ok: false, error: "minimum_order_not_met", params: { missingMinor: 450 } }],
    ["a minimum order met exactly", { kind: "amount_off", amountMinor: 1000, currency: "USD" }, { minimumOrderMinor: 6550, collectionIds: [] }, cart, { ok: true }],
    ["no product from the collections", { kind: "percent_off", percent: 20 }, { minimumOrderMinor: 0, collectionIds: ["gid://shopify/Collection/2"] }, cart, { ok: false, error: "no_eligible_products" }],
    ["a cart in another currency", { kind: "amount_off", amountMinor: 1000, currency: "USD" }, anywhere, { ...cart, currency: "EUR" }, { ok: false, error: "currency_mismatch" }],
    ["store credit changes nothing in the cart", { kind: "store_credit", amountMinor: 1000, currency: "USD" }, anywhere, cart, { ok: true, value: { discountMinor: 0 } }],
  ])("%s", (_, value, conditions, facts, expected) => {
    expect(evaluateCart(value, conditions, facts)).toMatchObject(expected as object);
  });
});
