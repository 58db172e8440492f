import { periodKey } from "../calendar/calendar";
import type { Balance } from "../ledger/ledger";
import { ok } from "../result";
import type { Reward } from "../program/rules-schema";
import { failure, type RedemptionResult } from "./redemption-errors";
import { isValidIdempotencyKey, redemptionIdOf } from "./redemption-keys";
import { discountClassOf, pointsToRedeem, rewardValue, type DiscountClass, type RewardValue } from "./reward-value";

/** What the shopper asked for: a reward, the points for a variable or donation reward, and the client's idempotency key. */
export type RedemptionRequest = {
  readonly rewardId: string;
  readonly points: number | null;
  readonly idempotencyKey: string;
};

export type Member = {
  /** The customer's ledger key. */
  readonly customerId: string;
  readonly tierId: string | null;
  readonly balance: Balance;
};

/** A redemption the member already made (the service reads them; released ones included). */
export type PriorRedemption = {
  readonly rewardId: string;
  readonly requestedAt: Date;
  /** Whether it still counts: a released or returned redemption gave its points back. */
  readonly settledWithoutUse: boolean;
  /** Reserved or materialised, not yet committed or released: a discount waiting at checkout. */
  readonly open: boolean;
  readonly discountClass: DiscountClass | null;
};

export type EligibilityContext = {
  readonly rewards: readonly Reward[];
  readonly member: Member;
  readonly prior: readonly PriorRedemption[];
  /** The shop's IANA time zone: reward limits count per calendar period there. */
  readonly timeZone: string;
  /** The shop's currency: every amount of the program is in it. */
  readonly currency: string;
  readonly now: Date;
};

export type EligibleRedemption = {
  readonly id: string;
  readonly customerId: string;
  readonly idempotencyKey: string;
  readonly reward: Reward;
  readonly points: number;
  readonly value: RewardValue;
  readonly discountClass: DiscountClass | null;
};

/**
 * Whether the member may redeem what they asked for, checked in the order a shopper can act
 * on (the reward before the points, the points before the balance). Cart conditions (minimum
 * order, collections) are not here: they depend on a cart (cart-conditions.ts). The balance
 * is checked again when the hold is written, under the transaction's lock (lifecycle.ts).
 */
export function checkEligibility(context: EligibilityContext, request: RedemptionRequest): RedemptionResult<EligibleRedemption> {
  if (!isValidIdempotencyKey(request.idempotencyKey)) return failure("invalid_idempotency_key");
  const reward = context.rewards.find((candidate) => candidate.id === request.rewardId);
  if (!reward) return failure("reward_not_found");
  if (!reward.enabled) return failure("reward_disabled");
  const { member } = context;
  if (reward.tierIds.length > 0 && (member.tierId === null || !reward.tierIds.includes(member.tierId))) {
    return failure("reward_not_for_tier");
  }
  const points = pointsToRedeem(reward, request.points);
  if (!points.ok) return points;
  if (limitReached(reward, context)) return failure("reward_limit_reached", { maxUses: reward.limit?.maxUses ?? 0 });
  const value = rewardValue(reward, points.value, context.currency);
  const discountClass = discountClassOf(value, reward.conditions.collectionIds);
  if (discountClass !== null && context.prior.some((prior) => prior.open && prior.discountClass === discountClass)) {
    // One Wafa discount per class per checkout: the Function applies one order, one product
    // and one shipping reservation, so a second would hold points it could never apply.
    return failure("discount_already_reserved");
  }
  if (member.balance.available < points.value) {
    return failure("insufficient_points", { needed: points.value, available: Math.max(0, member.balance.available) });
  }
  const id = redemptionIdOf(member.customerId, request.idempotencyKey);
  return ok({ id, customerId: member.customerId, idempotencyKey: request.idempotencyKey, reward, points: points.value, value, discountClass });
}

function limitReached(reward: Reward, context: EligibilityContext): boolean {
  const { limit } = reward;
  if (limit === null) return false;
  const counted = context.prior.filter((prior) => prior.rewardId === reward.id && !prior.settledWithoutUse);
  const { period } = limit;
  if (period === "lifetime") return counted.length >= limit.maxUses;
  const current = periodKey(context.now, period, context.timeZone);
  return counted.filter((prior) => periodKey(prior.requestedAt, period, context.timeZone) === current).length >= limit.maxUses;
}

/**
 * A replayed request (same idempotency key) must ask for the same reward and points;
 * otherwise the key was reused for a different redemption, which is refused rather than
 * answered with the first one.
 */
export function checkReplay<T extends { readonly rewardId: string; readonly points: number }>(existing: T, request: RedemptionRequest): RedemptionResult<T> {
  const same = existing.rewardId === request.rewardId && (request.points === null || request.points === existing.points);
  return same ? ok(existing) : failure("idempotency_key_reused");
}
