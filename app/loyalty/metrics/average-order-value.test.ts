import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { averageOrderValue } from "./average-order-value";
import { order, period, periodFromChoices, shopFromChoices } from "./metric-fixtures";
import { isDefined, minorUnits, ratio } from "./ratio";

describe("average order value = net sales / orders", () => {
  const january = period("2026-01-01", "2026-01-31");

  it("GIVEN 100.00, 50.00, a fully refunded order and a 25.00 guest order THEN AOV = 175.00 / 4 = 43.75", () => {
    const shop = [
      order("A", "2026-01-05", 10_000),
      order("B", "2026-01-06", 5_000),
      order("C", "2026-01-07", 0), // refunded in full: still an order, net sales 0
      order(null, "2026-01-08", 2_500), // guest checkouts count in AOV
      order("A", "2026-01-09", 99_900, { cancelled: true }),
      order("A", "2026-01-10", 99_900, { test: true }),
    ];
    const result = averageOrderValue(shop, january);
    expect(result).toEqual({ orders: 4, netSalesMinor: 17_500, aov: ratio(17_500, 4) });
    expect(minorUnits(result.aov)).toBe(4_375);
  });

  it("GIVEN 1.00 + 1.01 over 2 orders THEN the exact AOV 100.5 cents is shown as 101 (half up)", () => {
    const result = averageOrderValue([order("A", "2026-01-05", 100), order("B", "2026-01-06", 101)], january);
    expect(result.aov).toEqual(ratio(201, 2));
    expect(minorUnits(result.aov)).toBe(101);
  });

  it("GIVEN no orders THEN AOV is not defined (null), not NaN", () => {
    const result = averageOrderValue([], january);
    expect(isDefined(result.aov)).toBe(false);
    expect(minorUnits(result.aov)).toBeNull();
  });

  it("PROPERTY: AOV lies between the smallest and the largest counted order", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 150, size: "max" }), fc.nat({ max: 729 }), fc.integer({ min: 1, max: 400 }), (choices, offset, length) => {
        const chosen = periodFromChoices(offset, length, "UTC");
        const orders = shopFromChoices(choices).orders;
        const counted = orders.filter((o) => !o.cancelled && !o.test && o.placedAt >= chosen.from && o.placedAt < chosen.to);
        const { aov } = averageOrderValue(orders, chosen);
        expect(isDefined(aov)).toBe(counted.length > 0);
        if (counted.length === 0) return;
        const value = aov.numerator / aov.denominator;
        expect(value).toBeGreaterThanOrEqual(Math.min(...counted.map((o) => o.netSalesMinor)));
        expect(value).toBeLessThanOrEqual(Math.max(...counted.map((o) => o.netSalesMinor)));
      }),
    );
  });
});
