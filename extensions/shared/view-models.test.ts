import { describe, expect, it } from "vitest";
import { appUrlFrom } from "./app-url";
import { errorMessageKey } from "./error-messages";
import { orderPointsLine } from "./order-view";
import { checkoutOffers, offerStatus, requestedPoints, sliderBounds, snapPoints, successMessage, toMinorUnits } from "./redeem-view";
import { rewardProgress, shopperView } from "./shopper-view";
import type { MemberSummary, RewardOffer, RewardsSummary, WafaResult } from "./wafa-api";

const fixed = (id: string, cost: number, extra: Partial<RewardOffer> = {}): RewardOffer => ({
  id, name: id, kind: "fixed_amount", cost, points: null, availableForTier: true, affordable: false, minimumOrderMinor: null, ...extra,
});
const variable = (minimum: number, maximum: number | null, step: number): RewardOffer =>
  fixed("var", minimum, { kind: "variable", points: { minimum, maximum, step } });
const member = (available: number, isMember = true, live = true): WafaResult<MemberSummary> => ({
  ok: true, value: { member: isMember, customerId: "gid://shopify/Customer/1", points: { available, pending: 5, lifetime: 900 }, tier: { id: "gold", name: "Gold" }, live },
});
const rewardsOf = (rewards: RewardOffer[]): WafaResult<RewardsSummary> => ({ ok: true, value: { member: true, available: 0, held: 40, currencyCode: "USD", rewards, open: [] } });

describe("what a Wafa block shows", () => {
  it.each([
    ["a guest while the app answers", { signedIn: false, member: null, rewards: null }, "loading"],
    ["a guest of a live program", { signedIn: false, member: member(0, false), rewards: null }, "guest"],
    ["a guest before the merchant launches", { signedIn: false, member: member(0, false, false), rewards: null }, "hidden"],
    ["a member of a paused program", { signedIn: true, member: member(300, true, false), rewards: rewardsOf([]) }, "hidden"],
    ["a signed-in shopper while loading", { signedIn: true, member: null, rewards: null }, "loading"],
    ["a customer who has not joined", { signedIn: true, member: member(0, false), rewards: null }, "not_member"],
    ["a token the app rejects as a guest", { signedIn: true, member: { ok: false, code: "guest", params: {}, status: 401 } as const, rewards: null }, "guest"],
    ["an app that is down", { signedIn: true, member: { ok: false, code: "network", params: {}, status: null } as const, rewards: null }, "unavailable"],
    ["a member", { signedIn: true, member: member(300), rewards: rewardsOf([]) }, "member"],
  ])("GIVEN %s THEN the view is %s", (_name, input, kind) => {
    expect(shopperView(input).kind).toBe(kind);
  });

  it("GIVEN a member THEN balance, tier, perks, tier rewards and progress come together; a failed rewards call keeps the balance", () => {
    const view = shopperView({ signedIn: true, member: member(300), rewards: rewardsOf([fixed("perk", 0), fixed("a", 200), fixed("b", 500), fixed("c", 400, { availableForTier: false })]) });
    expect(view).toMatchObject({ kind: "member", available: 300, pending: 5, held: 40, tierName: "Gold", rewardsCurrency: "USD", rewardsLoading: false, rewardsError: null });
    if (view.kind !== "member") throw new Error("expected a member");
    expect(view.perks.map((reward) => reward.id)).toEqual(["perk"]);
    expect(view.rewards.map((reward) => reward.id)).toEqual(["perk", "a", "b"]);
    expect(view.nextReward).toEqual({ rewardId: "b", rewardName: "b", cost: 500, remaining: 200, percent: 60 });
    const failed = shopperView({ signedIn: true, member: member(300), rewards: { ok: false, code: "bad_response", params: {}, status: 200 } });
    expect(failed).toMatchObject({ kind: "member", available: 300, rewardsError: "redemption.errors.bad_response" });
  });

  it("progress points at the cheapest reward out of reach, never 100 %, and is absent when everything is affordable", () => {
    expect(rewardProgress(999, [fixed("a", 1000)])?.percent).toBe(99);
    expect(rewardProgress(0, [fixed("a", 1000), fixed("b", 700)])).toMatchObject({ rewardId: "b", remaining: 700, percent: 0 });
    expect(rewardProgress(1000, [fixed("a", 1000)])).toBeNull();
    expect(rewardProgress(10, [fixed("d", 100, { kind: "donation" }), fixed("t", 50, { availableForTier: false })])).toBeNull();
  });
});

describe("the points slider", () => {
  it.each([
    ["min to the balance, in steps", variable(100, null, 50), 420, { min: 100, max: 400, step: 50 }],
    ["capped by the reward's maximum", variable(100, 300, 100), 5000, { min: 100, max: 300, step: 100 }],
    ["a minimum off the steps rounds up", variable(120, null, 50), 1000, { min: 150, max: 1000, step: 50 }],
    ["a balance under the minimum", variable(100, null, 50), 99, null],
    ["a fixed reward", fixed("f", 100), 1000, null],
  ])("%s", (_name, reward, available, bounds) => {
    expect(sliderBounds(reward, available)).toEqual(bounds);
  });

  it("snaps any typed value onto a step inside the bounds", () => {
    const bounds = { min: 100, max: 400, step: 50 };
    expect([snapPoints(0, bounds), snapPoints(175, bounds), snapPoints(9999, bounds), snapPoints(Number.NaN, bounds)]).toEqual([100, 150, 400, 100]);
    for (let value = -50; value <= 500; value += 7) {
      const snapped = snapPoints(value, bounds);
      expect(snapped % 50 === 0 && snapped >= 100 && snapped <= 400).toBe(true);
    }
  });

  it("sends points only for ranged rewards", () => {
    const offer = { reward: variable(100, null, 50), status: "ready" as const, slider: { min: 100, max: 400, step: 50 } };
    expect(requestedPoints(offer, 260)).toBe(250);
    expect(requestedPoints({ reward: fixed("f", 10), status: "ready", slider: null }, 260)).toBeNull();
  });
});

describe("rewards the checkout offers", () => {
  it("checks tier, then points, then the cart minimum", () => {
    expect(offerStatus(fixed("a", 100, { availableForTier: false }), 1000, 0)).toBe("not_for_tier");
    expect(offerStatus(fixed("a", 100), 99, 10_000)).toBe("needs_points");
    expect(offerStatus(fixed("a", 100, { minimumOrderMinor: 5000 }), 100, 4999)).toBe("minimum_not_met");
    expect(offerStatus(fixed("a", 100, { minimumOrderMinor: 5000 }), 100, null)).toBe("ready");
    expect(offerStatus(variable(100, null, 50), 120, null)).toBe("ready");
  });

  it("leaves out store credit, donations and other tiers' rewards, and lists what the cart qualifies for first", () => {
    const offers = checkoutOffers([fixed("big", 900), fixed("credit", 10, { kind: "store_credit" }), fixed("gift", 10, { kind: "donation" }), fixed("small", 100), fixed("other", 1, { availableForTier: false })], 500, null);
    expect(offers.map((offer) => [offer.reward.id, offer.status])).toEqual([["small", "ready"], ["big", "needs_points"]]);
  });

  it("converts cart money to minor units per currency", () => {
    expect([toMinorUnits(12.34, "USD"), toMinorUnits(1200, "JPY"), toMinorUnits(1.234, "KWD"), toMinorUnits(-1, "USD"), toMinorUnits(1, "XXXX")]).toEqual([1234, 1200, 1234, null, null]);
  });
});

describe("messages", () => {
  it("tells the shopper what happened after a redemption", () => {
    expect(successMessage({ kind: "code", code: "C1" }, true)).toEqual({ key: "result.codeApplied", params: { code: "C1" }, code: null });
    expect(successMessage({ kind: "code", code: "C1" }, null)).toEqual({ key: "result.code", params: { code: "C1" }, code: "C1" });
    expect(successMessage({ kind: "applied_at_checkout" }, null).key).toBe("result.applied");
  });

  it("maps known codes to their key and anything else to `unknown`", () => {
    expect(errorMessageKey("insufficient_points")).toBe("redemption.errors.insufficient_points");
    expect(errorMessageKey("guest")).toBe("redemption.errors.guest");
    expect(errorMessageKey("<script>")).toBe("redemption.errors.unknown");
  });

  it("says what this order earns, or that it is on its way", () => {
    expect(orderPointsLine({ ok: true, value: { points: 42, status: "pending" } })).toEqual({ kind: "earned", points: 42, status: "pending" });
    expect(orderPointsLine({ ok: true, value: { points: 0, status: "not_recorded" } })).toEqual({ kind: "processing" });
    expect(orderPointsLine({ ok: false, code: "not_available", params: {}, status: 404 })).toEqual({ kind: "processing" });
    expect(orderPointsLine({ ok: true, value: { points: 0, status: "available" } })).toEqual({ kind: "none" });
  });
});

describe("the app URL built in", () => {
  it.each([
    ["https://wafa.example.com/", "https://wafa.example.com"],
    ["http://127.0.0.1:3000", "http://127.0.0.1:3000"],
    ["http://wafa.example.com", null],
    ["https://wafa.example.com/?x=1", null],
    ["", null],
    [undefined, null],
  ])("%s → %s", (raw, expected) => {
    expect(appUrlFrom(raw)).toBe(expected);
  });
});
