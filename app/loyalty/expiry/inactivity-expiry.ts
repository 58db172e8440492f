import { addMonths, formatLocalDate, localDateOf, startOfLocalDay, type LocalDate } from "../calendar/calendar";
import { isMemberAccount, type Journal } from "../ledger/ledger";
import type { ExpiryRule } from "../program/rules-schema";
import { expireJournal, monthsText } from "./expire-journal";
import { inactivityExpiryKey } from "./expiry-keys";

/**
 * Policy "inactivity": the whole available balance expires once the member has had no
 * activity for `months`, at the start of that day on the shop's calendar.
 *
 * Activity is a journal of the member that shows them (or the merchant, on their behalf)
 * engaging with the program:
 * - earn (an order that earned points, to available or pending) and bonus (birthday,
 *   anniversary, sign-up: the program reaching out counts, or a bonus could expire at once);
 * - redeem (spending points, including a held redemption being used);
 * - adjust that credits the member (goodwill points must not vanish the next day).
 * Not activity: reversal and release (refunds and cancellations undo earlier facts),
 * expire (the consequence, not a cause), and an adjust that takes points away (a staff
 * correction is not the member coming back).
 */

const ACTIVITY_KINDS: ReadonlySet<Journal["kind"]> = new Set(["earn", "bonus", "redeem"]);

/** The member's net change across their own accounts in this journal. */
function memberChange(journal: Journal, customerKey: string): number | null {
  let change: number | null = null;
  for (const line of journal.lines) {
    if (isMemberAccount(line.account) && line.customerId === customerKey) change = (change ?? 0) + line.points;
  }
  return change;
}

export function isActivity(journal: Journal, customerKey: string): boolean {
  const change = memberChange(journal, customerKey);
  if (change === null) return false;
  if (ACTIVITY_KINDS.has(journal.kind)) return true;
  return journal.kind === "adjust" && change > 0;
}

/** The latest occurredAt among the member's activity journals, or null when they have none. */
export function lastActivityAt(journals: Iterable<Journal>, customerKey: string): Date | null {
  let latest: Date | null = null;
  for (const journal of journals) {
    if (!isActivity(journal, customerKey)) continue;
    if (!latest || journal.occurredAt.getTime() > latest.getTime()) latest = journal.occurredAt;
  }
  return latest;
}

/** The shop-local day a balance dormant since `lastActivity` expires on. */
export function inactivityExpiryDate(lastActivity: Date, months: number, timeZone: string): LocalDate {
  return addMonths(localDateOf(lastActivity, timeZone), months);
}

export function inactivityExpiresAt(lastActivity: Date, months: number, timeZone: string): Date {
  return startOfLocalDay(inactivityExpiryDate(lastActivity, months, timeZone), timeZone);
}

export type InactivityExpiryInput = {
  readonly customerKey: string;
  /** From lastActivityAt over the member's journals; null: never active, nothing to expire. */
  readonly lastActivityAt: Date | null;
  readonly availableBalance: number;
  readonly rule: ExpiryRule;
  readonly now: Date;
  readonly timeZone: string;
  readonly programVersion: number | null;
  readonly actor: string;
};

/**
 * The expiry of the whole positive balance, once the dormant period has run out. Keyed by
 * the day of the last activity: new activity starts a new period (a new key), and one
 * dormant period expires once. Known edge: points credited without activity after that
 * expiry (a late release of a cancelled redemption) find the period's key taken, so they
 * wait for the member's next activity and the period after it.
 */
export function dueInactivityExpiration(input: InactivityExpiryInput): Journal | null {
  const { rule, lastActivityAt: last } = input;
  if (rule.policy !== "inactivity" || !last || input.availableBalance <= 0) return null;
  if (inactivityExpiresAt(last, rule.months, input.timeZone).getTime() > input.now.getTime()) return null;
  const lastDate = localDateOf(last, input.timeZone);
  return expireJournal({
    key: inactivityExpiryKey(input.customerKey, lastDate),
    customerKey: input.customerKey,
    points: input.availableBalance,
    memo: `Points expired: no activity since ${formatLocalDate(lastDate)}, ${monthsText(rule.months)}`,
    now: input.now,
    programVersion: input.programVersion,
    actor: input.actor,
  });
}
