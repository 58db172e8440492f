import type { PointsMovement } from "./metric-facts";
import { assertPeriod, isInPeriod, type Period } from "./period";
import { multiplyRatios, ONE, ratio, subtractRatios, type Ratio } from "./ratio";

export type PointsTotals = {
  readonly earned: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly donated: number;
  /** What redemptions and donations cost the shop, minor units. */
  readonly costMinor: number;
};

/** What a point is worth: `points` points buy `amountMinor` of the shop currency (the program's point value). */
export type PointValue = { readonly points: number; readonly amountMinor: number };

export type ProgramValueSettings = {
  readonly pointValue: PointValue;
  /** The merchant's expected redemption rate in basis points, or null to estimate it from history. */
  readonly expectedRedemptionBasisPoints: number | null;
};

/** Points moved in `period` (net of reversals and releases), and their cost. */
export function pointsTotals(movements: readonly PointsMovement[], period: Period): PointsTotals {
  assertPeriod(period);
  return sumMovements(movements, (at) => isInPeriod(at, period));
}

/** Points moved since the program began, up to the period end. */
export function lifetimePointsTotals(movements: readonly PointsMovement[], period: Period): PointsTotals {
  assertPeriod(period);
  const end = period.to.getTime();
  return sumMovements(movements, (at) => at.getTime() < end);
}

function sumMovements(movements: readonly PointsMovement[], include: (at: Date) => boolean): PointsTotals {
  const totals = { earned: 0, redeemed: 0, expired: 0, donated: 0, costMinor: 0 };
  for (const movement of movements) {
    if (!include(movement.at)) continue;
    totals[movement.kind] += movement.points;
    if (movement.kind === "redeemed" || movement.kind === "donated") totals.costMinor += movement.costMinor;
  }
  return totals;
}

/** Outstanding points = earned − redeemed − donated − expired: what members hold. */
export function outstandingPoints(lifetime: PointsTotals): number {
  return lifetime.earned - lifetime.redeemed - lifetime.donated - lifetime.expired;
}

/**
 * Redemption rate = points used / points earned, since the program began (lifetime, as of
 * the period end): within one period members spend points earned in earlier ones, so a
 * period ratio can pass 100 % and mean little. Donations count as used: like a reward, they
 * turn points into a cost for the shop.
 */
export function redemptionRate(lifetime: PointsTotals): Ratio {
  return ratio(lifetime.redeemed + lifetime.donated, lifetime.earned);
}

export type ExpectedRedemption = { readonly rate: Ratio; readonly source: "merchant" | "settled" | "assumed" };

/**
 * The share of outstanding points expected to be used eventually: the merchant's value if
 * set; otherwise the share of settled points (used or expired) that were used, used /
 * (used + expired); with no settled points yet, 100 % (the prudent assumption: no breakage).
 */
export function expectedRedemptionRate(lifetime: PointsTotals, settings: ProgramValueSettings): ExpectedRedemption {
  if (settings.expectedRedemptionBasisPoints !== null) {
    return { rate: ratio(settings.expectedRedemptionBasisPoints, 10_000), source: "merchant" };
  }
  const used = lifetime.redeemed + lifetime.donated;
  const settled = used + lifetime.expired;
  if (settled <= 0) return { rate: ONE, source: "assumed" };
  return { rate: ratio(used, settled), source: "settled" };
}

/** Breakage = 1 − expected redemption rate: the share of points expected never to be used. */
export function breakage(expected: Ratio): Ratio {
  return subtractRatios(ONE, expected);
}

/** The money value of `points`, minor units: points × amountMinor / points-per-amount. */
export function pointsValue(points: number, value: PointValue): Ratio {
  return multiplyRatios(ratio(points, 1), ratio(value.amountMinor, value.points));
}

/** Points liability = outstanding points × point value × expected redemption rate, minor units. */
export function pointsLiability(outstanding: number, value: PointValue, expected: Ratio): Ratio {
  return multiplyRatios(pointsValue(outstanding, value), expected);
}

export type ProgramMetrics = {
  readonly period: PointsTotals;
  readonly lifetime: PointsTotals;
  readonly outstandingPoints: number;
  readonly redemptionRate: Ratio;
  readonly expectedRedemption: ExpectedRedemption;
  readonly breakage: Ratio;
  /** Outstanding points at full value, minor units. */
  readonly outstandingValue: Ratio;
  readonly liability: Ratio;
  /** Reward cost: what the period's redemptions and donations cost, minor units. */
  readonly rewardCostMinor: number;
};

/** The program figures for one period, as of its end. */
export function programMetrics(movements: readonly PointsMovement[], period: Period, settings: ProgramValueSettings): ProgramMetrics {
  const inPeriod = pointsTotals(movements, period);
  const lifetime = lifetimePointsTotals(movements, period);
  const outstanding = outstandingPoints(lifetime);
  const expected = expectedRedemptionRate(lifetime, settings);
  return {
    period: inPeriod,
    lifetime,
    outstandingPoints: outstanding,
    redemptionRate: redemptionRate(lifetime),
    expectedRedemption: expected,
    breakage: breakage(expected.rate),
    outstandingValue: pointsValue(outstanding, settings.pointValue),
    liability: pointsLiability(outstanding, settings.pointValue, expected.rate),
    rewardCostMinor: inPeriod.costMinor,
  };
}
