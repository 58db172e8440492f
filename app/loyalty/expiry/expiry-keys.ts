import { formatLocalDate, type LocalDate } from "../calendar/calendar";

/**
 * Domain keys of what the expiry jobs write (STYLE.md habit 3). The service stores each
 * journal or reminder event under its key with a unique constraint, so running a job twice,
 * or two workers at once, writes each fact once. Keys are built here and nowhere else,
 * because point-batches.ts must also read one back (a batch expiry names its lot).
 */

const batchExpiryPrefix = (customerKey: string) => `customer:${customerKey}:expire:batch:`;

/** The expiry of one lot: a lot expires at most once, whatever else changes. */
export function batchExpiryKey(customerKey: string, lotKey: string): string {
  return `${batchExpiryPrefix(customerKey)}${lotKey}`;
}

/**
 * The lot a batch expiry journal expired, or null when `journalKey` is not one of this
 * member's batch expiries. Read by prefix, so lot keys may contain colons (Shopify gids do).
 */
export function lotKeyOfBatchExpiry(customerKey: string, journalKey: string): string | null {
  const prefix = batchExpiryPrefix(customerKey);
  if (!journalKey.startsWith(prefix) || journalKey.length === prefix.length) return null;
  return journalKey.slice(prefix.length);
}

/** The expiry of one dormant period, named by the local day of its last activity. */
export function inactivityExpiryKey(customerKey: string, lastActivityDate: LocalDate): string {
  return `customer:${customerKey}:expire:inactive:${formatLocalDate(lastActivityDate)}`;
}

/** One reminder per expiry day and threshold ("30 days before"). */
export function expiryReminderKey(customerKey: string, expiryDate: LocalDate, daysBefore: number): string {
  return `customer:${customerKey}:expiry-reminder:${formatLocalDate(expiryDate)}:${daysBefore}`;
}
