import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { TierMetric, TierWindow } from "../program/rules-schema";
import { tierMetricValue, type TierActivity, type TierOrder, type TierPointsEntry } from "./tier-metric";

const at = (instant: string) => new Date(instant);
const order = (processedAt: string, spendMinor: number, counts = true): TierOrder => ({ processedAt: at(processedAt), spendMinor, counts });
const earned = (occurredAt: string, points: number): TierPointsEntry => ({ occurredAt: at(occurredAt), points });
const value = (metric: TierMetric, window: TierWindow, activity: Partial<TierActivity>, now: string, zone = "UTC") =>
  tierMetricValue({ metric, window }, { orders: [], pointsEarned: [], ...activity }, at(now), zone);

// Now is 15 June 2026 at noon UTC: the rolling window starts at 2025-06-16T00:00Z, the
// calendar year at 2026-01-01T00:00Z.
const NOW = "2026-06-15T12:00:00.000Z";

describe("spend: the net spend of counting orders in the window, in minor units", () => {
  it.each([
    ["no orders", 0, []],
    ["one counting order", 12_550, [order("2026-03-01T10:00:00Z", 12_550)]],
    ["two counting orders", 12_551, [order("2026-03-01T10:00:00Z", 12_550), order("2026-04-01T10:00:00Z", 1)]],
    ["an order that does not count (cancelled, unpaid, test…)", 0, [order("2026-03-01T10:00:00Z", 12_550, false)]],
    ["a fully refunded order reported with no net spend", 0, [order("2026-03-01T10:00:00Z", 0)]],
    ["an order exactly at the window start", 500, [order("2025-06-16T00:00:00.000Z", 500)]],
    ["an order one millisecond before the window start", 0, [order("2025-06-15T23:59:59.999Z", 500)]],
    ["an order exactly now", 500, [order(NOW, 500)]],
    ["an order one millisecond after now (not yet happened at now)", 0, [order("2026-06-15T12:00:00.001Z", 500)]],
  ])("GIVEN %s WHEN measuring spend in the last 12 months THEN it is %s", (_given, expected, orders) => {
    expect(value("spend", "rolling_12_months", { orders }, NOW)).toBe(expected);
  });

  it.each([
    ["lifetime", 1_000 + 200 + 30],
    ["calendar_year", 30],
    ["rolling_12_months", 200 + 30],
  ] as const)("GIVEN orders over three years WHEN the window is %s THEN spend is %i", (window, expected) => {
    const orders = [order("2024-03-01T00:00:00Z", 1_000), order("2025-09-01T00:00:00Z", 200), order("2026-02-01T00:00:00Z", 30)];
    expect(value("spend", window, { orders }, NOW)).toBe(expected);
  });

  it.each([
    ["just before Tokyo's New Year (still 2025 there)", 0, "2025-12-31T14:59:59.999Z"],
    ["exactly at Tokyo's New Year", 700, "2025-12-31T15:00:00.000Z"],
  ])("GIVEN a Tokyo shop's calendar year WHEN an order was processed %s THEN this year's spend is %s", (_when, expected, processedAt) => {
    expect(value("spend", "calendar_year", { orders: [order(processedAt, 700)] }, NOW, "Asia/Tokyo")).toBe(expected);
  });

  it("GIVEN orders inside a leap-year window WHEN today is 29 February THEN the window reaches back to 1 March a year ago", () => {
    const orders = [order("2027-02-28T23:59:59.999Z", 1), order("2027-03-01T00:00:00.000Z", 10), order("2028-02-29T08:00:00Z", 100)];
    expect(value("spend", "rolling_12_months", { orders }, "2028-02-29T12:00:00Z")).toBe(110);
  });
});

describe("orders: the number of counting orders in the window", () => {
  it.each([
    ["two counting orders, one with no net spend", 2, [order("2026-03-01T00:00:00Z", 100), order("2026-03-02T00:00:00Z", 0)]],
    ["an order that does not count", 0, [order("2026-03-01T00:00:00Z", 100, false)]],
    ["an order one millisecond before the window", 0, [order("2025-06-15T23:59:59.999Z", 100)]],
    ["an order at the window start", 1, [order("2025-06-16T00:00:00.000Z", 100)]],
  ])("GIVEN %s THEN the order count is %s", (_given, expected, orders) => {
    expect(value("orders", "rolling_12_months", { orders }, NOW)).toBe(expected);
  });
});

describe("points: the net points earned in the window, never below zero", () => {
  it.each([
    ["two earnings", 150, [earned("2026-01-10T00:00:00Z", 100), earned("2026-02-10T00:00:00Z", 50)]],
    ["an earning and its partial reversal", 60, [earned("2026-01-10T00:00:00Z", 100), earned("2026-02-10T00:00:00Z", -40)]],
    ["a reversal inside the window of points earned before it", 0, [earned("2025-05-10T00:00:00Z", 100), earned("2026-02-10T00:00:00Z", -100)]],
    ["an entry at the window start", 7, [earned("2025-06-16T00:00:00.000Z", 7)]],
    ["an entry one millisecond before it", 0, [earned("2025-06-15T23:59:59.999Z", 7)]],
  ])("GIVEN %s THEN the points earned in the last 12 months are %s", (_given, expected, pointsEarned) => {
    expect(value("points", "rolling_12_months", { pointsEarned }, NOW)).toBe(expected);
  });

  it("GIVEN orders but no points entries WHEN the metric is points THEN orders do not count", () => {
    expect(value("points", "lifetime", { orders: [order("2026-01-01T00:00:00Z", 5_000)] }, NOW)).toBe(0);
  });
});

describe("inputs that can only come from a bug", () => {
  it.each([
    ["a negative spend", "spend" as const, { orders: [order("2026-01-01T00:00:00Z", -1)] }],
    ["a fractional spend", "spend" as const, { orders: [order("2026-01-01T00:00:00Z", 1.5)] }],
    ["fractional points", "points" as const, { pointsEarned: [earned("2026-01-01T00:00:00Z", 0.5)] }],
  ])("GIVEN %s THEN measuring throws", (_given, metric, activity) => {
    expect(() => value(metric, "lifetime", activity, NOW)).toThrow();
  });
});

describe("metric invariants", () => {
  const instant = fc.date({ min: new Date("2023-01-01T00:00:00Z"), max: new Date("2027-01-01T00:00:00Z"), noInvalidDate: true });
  const orders = fc.array(fc.record({ processedAt: instant, spendMinor: fc.integer({ min: 0, max: 10_000_000 }), counts: fc.boolean() }), { maxLength: 20 });
  const points = fc.array(fc.record({ occurredAt: instant, points: fc.integer({ min: -5_000, max: 5_000 }) }), { maxLength: 20 });
  const zone = fc.constantFrom("UTC", "America/New_York", "Asia/Tokyo", "Pacific/Chatham");
  const window = fc.constantFrom<TierWindow>("lifetime", "calendar_year", "rolling_12_months");
  const metric = fc.constantFrom<TierMetric>("spend", "orders", "points");

  it("PROPERTY: every metric is a non-negative integer", () => {
    fc.assert(
      fc.property(orders, points, instant, zone, window, metric, (o, p, now, z, w, m) => {
        const result = tierMetricValue({ metric: m, window: w }, { orders: o, pointsEarned: p }, now, z);
        expect(Number.isSafeInteger(result) && result >= 0).toBe(true);
      }),
    );
  });

  it("PROPERTY: lifetime spend and orders are never less than a window's", () => {
    fc.assert(
      fc.property(orders, instant, zone, fc.constantFrom<TierMetric>("spend", "orders"), fc.constantFrom<TierWindow>("calendar_year", "rolling_12_months"), (o, now, z, m, w) => {
        const activity = { orders: o, pointsEarned: [] };
        expect(tierMetricValue({ metric: m, window: "lifetime" }, activity, now, z)).toBeGreaterThanOrEqual(tierMetricValue({ metric: m, window: w }, activity, now, z));
      }),
    );
  });

  it("PROPERTY: an order that does not count changes nothing", () => {
    fc.assert(
      fc.property(orders, instant, instant, zone, window, fc.constantFrom<TierMetric>("spend", "orders"), (o, processedAt, now, z, w, m) => {
        const rules = { metric: m, window: w };
        const without = tierMetricValue(rules, { orders: o, pointsEarned: [] }, now, z);
        const withIt = tierMetricValue(rules, { orders: [...o, { processedAt, spendMinor: 9_999, counts: false }], pointsEarned: [] }, now, z);
        expect(withIt).toBe(without);
      }),
    );
  });
});
