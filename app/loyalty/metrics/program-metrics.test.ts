import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { PointsMovement } from "./metric-facts";
import { at, period } from "./metric-fixtures";
import { breakage, expectedRedemptionRate, outstandingPoints, pointsLiability, pointsTotals, pointsValue, programMetrics } from "./program-metrics";
import { addRatios, basisPoints, compareRatios, minorUnits, ONE, ratio, sameValue } from "./ratio";

const move = (day: string, kind: PointsMovement["kind"], points: number, costMinor = 0): PointsMovement => ({ at: at(day), kind, points, costMinor });

/**
 * Point value: 100 points = 10.00 (1,000 cents), so a point is worth 10 cents.
 * Before January 2026: earned 1,000; redeemed 300 (cost 30.00); expired 100.
 * In January: earned 500 and 50 reversed by a refund; redeemed 200 (20.00) and 100 released (−10.00);
 * donated 50 (5.00); expired 50.
 * January: earned 450, redeemed 100, expired 50, donated 50, reward cost 20 − 10 + 5 = 15.00.
 * Lifetime: earned 1,450, redeemed 400, donated 50, expired 150 → outstanding 850.
 * Redemption rate = (400 + 50) / 1,450 = 31.03 %. Settled points: used 450, expired 150 → expected 450 / 600 = 75 %, breakage 25 %.
 * Outstanding value = 850 × 10 = 85.00; liability = 85.00 × 75 % = 63.75.
 */
const movements = [
  move("2025-06-01", "earned", 1_000),
  move("2025-07-01", "redeemed", 300, 3_000),
  move("2025-08-01", "expired", 100),
  move("2026-01-05", "earned", 500),
  move("2026-01-06", "earned", -50),
  move("2026-01-07", "redeemed", 200, 2_000),
  move("2026-01-08", "redeemed", -100, -1_000),
  move("2026-01-09", "donated", 50, 500),
  move("2026-01-10", "expired", 50),
  move("2026-02-10", "earned", 9_999),
];
const january = period("2026-01-01", "2026-01-31");
const pointValue = { points: 100, amountMinor: 1_000 };

describe("program figures", () => {
  const result = programMetrics(movements, january, { pointValue, expectedRedemptionBasisPoints: null });

  it("GIVEN January's movements THEN earned 450, redeemed 100, expired 50, donated 50, reward cost 15.00", () => {
    expect(result.period).toEqual({ earned: 450, redeemed: 100, expired: 50, donated: 50, costMinor: 1_500 });
    expect(result.rewardCostMinor).toBe(1_500);
  });

  it("GIVEN the lifetime to the period end THEN outstanding = 1,450 − 400 − 50 − 150 = 850, redemption rate 450 / 1,450", () => {
    expect(result.lifetime).toEqual({ earned: 1_450, redeemed: 400, expired: 150, donated: 50, costMinor: 4_500 });
    expect(result.outstandingPoints).toBe(850);
    expect(result.redemptionRate).toEqual(ratio(450, 1_450));
    expect(basisPoints(result.redemptionRate)).toBe(3_103);
  });

  it("GIVEN 450 points used and 150 expired THEN expected redemption 75 %, breakage 25 %, liability 85.00 × 75 % = 63.75", () => {
    expect(result.expectedRedemption).toEqual({ rate: ratio(450, 600), source: "settled" });
    expect(basisPoints(result.breakage)).toBe(2_500);
    expect(minorUnits(result.outstandingValue)).toBe(8_500);
    expect(minorUnits(result.liability)).toBe(6_375);
  });

  it("GIVEN the merchant expects 60 % redemption THEN liability = 85.00 × 60 % = 51.00 and breakage 40 %", () => {
    const merchant = programMetrics(movements, january, { pointValue, expectedRedemptionBasisPoints: 6_000 });
    expect(merchant.expectedRedemption.source).toBe("merchant");
    expect(minorUnits(merchant.liability)).toBe(5_100);
    expect(basisPoints(merchant.breakage)).toBe(4_000);
  });

  it("GIVEN no point has been used or expired yet THEN the full value is the liability (no breakage assumed)", () => {
    const young = [move("2026-01-05", "earned", 1_000)];
    const metrics = programMetrics(young, january, { pointValue, expectedRedemptionBasisPoints: null });
    expect(metrics.expectedRedemption).toEqual({ rate: ONE, source: "assumed" });
    expect(minorUnits(metrics.liability)).toBe(10_000);
    expect(basisPoints(metrics.breakage)).toBe(0);
  });

  it("GIVEN a program with no points earned THEN the redemption rate is not defined and the liability is 0", () => {
    const empty = programMetrics([], january, { pointValue, expectedRedemptionBasisPoints: null });
    expect(basisPoints(empty.redemptionRate)).toBeNull();
    expect(minorUnits(empty.liability)).toBe(0);
  });

  it("GIVEN an odd point value (3 points = 1 cent) THEN 850 points are worth 283.33 cents, rounded to 283", () => {
    expect(minorUnits(pointsValue(850, { points: 3, amountMinor: 1 }))).toBe(283);
  });

  it("PROPERTY: expected redemption + breakage = 100 %, and the liability never exceeds the outstanding value", () => {
    const kind = fc.constantFrom<PointsMovement["kind"]>("earned", "redeemed", "expired", "donated");
    fc.assert(
      fc.property(fc.array(fc.tuple(kind, fc.integer({ min: 1, max: 10_000 }), fc.nat({ max: 60 }))), fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }), (list, bp) => {
        const moves = list.map(([k, points, day]) => ({ at: new Date(Date.UTC(2026, 0, 1 + day)), kind: k, points, costMinor: points }));
        const totals = pointsTotals(moves, period("2026-01-01", "2026-03-31"));
        const expected = expectedRedemptionRate(totals, { pointValue, expectedRedemptionBasisPoints: bp });
        expect(sameValue(addRatios(expected.rate, breakage(expected.rate)), ONE)).toBe(true);
        const outstanding = Math.max(0, outstandingPoints(totals));
        expect(compareRatios(pointsLiability(outstanding, pointValue, expected.rate), pointsValue(outstanding, pointValue))).toBeLessThanOrEqual(0);
      }),
    );
  });
});
