import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { purchaseFrequency } from "./purchase-frequency";
import { order, period, periodFromChoices, shopFromChoices } from "./metric-fixtures";
import { compareRatios, formatFixed, isDefined, ONE, ratio } from "./ratio";

describe("purchase frequency = orders / unique customers in the period", () => {
  const year = period("2026-01-01", "2026-12-31");

  it("GIVEN A with 3 orders, B with 1, C with 2, plus 2 guest orders THEN frequency = 6 / 3 = 2.00 (guests left out)", () => {
    const shop = [
      order("A", "2026-01-10", 100),
      order("A", "2026-05-10", 100),
      order("A", "2026-09-10", 100),
      order("B", "2026-02-01", 100),
      order("C", "2026-03-01", 100),
      order("C", "2026-11-01", 100),
      order(null, "2026-04-01", 100),
      order(null, "2026-04-02", 100),
    ];
    const result = purchaseFrequency(shop, year);
    expect(result).toEqual({ orders: 6, customers: 3, frequency: ratio(6, 3) });
    expect(formatFixed(result.frequency)).toBe("2.00");
  });

  it("GIVEN the guides' goal example: 10 customers with 33 orders THEN frequency = 3.3", () => {
    const shop = Array.from({ length: 33 }, (_, index) => order(`c${index % 10}`, `2026-${String((index % 12) + 1).padStart(2, "0")}-15`, 100));
    expect(formatFixed(purchaseFrequency(shop, year).frequency, 1)).toBe("3.3");
  });

  it("GIVEN cancelled and test orders, and orders outside the period THEN they are not counted", () => {
    const shop = [
      order("A", "2026-01-10", 100),
      order("A", "2026-01-11", 100, { cancelled: true }),
      order("A", "2026-01-12", 100, { test: true }),
      order("A", "2025-12-31", 100),
    ];
    expect(purchaseFrequency(shop, year)).toEqual({ orders: 1, customers: 1, frequency: ratio(1, 1) });
  });

  it("GIVEN no customer orders THEN frequency is not defined", () => {
    expect(isDefined(purchaseFrequency([], year).frequency)).toBe(false);
  });

  it("PROPERTY: when defined, frequency is at least 1", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 150, size: "max" }), fc.nat({ max: 729 }), fc.integer({ min: 1, max: 400 }), (choices, offset, length) => {
        const { frequency } = purchaseFrequency(shopFromChoices(choices).orders, periodFromChoices(offset, length, "UTC"));
        if (isDefined(frequency)) expect(compareRatios(frequency, ONE)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
