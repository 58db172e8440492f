import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { historicalLifetimeValue, projectedLifetimeValue } from "./lifetime-value";
import { order, period, periodFromChoices, shopFromChoices, UTC } from "./metric-fixtures";
import { isDefined, minorUnits, ratio, sameValue } from "./ratio";

describe("historical LTV = net sales per customer over the relationship, as of the period end", () => {
  const january = period("2026-01-01", "2026-01-31");

  it("GIVEN A spent 100 + 50 (one order from before the install), B 30, C only after the period, a guest 500 THEN LTV = 180 / 2 = 90", () => {
    const shop = [
      order("A", "2023-06-01", 10_000),
      order("A", "2026-01-10", 5_000),
      order("B", "2026-01-11", 3_000),
      order("C", "2026-02-10", 7_000),
      order(null, "2026-01-12", 50_000),
      order("B", "2026-01-13", 40_000, { cancelled: true }),
    ];
    const result = historicalLifetimeValue(shop, january);
    expect(result).toEqual({ customers: 2, netSalesMinor: 18_000, ltv: ratio(18_000, 2) });
    expect(minorUnits(result.ltv)).toBe(9_000);
  });

  it("GIVEN a shop without customers THEN LTV is not defined", () => {
    expect(isDefined(historicalLifetimeValue([order(null, "2026-01-12", 500)], january).ltv)).toBe(false);
  });
});

/**
 * Projected LTV for March 2026 is measured over 1 April 2025 – 31 March 2026 (UTC, 180 days).
 * Customers at 1 April 2025 (ordered since 3 October 2024): A, B, D. Lost by 1 April 2026
 * (no order since 3 October 2025): B. Yearly churn 1/3 → lifespan 3 years.
 * In the year: A 2 orders (100 + 100), C 2 orders (50 + 50), D 1 order (80): 5 orders, 3 customers, 380.00.
 * AOV = 380 / 5 = 76.00; frequency = 5 / 3 a year; LTV = 76 × 5/3 × 3 = 380.00.
 */
const march = period("2026-03-01", "2026-03-31");
const yearShop = [
  order("A", "2025-03-01", 9_999),
  order("A", "2025-06-01", 10_000),
  order("A", "2026-02-01", 10_000),
  order("B", "2025-02-01", 9_999),
  order("C", "2025-05-01", 5_000),
  order("C", "2025-05-20", 5_000),
  order("D", "2025-03-15", 9_999),
  order("D", "2025-12-01", 8_000),
  order(null, "2025-07-01", 99_999),
];

describe("projected LTV = AOV × purchase frequency per year × expected lifespan", () => {
  it("GIVEN the year-long shop THEN AOV 76.00 × 5/3 orders a year × 3 years = 380.00", () => {
    const result = projectedLifetimeValue(yearShop, march, { ...UTC, lifespanMonths: null });
    expect(result.basis).toEqual(period("2025-04-01", "2026-03-31"));
    expect(result).toMatchObject({ orders: 5, customers: 3, netSalesMinor: 38_000, lifespanSource: "churn" });
    expect(result.aov).toEqual(ratio(38_000, 5));
    expect(result.frequencyPerYear).toEqual(ratio(5, 3));
    expect(result.lifespanYears).toEqual(ratio(3, 1));
    expect(minorUnits(result.ltv)).toBe(38_000);
  });

  it("GIVEN the merchant expects customers to stay 18 months THEN LTV = 380.00 / 3 × 1.5 = 190.00", () => {
    const result = projectedLifetimeValue(yearShop, march, { ...UTC, lifespanMonths: 18 });
    expect(result.lifespanSource).toBe("merchant");
    expect(result.lifespanYears).toEqual(ratio(18, 12));
    expect(minorUnits(result.ltv)).toBe(19_000);
  });

  it("GIVEN no customer was lost in the year and no lifespan set THEN the projection is not defined", () => {
    const loyal = [order("A", "2025-03-01", 100), order("A", "2025-09-01", 100), order("A", "2026-03-01", 100)];
    const result = projectedLifetimeValue(loyal, march, { ...UTC, lifespanMonths: null });
    expect(isDefined(result.lifespanYears)).toBe(false);
    expect(isDefined(result.ltv)).toBe(false);
    expect(minorUnits(result.ltv)).toBeNull();
  });

  it("GIVEN a shop with no orders THEN nothing is defined", () => {
    const result = projectedLifetimeValue([], march, { ...UTC, lifespanMonths: 24 });
    expect(isDefined(result.aov)).toBe(false);
    expect(isDefined(result.ltv)).toBe(false);
  });

  it("PROPERTY: AOV × frequency is net sales per customer, and with a set lifespan LTV = that × years", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 150, size: "max" }), fc.nat({ max: 729 }), fc.integer({ min: 1, max: 120 }), (choices, offset, months) => {
        const chosen = periodFromChoices(offset, 30, "UTC");
        const result = projectedLifetimeValue(shopFromChoices(choices).orders, chosen, { ...UTC, lifespanMonths: months });
        const perCustomer = ratio(result.netSalesMinor, result.customers);
        expect(sameValue(result.ltv, ratio(result.netSalesMinor * months, result.customers * 12))).toBe(true);
        expect(isDefined(result.ltv)).toBe(isDefined(perCustomer));
      }),
    );
  });
});
