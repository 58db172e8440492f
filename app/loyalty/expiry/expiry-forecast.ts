import { addDays, localDateOf, startOfLocalDay } from "../calendar/calendar";
import type { ExpiryRule } from "../program/rules-schema";
import { lotExpiresAt } from "./batch-expiry";
import { expiryReminderKey } from "./expiry-keys";
import { inactivityExpiresAt } from "./inactivity-expiry";
import { pointLots, type AvailableMovement } from "./point-batches";

/**
 * What will expire and when, for the member's page and for reminder events. Computed by
 * the same functions the expiry jobs use, so what a reminder announces is what expires
 * (unless the member spends or earns in the meantime, which is the point of reminding).
 */

export type UpcomingExpiration = { readonly expiresAt: Date; readonly points: number };

export type ExpiryForecastInput = {
  readonly customerKey: string;
  readonly rule: ExpiryRule;
  readonly timeZone: string;
  /** per_batch: the member's movements on member.available, in ledger order. */
  readonly movements: readonly AvailableMovement[];
  /** inactivity: the member's last activity (see inactivity-expiry.ts) and available balance. */
  readonly lastActivityAt: Date | null;
  readonly availableBalance: number;
};

/**
 * Expirations not yet written, earliest first, one per expiry instant (lots expiring the
 * same day add up). An entry already past its instant is points the next job run expires.
 */
export function upcomingExpirations(input: ExpiryForecastInput): UpcomingExpiration[] {
  switch (input.rule.policy) {
    case "never":
      return [];
    case "inactivity":
      return upcomingInactivityExpiration(input, input.rule.months);
    case "per_batch":
      return upcomingBatchExpirations(input, input.rule.months);
  }
}

function upcomingInactivityExpiration(input: ExpiryForecastInput, months: number): UpcomingExpiration[] {
  if (!input.lastActivityAt || input.availableBalance <= 0) return [];
  return [{ expiresAt: inactivityExpiresAt(input.lastActivityAt, months, input.timeZone), points: input.availableBalance }];
}

function upcomingBatchExpirations(input: ExpiryForecastInput, months: number): UpcomingExpiration[] {
  const pointsByInstant = new Map<number, number>();
  for (const lot of pointLots(input.movements, input.customerKey).lots) {
    const at = lotExpiresAt(lot.earnedAt, months, input.timeZone).getTime();
    pointsByInstant.set(at, (pointsByInstant.get(at) ?? 0) + lot.remaining);
  }
  return [...pointsByInstant]
    .sort(([a], [b]) => a - b)
    .map(([at, points]) => ({ expiresAt: new Date(at), points }));
}

export type ExpiryReminder = {
  /** Unique per expiry day and threshold: the service stores the event under it. */
  readonly key: string;
  readonly daysBefore: number;
  readonly expiresAt: Date;
  readonly points: number;
};

export type ExpiryReminderInput = {
  readonly customerKey: string;
  readonly upcoming: readonly UpcomingExpiration[];
  readonly rule: ExpiryRule;
  readonly now: Date;
  readonly timeZone: string;
};

/**
 * Reminders due now. A threshold of `d` days is due from the start of the local day `d`
 * days before the expiry day until the expiry. When several thresholds are due at once
 * (the job was down, or points were earned inside the window) only the nearest one is
 * sent: "expires in 30 days" is wrong when it expires in 5, and one message beats three.
 * The skipped thresholds are never sent later, since a nearer one has superseded them.
 */
export function dueExpiryReminders(input: ExpiryReminderInput): ExpiryReminder[] {
  if (input.rule.policy === "never") return [];
  const reminders: ExpiryReminder[] = [];
  for (const expiration of input.upcoming) {
    const daysBefore = nearestDueThreshold(input, expiration);
    if (daysBefore === null) continue;
    const key = expiryReminderKey(input.customerKey, localDateOf(expiration.expiresAt, input.timeZone), daysBefore);
    reminders.push({ key, daysBefore, expiresAt: expiration.expiresAt, points: expiration.points });
  }
  return reminders;
}

function nearestDueThreshold(input: ExpiryReminderInput, expiration: UpcomingExpiration): number | null {
  const now = input.now.getTime();
  if (expiration.points <= 0 || now >= expiration.expiresAt.getTime()) return null;
  const expiryDate = localDateOf(expiration.expiresAt, input.timeZone);
  const due = input.rule.reminderDaysBefore.filter(
    (days) => startOfLocalDay(addDays(expiryDate, -days), input.timeZone).getTime() <= now,
  );
  return due.length === 0 ? null : Math.min(...due);
}
