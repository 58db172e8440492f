import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseOrder } from "../testing/fixtures";
import { floorDiv, giftCardValueMinor, isPaidStatus, refundsNotIncluded, snapshotVersion, supersedes, type OrderLine } from "./order-state";


const line = (overrides: Partial<OrderLine>): OrderLine => ({
  lineItemId: "gid://shopify/LineItem/1", productId: null, quantity: 1, currentQuantity: 1, giftCard: false, unitPriceMinor: 1000, discountMinor: 0, ...overrides,
});

describe("supersedes: which payload is the order's latest state", () => {
  const later = new Date("2026-03-01T10:00:01Z");

  it("GIVEN a later updated_at THEN the candidate wins", () => {
    expect(supersedes(snapshotVersion({ ...baseOrder, updatedAt: later }), snapshotVersion(baseOrder))).toBe(true);
    expect(supersedes(snapshotVersion(baseOrder), snapshotVersion({ ...baseOrder, updatedAt: later }))).toBe(false);
  });

  it("GIVEN the same payload twice THEN neither supersedes the other (a replay is a no-op)", () => {
    expect(supersedes(snapshotVersion(baseOrder), snapshotVersion({ ...baseOrder }))).toBe(false);
  });

  it("GIVEN the same updated_at THEN the state later in the order's life wins", () => {
    const refunded = { ...baseOrder, financialStatus: "partially_refunded", includedRefundIds: ["r1"], subtotalMinor: 5000 };
    const cancelled = { ...baseOrder, cancelledAt: baseOrder.updatedAt, financialStatus: "refunded" };
    expect(supersedes(snapshotVersion(refunded), snapshotVersion(baseOrder))).toBe(true);
    expect(supersedes(snapshotVersion(cancelled), snapshotVersion(baseOrder))).toBe(true);
    expect(supersedes(snapshotVersion({ ...baseOrder, financialStatus: "paid" }), snapshotVersion({ ...baseOrder, financialStatus: "pending" }))).toBe(true);
  });

  it("is a strict total order on distinct states: exactly one of two different states wins", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (a, b) => {
        fc.pre(a !== b);
        const first = snapshotVersion({ ...baseOrder, subtotalMinor: a });
        const second = snapshotVersion({ ...baseOrder, subtotalMinor: b });
        expect(supersedes(first, second) !== supersedes(second, first)).toBe(true);
      }),
    );
  });
});

describe("giftCardValueMinor", () => {
  it("counts only gift-card lines, at their current quantity", () => {
    const lines = [line({ giftCard: true, unitPriceMinor: 2500, quantity: 2, currentQuantity: 1 }), line({ unitPriceMinor: 9999 })];
    expect(giftCardValueMinor(lines)).toBe(2500);
  });

  it("prorates a line discount to the current quantity, rounding the discount down", () => {
    expect(giftCardValueMinor([line({ giftCard: true, unitPriceMinor: 1000, quantity: 3, currentQuantity: 2, discountMinor: 100 })])).toBe(2000 - 66);
  });

  it("ignores lines fully removed or refunded", () => {
    expect(giftCardValueMinor([line({ giftCard: true, currentQuantity: 0 })])).toBe(0);
  });
});

describe("floorDiv", () => {
  it("rounds towards minus infinity", () => {
    expect(floorDiv(8_999_999_999_999_999, 1000)).toBe(8_999_999_999_999);
    expect(floorDiv(-1, 100)).toBe(-1);
    expect(floorDiv(99, 100)).toBe(0);
  });

  it("agrees with BigInt division on any safe operands", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 1_000_000 }), (a, b) => {
        expect(floorDiv(a, b)).toBe(Number(BigInt(a) / BigInt(b)));
      }),
    );
  });

  it("refuses a zero divisor (a bug)", () => {
    expect(() => floorDiv(1, 0)).toThrow();
  });
});

describe("isPaidStatus and refundsNotIncluded", () => {
  it.each([["paid", true], ["partially_refunded", true], ["refunded", true], ["pending", false], ["authorized", false], ["partially_paid", false], ["voided", false], [null, false]] as const)(
    "%s is paid: %s",
    (status, paid) => expect(isPaidStatus(status)).toBe(paid),
  );

  it("lists the refunds of this order that the snapshot does not reflect", () => {
    const refund = (refundId: string, orderId = baseOrder.orderId) => ({ refundId, orderId, processedAt: null, currency: "USD", lineSubtotalMinor: 1, giftCardMinor: 0 });
    const order = { ...baseOrder, includedRefundIds: ["r1"] };
    expect(refundsNotIncluded(order, [refund("r1"), refund("r2"), refund("r3", "gid://shopify/Order/2")]).map((r) => r.refundId)).toEqual(["r2"]);
  });
});
