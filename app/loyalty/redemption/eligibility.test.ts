import { describe, expect, it } from "vitest";
import { checkEligibility, checkReplay, type EligibilityContext, type PriorRedemption, type RedemptionRequest } from "./eligibility";
import { balanceOf, CATALOGUE, REWARDS } from "./redemption-fixtures";

const now = new Date("2026-11-24T15:00:00Z");
const context = (overrides: Partial<EligibilityContext> = {}): EligibilityContext => ({
  rewards: CATALOGUE, member: { customerId: "c1", tierId: null, balance: balanceOf(2000) }, prior: [],
  timeZone: "America/New_York", currency: "USD", now, ...overrides,
});
const request = (rewardId: string, points: number | null = null, idempotencyKey = "6f1c2d1e-key"): RedemptionRequest => ({ rewardId, points, idempotencyKey });
const prior = (rewardId: string, requestedAt: string, overrides: Partial<PriorRedemption> = {}): PriorRedemption => ({
  rewardId, requestedAt: new Date(requestedAt), settledWithoutUse: false, open: false, discountClass: null, ...overrides,
});
const gold = { customerId: "c1", tierId: "gold", balance: balanceOf(2000) };

describe("checkEligibility: GIVEN a member and a request, WHEN they redeem", () => {
  it.each([
    ["an idempotency key that is too short", context(), request("five-off", null, "abc"), "invalid_idempotency_key"],
    ["an idempotency key with a colon (it would forge another redemption's id)", context(), request("five-off", null, "abc:defgh"), "invalid_idempotency_key"],
    ["a reward that does not exist", context(), request("nope"), "reward_not_found"],
    ["a disabled reward", context(), request("retired"), "reward_disabled"],
    ["a reward for a tier the member is not in", context(), request("gold-only"), "reward_not_for_tier"],
    ["a reward for a tier, by a member of another tier", context({ member: { ...gold, tierId: "silver" } }), request("gold-only"), "reward_not_for_tier"],
    ["a variable reward without points", context(), request("points-for-money"), "points_required"],
    ["a variable reward off its steps", context(), request("points-for-money", 450), "points_not_in_steps"],
    ["more points than the balance", context({ member: { customerId: "c1", tierId: null, balance: balanceOf(499) } }), request("five-off"), "insufficient_points"],
    ["with a negative balance", context({ member: { customerId: "c1", tierId: null, balance: balanceOf(-20) } }), request("five-off"), "insufficient_points"],
    ["a monthly-limited perk already used this month (shop time)", context({ member: gold, prior: [prior("gold-only", "2026-11-01T05:00:00Z")] }), request("gold-only"), "reward_limit_reached"],
    ["a second order discount while one waits at checkout", context({ prior: [prior("ten-percent", "2026-11-24T14:00:00Z", { open: true, discountClass: "ORDER" })] }), request("five-off"), "discount_already_reserved"],
  ] as const)("%s THEN it is refused with %s", (_, ctx, req, error) => {
    const result = checkEligibility(ctx, req);
    expect(result.ok ? "eligible" : result.error).toBe(error);
    if (!result.ok) expect(result.message).toBe(`redemption.errors.${error}`);
  });

  it("says how many points are missing", () => {
    const result = checkEligibility(context({ member: { customerId: "c1", tierId: null, balance: balanceOf(120) } }), request("five-off"));
    expect(result).toMatchObject({ ok: false, params: { needed: 500, available: 120 } });
  });

  it.each([
    ["a fixed amount off", request("five-off"), 500, "ORDER"],
    ["points for money", request("points-for-money", 700), 700, "ORDER"],
    ["a donation", request("donate", 25), 25, null],
    ["store credit", request("credit"), 1000, null],
  ] as const)("%s within the balance THEN it is eligible", (_, req, points, discountClass) => {
    const result = checkEligibility(context(), req);
    expect(result).toMatchObject({ ok: true, value: { id: "c1:6f1c2d1e-key", points, discountClass } });
  });

  it.each([
    ["used last month (shop time: 2026-10-31 23:30 in New York)", [prior("gold-only", "2026-11-01T03:30:00Z")]],
    ["used this month but released (points given back)", [prior("gold-only", "2026-11-10T12:00:00Z", { settledWithoutUse: true })]],
    ["another reward used this month", [prior("five-off", "2026-11-10T12:00:00Z")]],
  ] as const)("a limited tier perk %s THEN it is eligible again", (_, priors) => {
    expect(checkEligibility(context({ member: gold, prior: priors }), request("gold-only")).ok).toBe(true);
  });

  it("a lifetime limit counts every use", () => {
    const once = { ...REWARDS.goldOnly, limit: { maxUses: 2, period: "lifetime" as const } };
    const priors = [prior("gold-only", "2020-01-01T00:00:00Z"), prior("gold-only", "2024-01-01T00:00:00Z")];
    expect(checkEligibility(context({ rewards: [once], member: gold, prior: priors }), request("gold-only")).ok).toBe(false);
    expect(checkEligibility(context({ rewards: [once], member: gold, prior: priors.slice(1) }), request("gold-only")).ok).toBe(true);
  });

  it("an open shipping discount does not block an order discount", () => {
    const priors = [prior("free-shipping", "2026-11-24T14:00:00Z", { open: true, discountClass: "SHIPPING" })];
    expect(checkEligibility(context({ prior: priors }), request("five-off")).ok).toBe(true);
  });
});

describe("checkReplay: the same idempotency key twice", () => {
  const existing = { id: "c1:key-12345", rewardId: "points-for-money", points: 700 };
  it.each([
    ["the same request", request("points-for-money", 700), true],
    ["the same reward without the points", request("points-for-money"), true],
    ["other points", request("points-for-money", 800), false],
    ["another reward", request("five-off"), false],
  ] as const)("%s THEN replayed: %s", (_, req, same) => {
    const result = checkReplay(existing, req);
    expect(result.ok ? "replay" : result.error).toBe(same ? "replay" : "idempotency_key_reused");
  });
});
