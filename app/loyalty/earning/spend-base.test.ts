import { describe, expect, it } from "vitest";
import type { OrderLine, OrderSnapshot } from "../orders/order-state";
import { DEFAULT_BASE } from "../program/program";
import { baseOrder } from "../testing/fixtures";
import { eligibleSpendMinor, excludedLineIds, netSpendMinor, normaliseTag } from "./spend-base";

const line = (id: string, unitPriceMinor: number, extra: Partial<OrderLine> = {}): OrderLine => ({
  lineItemId: id, productId: `gid://shopify/Product/${id}`, quantity: 1, currentQuantity: 1, giftCard: false, unitPriceMinor, discountMinor: 0, ...extra,
});

// 100.00 subtotal: a 60.00 tee discounted by 10.00, a 30.00 coffee tagged "Consumable", a 20.00 gift card.
const order: OrderSnapshot = {
  ...baseOrder,
  subtotalMinor: 10_000,
  lines: [line("tee", 6_000, { discountMinor: 1_000 }), line("coffee", 3_000), line("card", 2_000, { giftCard: true })],
};
const tags = new Map([["coffee", [" Consumable "]]]);

describe("the spend base", () => {
  it("GIVEN the default base THEN the subtotal without gift cards, before shipping and taxes", () => {
    expect(eligibleSpendMinor(order, [], DEFAULT_BASE)).toBe(8_000);
    expect(netSpendMinor(order, [])).toBe(8_000);
  });

  it.each([
    ["shipping", { includeShipping: true }, 9_000],
    ["taxes added to prices without them", { includeTaxes: true }, 8_500],
    ["prices before discounts", { beforeDiscounts: true }, 9_000],
    ["gift cards", { includeGiftCards: true }, 10_000],
    ["a product tag excluded, whatever its case and spaces", { excludedProductTags: ["consumable"] }, 5_000],
  ])("GIVEN %s THEN the base moves by exactly that", (_name, change, expected) => {
    expect(eligibleSpendMinor(order, [], { ...DEFAULT_BASE, ...change }, tags)).toBe(expected);
  });

  it("GIVEN taxes included in prices and a base without taxes THEN the tax comes out", () => {
    expect(eligibleSpendMinor({ ...order, taxesIncluded: true }, [], DEFAULT_BASE)).toBe(7_500);
  });

  it("GIVEN a refund the payload does not reflect yet THEN it comes off, never below zero", () => {
    const refund = { refundId: "r1", orderId: order.orderId, processedAt: null, currency: "USD", lineSubtotalMinor: 3_000, giftCardMinor: 0 };
    expect(eligibleSpendMinor(order, [refund], DEFAULT_BASE)).toBe(5_000);
    expect(netSpendMinor(order, [{ ...refund, lineSubtotalMinor: 50_000 }])).toBe(0);
  });

  it("GIVEN lines and tags THEN the excluded lines are gift cards and tagged products; tags compare case-insensitively", () => {
    expect([...excludedLineIds(order.lines, { ...DEFAULT_BASE, excludedProductTags: ["CONSUMABLE"] }, tags)].sort()).toEqual(["card", "coffee"]);
    expect(normaliseTag("  Sale ")).toBe("sale");
  });
});
