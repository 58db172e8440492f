import { addDays, addMonths, localDateOf, startOfLocalDay } from "../calendar/calendar";
import type { TierWindow } from "../program/rules-schema";

/**
 * The first instant that counts towards a tier window ending at `now`, or null when every
 * instant up to `now` counts (lifetime). Windows are whole days of the shop's calendar, so a
 * member's value changes at the shop's midnight, when the merchant's own reports roll over.
 *
 * - calendar_year: 00:00 on 1 January of `now`'s year in `timeZone` (a Tokyo shop's year
 *   turns nine hours before UTC's, a New York shop's five hours after).
 * - rolling_12_months: 00:00 on the day after the same date one year ago, so the window is
 *   the twelve months ending with today and today counts whole. "One year ago" is
 *   addMonths(today, −12), which keeps 29 February on 28 February: on 29 Feb 2028 the window
 *   starts on 1 Mar 2027, the same start as on 28 Feb (the leap day adds a day rather than
 *   dropping one), and on 28 Feb 2029 it starts on 29 Feb 2028.
 *
 * The start is inclusive: something at exactly the returned instant counts, one
 * millisecond earlier does not (see tierWindowContains).
 */
export function tierWindowStart(window: TierWindow, now: Date, timeZone: string): Date | null {
  switch (window) {
    case "lifetime":
      return null;
    case "calendar_year":
      return startOfLocalDay({ year: localDateOf(now, timeZone).year, month: 1, day: 1 }, timeZone);
    case "rolling_12_months":
      return startOfLocalDay(addDays(addMonths(localDateOf(now, timeZone), -12), 1), timeZone);
  }
}

/**
 * Whether `instant` is inside the window [start, now], both ends included. Anything after
 * `now` is left out so that the value at an instant depends only on what had happened by
 * then: replaying history gives the same tiers it gave live.
 */
export function tierWindowContains(start: Date | null, now: Date, instant: Date): boolean {
  const time = instant.getTime();
  return (start === null || time >= start.getTime()) && time <= now.getTime();
}
