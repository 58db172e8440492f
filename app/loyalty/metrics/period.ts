import {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  localDateOf,
  startOfLocalDay,
  type LocalDate,
} from "../calendar/calendar";
import { err, ok, type Result } from "../result";

/**
 * A report period: the half-open interval [from, to) of instants. An order placed exactly
 * at `to` belongs to the next period. Reports choose whole days of the shop's calendar
 * (`localPeriod`), so `from` and `to` are the starts of shop-local days.
 */
export type Period = { readonly from: Date; readonly to: Date };

/** The days `first` through `last` (inclusive) on the shop's calendar. */
export function localPeriod(first: LocalDate, last: LocalDate, timeZone: string): Result<Period, "invalid_period"> {
  if (compareLocalDates(first, last) > 0) return err("invalid_period", "The period must end on or after the day it starts.");
  return ok({ from: startOfLocalDay(first, timeZone), to: startOfLocalDay(addDays(last, 1), timeZone) });
}

export function isInPeriod(instant: Date, period: Period): boolean {
  const time = instant.getTime();
  return time >= period.from.getTime() && time < period.to.getTime();
}

/** Metric functions take a well-formed period; an inverted one is a bug in the caller. */
export function assertPeriod(period: Period): void {
  if (!(period.from.getTime() <= period.to.getTime())) {
    throw new Error(`a period must not end before it starts: ${period.from.toISOString()}..${period.to.toISOString()}`);
  }
}

function isLocalDayStart(instant: Date, timeZone: string): boolean {
  return startOfLocalDay(localDateOf(instant, timeZone), timeZone).getTime() === instant.getTime();
}

function isLocalMonthStart(instant: Date, timeZone: string): boolean {
  return isLocalDayStart(instant, timeZone) && localDateOf(instant, timeZone).day === 1;
}

function wholeMonthsBetween(from: LocalDate, to: LocalDate): number {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

/**
 * The period of equal length just before `period`, for "compared with the previous period":
 * - whole calendar months (March) → the same number of months before (February);
 * - whole shop-local days (the last 30 days) → the same number of days before;
 * - anything else → the same elapsed time before.
 */
export function previousPeriod(period: Period, timeZone: string): Period {
  assertPeriod(period);
  const fromDate = localDateOf(period.from, timeZone);
  const toDate = localDateOf(period.to, timeZone);
  if (isLocalMonthStart(period.from, timeZone) && isLocalMonthStart(period.to, timeZone)) {
    const months = wholeMonthsBetween(fromDate, toDate);
    return { from: startOfLocalDay(addMonths(fromDate, -months), timeZone), to: period.from };
  }
  if (isLocalDayStart(period.from, timeZone) && isLocalDayStart(period.to, timeZone)) {
    const days = daysBetween(fromDate, toDate);
    return { from: startOfLocalDay(addDays(fromDate, -days), timeZone), to: period.from };
  }
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: period.from };
}

/** The twelve calendar months that end at `end` (exclusive), on the shop's calendar. */
export function trailingYear(end: Date, timeZone: string): Period {
  const endDate = localDateOf(end, timeZone);
  const sameTimeOfDay = end.getTime() - startOfLocalDay(endDate, timeZone).getTime();
  return { from: new Date(startOfLocalDay(addMonths(endDate, -12), timeZone).getTime() + sameTimeOfDay), to: end };
}
