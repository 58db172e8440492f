import type { Journal, JournalKind } from "../ledger/ledger";
import { lotKeyOfBatchExpiry } from "./expiry-keys";

/**
 * FIFO lots of a member's available points, derived from the ledger (never stored): the
 * per-batch expiry policy needs to know how many points of each earning are still unspent.
 *
 * Rules, in order of ledger movements on member.available:
 * - A credit first pays off any deficit, then opens a lot dated at its occurredAt. That
 *   includes pending points vesting (a release from member.pending): they become spendable,
 *   and so start to age, when they vest.
 * - A credit that gives back an earlier debit (`restores`: a cancelled redemption's release
 *   of held points) is dated no later than the newest lot that debit drew from. Otherwise
 *   "redeem, then cancel" would reset the age of points about to expire. It still opens a
 *   lot of its own, keyed by its own journal, so a lot key is never reused and its batch
 *   expiry key stays unique (a restored portion of an already-expired lot can still expire).
 * - A debit draws oldest lots first (by earnedAt, then ledger order), except:
 *   a batch expiry draws first from the lot it names (its key says which), so re-reading
 *   the ledger after an expiry removes exactly that lot; and a reversal draws first from
 *   the lots its own order earned, so refunding a recent order cannot leave the member
 *   with younger points than they really kept.
 * - What a debit cannot draw from lots becomes a deficit (the balance is negative, e.g. a
 *   refund after the points were spent); later credits pay it off before opening lots.
 *
 * Invariant: sum of remaining = max(0, balance) and deficit = max(0, −balance).
 */

export type AvailableMovement = {
  /** The journal's domain key: one movement per journal, with its net change on member.available. */
  readonly journalKey: string;
  readonly kind: JournalKind;
  readonly occurredAt: Date;
  /** Signed change of member.available (positive: credit, negative: debit; zero is ignored). */
  readonly points: number;
  /** The journal's order, if any: a reversal draws first from the lots of its own order. */
  readonly orderId?: string | null;
  /** For a credit that gives back an earlier debit (a cancelled redemption): that debit's journal key. */
  readonly restores?: string | null;
};

export type PointLot = {
  /** The credit that opened the lot: the lot's identity in expiry keys. */
  readonly journalKey: string;
  readonly earnedAt: Date;
  readonly remaining: number;
  readonly orderId: string | null;
};

export type PointLots = {
  /** Open lots (remaining > 0), oldest first: the order debits draw them in. */
  readonly lots: readonly PointLot[];
  /** Points owed (negative balance) that the next credits pay off first. */
  readonly deficit: number;
};

type OpenLot = { journalKey: string; earnedAt: Date; remaining: number; orderId: string | null };

type LotState = {
  lots: OpenLot[];
  deficit: number;
  /** Per debit journal: the newest earnedAt it drew from (what a later give-back restores). */
  newestDrawn: Map<string, Date>;
};

export function pointLots(movements: readonly AvailableMovement[], customerKey: string): PointLots {
  const state: LotState = { lots: [], deficit: 0, newestDrawn: new Map() };
  for (const movement of movements) {
    if (!Number.isSafeInteger(movement.points)) {
      throw new Error(`movement ${movement.journalKey}: ${movement.points} is not a safe integer of points`);
    }
    if (movement.points > 0) credit(state, movement);
    if (movement.points < 0) debit(state, movement, customerKey);
  }
  return { lots: state.lots.map((lot) => ({ ...lot })), deficit: state.deficit };
}

/**
 * A journal as a movement of `customerKey`'s available points (its net change there), or
 * null when it does not change them. `restores` is not in a journal: the redemption
 * service that pairs a release with its redeem supplies it.
 */
export function availableMovementOf(journal: Journal, customerKey: string): AvailableMovement | null {
  const points = journal.lines
    .filter((line) => line.account === "member.available" && line.customerId === customerKey)
    .reduce((sum, line) => sum + line.points, 0);
  if (points === 0) return null;
  return { journalKey: journal.key, kind: journal.kind, occurredAt: journal.occurredAt, points, orderId: journal.orderId };
}

/** The balance the movements add up to (lots minus deficit). */
export function availableBalanceOf(movements: readonly AvailableMovement[]): number {
  return movements.reduce((sum, movement) => sum + movement.points, 0);
}

function credit(state: LotState, movement: AvailableMovement): void {
  const payoff = Math.min(state.deficit, movement.points);
  state.deficit -= payoff;
  const remaining = movement.points - payoff;
  if (remaining === 0) return;
  insertOldestFirst(state.lots, {
    journalKey: movement.journalKey,
    earnedAt: creditDate(state, movement),
    remaining,
    orderId: movement.orderId ?? null,
  });
}

function creditDate(state: LotState, movement: AvailableMovement): Date {
  const restored = movement.restores ? state.newestDrawn.get(movement.restores) : undefined;
  return restored && restored.getTime() < movement.occurredAt.getTime() ? restored : movement.occurredAt;
}

/** Keeps lots ordered by earnedAt; a lot of the same date goes after the earlier ones (ledger order). */
function insertOldestFirst(lots: OpenLot[], lot: OpenLot): void {
  const index = lots.findIndex((open) => open.earnedAt.getTime() > lot.earnedAt.getTime());
  if (index === -1) lots.push(lot);
  else lots.splice(index, 0, lot);
}

function debit(state: LotState, movement: AvailableMovement, customerKey: string): void {
  let left = -movement.points;
  let newest: Date | null = null;
  for (const lot of drawOrder(state.lots, movement, customerKey)) {
    if (left === 0) break;
    if (lot.remaining === 0) continue;
    const taken = Math.min(lot.remaining, left);
    lot.remaining -= taken;
    left -= taken;
    if (!newest || lot.earnedAt.getTime() > newest.getTime()) newest = lot.earnedAt;
  }
  state.lots = state.lots.filter((lot) => lot.remaining > 0);
  state.deficit += left;
  if (newest) state.newestDrawn.set(movement.journalKey, newest);
}

/** The lots a debit draws from, in order: its own lots first (see above), then oldest first. */
function drawOrder(lots: readonly OpenLot[], movement: AvailableMovement, customerKey: string): OpenLot[] {
  const isOwn = ownLotTest(movement, customerKey);
  if (!isOwn) return [...lots];
  return [...lots.filter(isOwn), ...lots.filter((lot) => !isOwn(lot))];
}

function ownLotTest(movement: AvailableMovement, customerKey: string): ((lot: OpenLot) => boolean) | null {
  if (movement.kind === "expire") {
    const lotKey = lotKeyOfBatchExpiry(customerKey, movement.journalKey);
    return lotKey === null ? null : (lot) => lot.journalKey === lotKey;
  }
  if (movement.kind === "reversal" && movement.orderId) {
    const orderId = movement.orderId;
    return (lot) => lot.orderId === orderId;
  }
  return null;
}
