import { describe, expect, it } from "vitest";
import { refundProblem, snapshotProblem } from "./fact-problems";
import type { OrderLine, OrderSnapshot, RefundFact } from "./order-state";

const LINE: OrderLine = { lineItemId: "11", productId: "7", quantity: 2, currentQuantity: 2, giftCard: false, unitPriceMinor: 2_500, discountMinor: 500 };
const ORDER: OrderSnapshot = {
  orderId: "1001", name: "#1001", customerId: "501", test: false, financialStatus: "paid", cancelledAt: null,
  createdAt: new Date("2026-11-01T10:00:00Z"), processedAt: new Date("2026-11-01T10:00:00Z"), updatedAt: new Date("2026-11-01T10:00:00Z"),
  currency: "USD", subtotalMinor: 4_500, totalMinor: 5_200, discountsMinor: 500, shippingMinor: 700, taxMinor: 0, taxesIncluded: false,
  includedRefundIds: [], lines: [LINE], discountCodes: [], sourceName: "web",
};
const REFUND: RefundFact = {
  refundId: "9001", orderId: "1001", processedAt: new Date("2026-11-03T10:00:00Z"), currency: "USD", lineSubtotalMinor: 2_000, giftCardMinor: 0,
  lineItems: [{ lineItemId: "11", quantity: 1, subtotalMinor: 2_000, giftCard: false }],
};

describe("an order fact that can be part of the shop's book", () => {
  it("GIVEN an order and a refund in the shop's currency with amounts of zero or more THEN no problem", () => {
    expect(snapshotProblem(ORDER, "USD")).toBeNull();
    expect(snapshotProblem({ ...ORDER, subtotalMinor: 0, totalMinor: 0, discountsMinor: 0, shippingMinor: 0, lines: [] }, "USD")).toBeNull();
    expect(refundProblem(REFUND, "USD")).toBeNull();
    expect(refundProblem({ ...REFUND, lineItems: undefined }, "USD")).toBeNull();
  });
});

describe("an order that cannot be part of the shop's book", () => {
  it.each([
    ["it is in another currency than the shop", { currency: "EUR" }, "order 1001 is in EUR, the shop's currency is USD"],
    ["its subtotal is negative", { subtotalMinor: -50_000 }, "order 1001 has a subtotal of -50000 minor units"],
    ["its total is fractional", { totalMinor: 12.5 }, "order 1001 has a total of 12.5 minor units"],
    ["its discounts are negative", { discountsMinor: -1 }, "order 1001 has a discounts of -1 minor units"],
    ["its shipping is beyond safe integers", { shippingMinor: 2 ** 53 }, `order 1001 has a shipping of ${2 ** 53} minor units`],
    ["its tax is not a number", { taxMinor: Number.NaN }, "order 1001 has a tax of NaN minor units"],
    ["a line's quantity is negative", { lines: [{ ...LINE, quantity: -2 }] }, "line 11 of order 1001 has a quantity of -2"],
    ["a line's current quantity is negative", { lines: [{ ...LINE, currentQuantity: -1 }] }, "line 11 of order 1001 has a current quantity of -1"],
    ["a line's unit price is negative", { lines: [{ ...LINE, unitPriceMinor: -2_500 }] }, "line 11 of order 1001 has a unit price of -2500"],
    ["a line's discount is negative", { lines: [{ ...LINE, discountMinor: -500 }] }, "line 11 of order 1001 has a discount of -500"],
  ] as const)("GIVEN %s THEN the reason names it", (_case, change, reason) => {
    expect(snapshotProblem({ ...ORDER, ...change }, "USD")).toBe(reason);
  });
});

describe("a refund that cannot be part of the shop's book", () => {
  it.each([
    ["it is in another currency than the shop", { currency: "EUR" }, "refund 9001 is in EUR, the shop's currency is USD"],
    ["its line subtotal is negative (it would add points)", { lineSubtotalMinor: -50_000 }, "refund 9001 refunds -50000 minor units"],
    ["its gift-card amount is negative", { giftCardMinor: -100 }, "refund 9001 refunds 1900 minor units"],
    ["a refunded line's quantity is negative", { lineItems: [{ lineItemId: "11", quantity: -1, subtotalMinor: 2_000, giftCard: false }] }, "refund 9001 refunds -1 of line 11 for 2000 minor units"],
    ["a refunded line's subtotal is negative", { lineItems: [{ lineItemId: "11", quantity: 1, subtotalMinor: -2_000, giftCard: false }] }, "refund 9001 refunds 1 of line 11 for -2000 minor units"],
  ] as const)("GIVEN %s THEN the reason names it", (_case, change, reason) => {
    expect(refundProblem({ ...REFUND, ...change }, "USD")).toBe(reason);
  });
});
