import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Reward } from "../program/rules-schema";
import { REWARDS } from "./redemption-fixtures";
import { discountClassOf, pointsToMinor, pointsToRedeem, rewardValue, variableRange } from "./reward-value";

const collectionsOnly: Reward = { ...REWARDS.fiveOff, conditions: { minimumOrderMinor: 0, collectionIds: ["gid://shopify/Collection/1"] } };

describe("rewardValue: what each kind of reward is worth, in integers", () => {
  it.each([
    ["a fixed amount off", REWARDS.fiveOff, 500, { kind: "amount_off", amountMinor: 500, currency: "USD" }],
    ["a percentage off", REWARDS.tenPercent, 800, { kind: "percent_off", percent: 10 }],
    ["free shipping up to a cap", REWARDS.freeShipping, 300, { kind: "free_shipping", maxShippingMinor: 1000, currency: "USD" }],
    ["a free product", REWARDS.freeMug, 1200, { kind: "free_product", productId: "gid://shopify/Product/7", variantId: "gid://shopify/ProductVariant/70" }],
    ["store credit", REWARDS.credit, 1000, { kind: "store_credit", amountMinor: 1000, currency: "USD" }],
    ["points for money as a discount (100 points = $1)", REWARDS.pointsForMoney, 700, { kind: "amount_off", amountMinor: 700, currency: "USD" }],
    ["points for money as store credit", { ...REWARDS.pointsForMoney, payout: "store_credit" as const }, 700, { kind: "store_credit", amountMinor: 700, currency: "USD" }],
    ["a donation, rounded down (10 points at 3 per cent = 3 cents)", REWARDS.donate, 10, { kind: "donation", cause: "Trees", amountMinor: 3, currency: "USD" }],
  ] as const)("%s", (_, reward, points, expected) => {
    expect(rewardValue(reward, points, "USD")).toEqual(expected);
  });

  it.each([
    ["an order-wide amount off", REWARDS.fiveOff, "ORDER"],
    ["an amount off some collections", collectionsOnly, "PRODUCT"],
    ["a free product", REWARDS.freeMug, "PRODUCT"],
    ["free shipping", REWARDS.freeShipping, "SHIPPING"],
    ["store credit", REWARDS.credit, null],
    ["a donation", REWARDS.donate, null],
  ] as const)("%s is a discount of class %s", (_, reward, expected) => {
    expect(discountClassOf(rewardValue(reward, 500, "USD"), reward.conditions.collectionIds)).toBe(expected);
  });
});

describe("pointsToRedeem: the points a request costs", () => {
  it.each([
    ["a fixed-cost reward costs its cost", REWARDS.fiveOff, null, { ok: true, value: 500 }],
    ["a client may repeat the cost", REWARDS.fiveOff, 500, { ok: true, value: 500 }],
    ["a client may not change the cost", REWARDS.fiveOff, 1, { ok: false, error: "invalid_points" }],
    ["negative points are refused", REWARDS.pointsForMoney, -300, { ok: false, error: "invalid_points" }],
    ["fractional points are refused", REWARDS.pointsForMoney, 300.5, { ok: false, error: "invalid_points" }],
    ["a variable reward needs points", REWARDS.pointsForMoney, null, { ok: false, error: "points_required" }],
    ["below the minimum (rounded up to a step: 300)", REWARDS.pointsForMoney, 200, { ok: false, error: "points_below_minimum", params: { minimum: 300 } }],
    ["above the maximum", REWARDS.pointsForMoney, 5100, { ok: false, error: "points_above_maximum", params: { maximum: 5000 } }],
    ["between steps", REWARDS.pointsForMoney, 350, { ok: false, error: "points_not_in_steps", params: { step: 100 } }],
    ["a whole step inside the range", REWARDS.pointsForMoney, 300, { ok: true, value: 300 }],
    ["a donation needs points", REWARDS.donate, null, { ok: false, error: "points_required" }],
    ["a donation below its minimum", REWARDS.donate, 9, { ok: false, error: "points_below_minimum", params: { minimum: 10 } }],
    ["a donation of any amount above its minimum", REWARDS.donate, 11, { ok: true, value: 11 }],
  ] as const)("%s", (_, reward, requested, expected) => {
    expect(pointsToRedeem(reward, requested)).toMatchObject(expected);
  });

  it("a variable reward whose bounds hold no whole step cannot be redeemed at all", () => {
    const narrow = { ...REWARDS.pointsForMoney, minPoints: 110, maxPoints: 190 };
    expect(variableRange(narrow)).toBeNull();
    expect(pointsToRedeem(narrow, 150)).toMatchObject({ ok: false, error: "points_above_maximum" });
  });

  it("failures carry a translation key, not English", () => {
    expect(pointsToRedeem(REWARDS.pointsForMoney, 350)).toMatchObject({ message: "redemption.errors.points_not_in_steps" });
  });
});

describe("pointsToMinor: exact integer conversion", () => {
  it("stays exact where points × amount passes 2^53", () => {
    expect(pointsToMinor(10_000_000, { points: 3, amountMinor: 1_000_000_000 })).toBe(3_333_333_333_333_333);
  });

  it("GIVEN any rate THEN the money never exceeds the rate and is less than one minor unit short of it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), (points, ratePoints, amountMinor) => {
        const minor = pointsToMinor(points, { points: ratePoints, amountMinor });
        const exact = (BigInt(points) * BigInt(amountMinor) * 1000n) / BigInt(ratePoints);
        expect(BigInt(minor) * 1000n <= exact).toBe(true);
        expect(BigInt(minor + 1) * 1000n > exact).toBe(true);
      }),
    );
  });
});
