import { available, held, movePoints, programDonated, programRedeemed, type Endpoint, type JournalMeta } from "../ledger/journals";
import type { Journal, JournalKind } from "../ledger/ledger";
import { ok } from "../result";
import type { EligibleRedemption } from "./eligibility";
import { failure, type RedemptionResult } from "./redemption-errors";
import { holdKey, returnKey, settleKey } from "./redemption-keys";
import type { RewardValue } from "./reward-value";

/**
 * A redemption's life (docs/decisions/0015-redemption.md):
 *
 *   requested ─reserve─▶ reserved ─materialise─▶ materialised ─order_placed─▶ applied
 *       │                   │                        │    └──────commit───────┐   │
 *       │                   └──release/expire──┐     │                        ▼   ▼
 *       └──release──────────────────────────▶ released ◀──release/expire── committed ─order_cancelled─▶ returned
 *
 * reserve holds the points (available → held); commit spends them (held → redeemed, or
 * donated); release gives them back (held → available); a paid order cancelled later
 * returns them (redeemed → available). Every transition returns the journals to append in
 * the same transaction; replaying a transition already applied returns no journals.
 */
export const REDEMPTION_STATUSES = ["requested", "reserved", "materialised", "applied", "committed", "released", "returned"] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** How the reward reaches the shopper (which one fits the shop is the service's choice). */
export type Materialisation =
  | { readonly kind: "discount_function" }
  | { readonly kind: "discount_code"; readonly code: string; readonly discountId: string }
  | { readonly kind: "store_credit"; readonly transactionId: string }
  | { readonly kind: "donation" };

export const RELEASE_REASONS = ["expired", "order_cancelled", "discount_not_applied", "materialisation_failed", "shopper_cancelled"] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

export type Redemption = {
  readonly id: string;
  readonly customerId: string;
  readonly rewardId: string;
  readonly points: number;
  readonly value: RewardValue;
  readonly programVersion: number | null;
  readonly status: RedemptionStatus;
  readonly requestedAt: Date;
  /** After this an unused reservation is released (and the Function stops applying it). */
  readonly expiresAt: Date;
  readonly materialisation: Materialisation | null;
  readonly orderId: string | null;
  readonly releaseReason: ReleaseReason | null;
};

export type RedemptionEvent =
  /** `available`: the member's available points read under the transaction's lock. */
  | { readonly type: "reserve"; readonly available: number }
  | { readonly type: "materialise"; readonly materialisation: Materialisation }
  | { readonly type: "order_placed"; readonly orderId: string }
  /** An order that used the discount is paid (orderId), or store credit / a donation is done (null). */
  | { readonly type: "commit"; readonly orderId: string | null }
  | { readonly type: "release"; readonly reason: Exclude<ReleaseReason, "expired" | "order_cancelled">; readonly orderId?: string | null }
  | { readonly type: "expire" }
  | { readonly type: "order_cancelled"; readonly orderId: string };

export type Transition = {
  readonly redemption: Redemption;
  readonly journals: readonly Journal[];
  /** True when the event had already been applied: nothing to write. */
  readonly replay: boolean;
};

export type TransitionContext = { readonly now: Date; readonly actor: string };

/** A new redemption, not yet holding points. `holdMs`: how long an unused reservation lasts. */
export function requestRedemption(eligible: EligibleRedemption, programVersion: number | null, now: Date, holdMs: number): Redemption {
  if (!Number.isSafeInteger(holdMs) || holdMs <= 0) throw new Error(`a hold needs a positive duration, got ${holdMs}`);
  return {
    id: eligible.id, customerId: eligible.customerId, rewardId: eligible.reward.id, points: eligible.points, value: eligible.value,
    programVersion, status: "requested", requestedAt: now, expiresAt: new Date(now.getTime() + holdMs),
    materialisation: null, orderId: null, releaseReason: null,
  };
}

type Outcome = RedemptionResult<Transition>;

export function applyEvent(redemption: Redemption, event: RedemptionEvent, context: TransitionContext): Outcome {
  switch (event.type) {
    case "reserve":
      return reserve(redemption, event.available, context);
    case "materialise":
      return materialise(redemption, event.materialisation);
    case "order_placed":
      return orderPlaced(redemption, event.orderId);
    case "commit":
      return commit(redemption, event.orderId, context);
    case "release":
      return release(redemption, event.reason, event.orderId ?? null, context);
    case "expire":
      return expire(redemption, context);
    case "order_cancelled":
      return orderCancelled(redemption, event.orderId, context);
  }
}

const replay = (redemption: Redemption): Outcome => ok({ redemption, journals: [], replay: true });
const moved = (redemption: Redemption, journals: readonly Journal[]): Outcome => ok({ redemption, journals, replay: false });
const invalid = (redemption: Redemption, event: RedemptionEvent["type"]) => failure("invalid_transition", { status: redemption.status, event });

function reserve(redemption: Redemption, availablePoints: number, context: TransitionContext): Outcome {
  if (redemption.status !== "requested") return redemption.status === "reserved" ? replay(redemption) : invalid(redemption, "reserve");
  if (availablePoints < redemption.points) {
    return failure("insufficient_points", { needed: redemption.points, available: Math.max(0, availablePoints) });
  }
  const journals = journal(redemption, holdKey(redemption.id), "redeem", available(redemption.customerId), held(redemption.customerId), null, context);
  return moved({ ...redemption, status: "reserved" }, journals);
}

function materialise(redemption: Redemption, materialisation: Materialisation): Outcome {
  if (redemption.status !== "reserved") {
    const same = redemption.materialisation !== null && sameMaterialisation(redemption.materialisation, materialisation);
    return same ? replay(redemption) : invalid(redemption, "materialise");
  }
  if (!fits(redemption.value, materialisation)) return invalid(redemption, "materialise");
  return moved({ ...redemption, status: "materialised", materialisation }, []);
}

function orderPlaced(redemption: Redemption, orderId: string): Outcome {
  if (!isDiscount(redemption)) return invalid(redemption, "order_placed");
  switch (redemption.status) {
    case "materialised":
      return moved({ ...redemption, status: "applied", orderId }, []);
    case "applied":
    case "committed":
      return redemption.orderId === orderId ? replay(redemption) : failure("order_mismatch");
    case "released":
    case "returned":
      return failure("already_released");
    default:
      return invalid(redemption, "order_placed");
  }
}

function commit(redemption: Redemption, orderId: string | null, context: TransitionContext): Outcome {
  if (isDiscount(redemption) && orderId === null) return failure("order_required");
  switch (redemption.status) {
    case "materialised":
    case "applied": {
      if (redemption.status === "applied" && redemption.orderId !== orderId) return failure("order_mismatch");
      const spent = redemption.value.kind === "donation" ? programDonated : programRedeemed;
      const journals = journal(redemption, settleKey(redemption.id), "redeem", held(redemption.customerId), spent, orderId, context);
      return moved({ ...redemption, status: "committed", orderId }, journals);
    }
    case "committed":
      return redemption.orderId === orderId ? replay(redemption) : failure("already_committed");
    case "released":
    case "returned":
      return failure("already_released");
    default:
      return invalid(redemption, "commit");
  }
}

function release(redemption: Redemption, reason: ReleaseReason, orderId: string | null, context: TransitionContext): Outcome {
  switch (redemption.status) {
    case "requested":
      // Never held: nothing to give back.
      return moved({ ...redemption, status: "released", releaseReason: reason, orderId }, []);
    case "applied":
      if (orderId !== null && redemption.orderId !== orderId) return failure("order_mismatch");
      return giveBack(redemption, reason, redemption.orderId, context);
    case "reserved":
    case "materialised":
      return giveBack(redemption, reason, orderId, context);
    case "released":
    case "returned":
      return replay(redemption);
    case "committed":
      return failure("already_committed");
  }
}

function giveBack(redemption: Redemption, reason: ReleaseReason, orderId: string | null, context: TransitionContext): Outcome {
  const journals = journal(redemption, settleKey(redemption.id), "release", held(redemption.customerId), available(redemption.customerId), orderId, context);
  return moved({ ...redemption, status: "released", releaseReason: reason, orderId }, journals);
}

function expire(redemption: Redemption, context: TransitionContext): Outcome {
  switch (redemption.status) {
    case "requested":
    case "reserved":
    case "materialised":
      if (context.now.getTime() < redemption.expiresAt.getTime()) return failure("not_expired_yet", { expiresAt: redemption.expiresAt.toISOString() });
      return redemption.status === "requested"
        ? moved({ ...redemption, status: "released", releaseReason: "expired" }, [])
        : giveBack(redemption, "expired", null, context);
    case "applied":
      // An order carries it: it settles with that order (paid or cancelled), not by the clock.
      return invalid(redemption, "expire");
    case "released":
    case "returned":
      return replay(redemption);
    case "committed":
      return failure("already_committed");
  }
}

function orderCancelled(redemption: Redemption, orderId: string, context: TransitionContext): Outcome {
  if (!isDiscount(redemption)) return invalid(redemption, "order_cancelled");
  switch (redemption.status) {
    case "materialised":
    case "applied":
      if (redemption.orderId !== null && redemption.orderId !== orderId) return failure("order_mismatch");
      return giveBack(redemption, "order_cancelled", orderId, context);
    case "committed": {
      if (redemption.orderId !== orderId) return failure("order_mismatch");
      const journals = journal(redemption, returnKey(redemption.id), "release", programRedeemed, available(redemption.customerId), orderId, context);
      return moved({ ...redemption, status: "returned", releaseReason: "order_cancelled" }, journals);
    }
    case "released":
    case "returned":
      return replay(redemption);
    default:
      return invalid(redemption, "order_cancelled");
  }
}

/** The journal a transition writes, or none for a free reward (a tier perk costs 0 points). */
function journal(
  redemption: Redemption, key: string, kind: JournalKind, from: Endpoint, to: Endpoint, orderId: string | null, context: TransitionContext,
): Journal[] {
  if (redemption.points === 0) return [];
  const meta: JournalMeta = {
    key, kind, customerId: redemption.customerId, orderId, programVersion: redemption.programVersion,
    occurredAt: context.now, memo: `reward:${redemption.rewardId}`, actor: context.actor,
  };
  return [movePoints(meta, from, to, redemption.points)];
}

function isDiscount(redemption: Redemption): boolean {
  return redemption.value.kind !== "store_credit" && redemption.value.kind !== "donation";
}

function fits(value: RewardValue, materialisation: Materialisation): boolean {
  switch (value.kind) {
    case "store_credit":
      return materialisation.kind === "store_credit";
    case "donation":
      return materialisation.kind === "donation";
    default:
      return materialisation.kind === "discount_function" || materialisation.kind === "discount_code";
  }
}

function sameMaterialisation(a: Materialisation, b: Materialisation): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
