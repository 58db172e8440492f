import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { lifetimeRepeatPurchaseRate, repeatPurchaseRate } from "./repeat-purchase";
import { order, period, periodFromChoices, shopFromChoices } from "./metric-fixtures";
import { compareRatios, formatOneIn, isDefined, ONE, ratio } from "./ratio";

/**
 * January 2026:
 * - A: 3 orders in January → repeat.
 * - B: 1 order in January.
 * - C: 2 orders in January, one cancelled → 1 counted.
 * - D: 1 in December 2025, 1 in January → 1 in the period, 2 in a lifetime.
 * - a guest with 2 orders is not a customer.
 * In the period: 1 repeat of 4 customers = 25 % ("1:4.0"). Lifetime to 1 Feb: A and D of 4 = 50 % ("1:2.0").
 */
const january = period("2026-01-01", "2026-01-31");
const shop = [
  order("A", "2026-01-02", 100),
  order("A", "2026-01-10", 100),
  order("A", "2026-01-20", 100),
  order("B", "2026-01-05", 100),
  order("C", "2026-01-06", 100),
  order("C", "2026-01-07", 100, { cancelled: true }),
  order("D", "2025-12-24", 100),
  order("D", "2026-01-24", 100),
  order(null, "2026-01-03", 100),
  order(null, "2026-01-04", 100),
  order("E", "2026-02-01T00:00:00Z", 100),
];

describe("repeat purchase rate = customers with 2+ orders / customers with 1+ orders", () => {
  it("GIVEN the January shop THEN 1 repeat customer of 4 = 25 %, which the guides write as 1:4.0", () => {
    const result = repeatPurchaseRate(shop, january);
    expect(result).toEqual({ customers: 4, repeatCustomers: 1, rate: ratio(1, 4) });
    expect(formatOneIn(result.rate)).toBe("1:4.0");
  });

  it("GIVEN the lifetime variant THEN every order before the period end counts: A and D of 4 = 50 % (E ordered at the end, excluded)", () => {
    const result = lifetimeRepeatPurchaseRate(shop, january);
    expect(result).toEqual({ customers: 4, repeatCustomers: 2, rate: ratio(2, 4) });
    expect(formatOneIn(result.rate)).toBe("1:2.0");
  });

  it("GIVEN a period without customer orders THEN the rate is not defined", () => {
    expect(isDefined(repeatPurchaseRate(shop, period("2024-01-01", "2024-01-31")).rate)).toBe(false);
    expect(isDefined(repeatPurchaseRate([order(null, "2026-01-03", 100)], january).rate)).toBe(false);
  });

  it("GIVEN orders refunded to 0 THEN they still count as orders", () => {
    expect(repeatPurchaseRate([order("A", "2026-01-02", 0), order("A", "2026-01-03", 0)], january).repeatCustomers).toBe(1);
  });

  it("PROPERTY: the rate is at most 1, and the lifetime rate counts at least the period's customers", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 150, size: "max" }), fc.nat({ max: 729 }), fc.integer({ min: 1, max: 400 }), (choices, offset, length) => {
        const { orders } = shopFromChoices(choices);
        const chosen = periodFromChoices(offset, length, "UTC");
        const inPeriod = repeatPurchaseRate(orders, chosen);
        const lifetime = lifetimeRepeatPurchaseRate(orders, chosen);
        if (isDefined(inPeriod.rate)) expect(compareRatios(inPeriod.rate, ONE)).toBeLessThanOrEqual(0);
        expect(lifetime.customers).toBeGreaterThanOrEqual(inPeriod.customers);
        expect(lifetime.repeatCustomers).toBeGreaterThanOrEqual(inPeriod.repeatCustomers);
      }),
      { numRuns: 150 },
    );
  });
});
