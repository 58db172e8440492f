import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Reward } from "../program/rules-schema";
import { CATALOGUE, REWARDS } from "../redemption/redemption-fixtures";
import { nextReward, rewardEntryPoints } from "./next-reward";

const SILVER_ONLY: Reward = { ...REWARDS.fiveOff, id: "silver-ten", name: "Silver $10", cost: 150, tierIds: ["silver"] };

describe("the next reward a member is saving for", () => {
  it.each([
    // available, tier, expected (catalogue: shipping 300, variable from 300 (250 rounded up to the 100-point step), $5 500, 10% 800, credit 1000, mug 1200)
    { available: 0, tierId: null, expected: { rewardId: "free-shipping", name: "Free shipping", cost: 300, remaining: 300 } },
    { available: 120, tierId: null, expected: { rewardId: "free-shipping", name: "Free shipping", cost: 300, remaining: 180 } },
    { available: 300, tierId: null, expected: { rewardId: "five-off", name: "$5 off", cost: 500, remaining: 200 } },
    { available: 999, tierId: null, expected: { rewardId: "credit", name: "$10 store credit", cost: 1000, remaining: 1 } },
    { available: 1200, tierId: null, expected: null },
    { available: -50, tierId: null, expected: { rewardId: "free-shipping", name: "Free shipping", cost: 300, remaining: 300 } },
  ])("GIVEN $available points (tier $tierId) THEN the next reward is $expected.rewardId", ({ available, tierId, expected }) => {
    expect(nextReward(available, CATALOGUE, tierId)).toEqual(expected);
  });

  it("GIVEN a reward only Silver may use THEN it is the goal of Silver members only", () => {
    const rewards = [...CATALOGUE, SILVER_ONLY];
    expect(nextReward(100, rewards, "silver")?.rewardId).toBe("silver-ten");
    expect(nextReward(100, rewards, "gold")?.rewardId).toBe("free-shipping");
    expect(nextReward(100, rewards, null)?.rewardId).toBe("free-shipping");
  });

  it("GIVEN disabled rewards, donations and free perks only THEN there is nothing to save for", () => {
    expect(nextReward(0, [REWARDS.retired, REWARDS.donate, REWARDS.goldOnly], "gold")).toBeNull();
    expect(nextReward(0, [], null)).toBeNull();
  });

  it("GIVEN two rewards of the same cost THEN the one the merchant listed first is shown", () => {
    const twin: Reward = { ...REWARDS.freeShipping, id: "twin", name: "Twin" };
    expect(nextReward(0, [twin, REWARDS.freeShipping], null)?.rewardId).toBe("twin");
  });

  it("GIVEN a variable reward whose bounds allow no amount THEN it is never a goal", () => {
    const impossible: Reward = { ...REWARDS.pointsForMoney, minPoints: 250, maxPoints: 280 };
    expect(rewardEntryPoints(impossible)).toBeNull();
    expect(nextReward(0, [impossible], null)).toBeNull();
  });

  it("for any balance: the next reward is unaffordable, open to the tier, and no cheaper unaffordable reward exists", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 3000 }), fc.constantFrom(null, "gold", "silver"), (available, tierId) => {
        const rewards = [...CATALOGUE, SILVER_ONLY];
        const next = nextReward(available, rewards, tierId);
        const goals = rewards.filter((reward) => reward.enabled && reward.kind !== "donation" && (reward.tierIds.length === 0 || (tierId !== null && reward.tierIds.includes(tierId))));
        const balance = Math.max(0, available);
        const unaffordable = goals.map(rewardEntryPoints).filter((cost): cost is number => cost !== null && cost > balance);
        if (next === null) return unaffordable.length === 0;
        return next.cost > balance && next.remaining === next.cost - balance && next.remaining > 0 && next.cost === Math.min(...unaffordable);
      }),
    );
  });
});
