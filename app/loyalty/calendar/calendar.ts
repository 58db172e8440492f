/**
 * Calendar dates in the shop's time zone. Periods (a customer's daily limit, a calendar
 * year of tier spend), birthdays and expiry dates are days on the merchant's calendar, not
 * UTC: a Sydney shop's "today" starts ten hours before London's. Instants stay `Date`s;
 * days are plain { year, month, day } values, compared and keyed as ISO strings.
 */

export type LocalDate = { readonly year: number; readonly month: number; readonly day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone (shops report theirs; a bad one must not crash a webhook). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The shop's zone, or UTC when the shop has none we know. */
export function shopTimeZone(ianaTimezone: string | null | undefined): string {
  return ianaTimezone && isKnownTimeZone(ianaTimezone) ? ianaTimezone : "UTC";
}

type WallClock = LocalDate & { readonly hour: number; readonly minute: number; readonly second: number };

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The calendar day `instant` falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(instant, timeZone);
  return { year, month, day };
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: Date, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The first instant of `date` in `timeZone` (midnight, or the first moment after a
 * daylight-saving gap that skips midnight).
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const midnightUtc = Date.UTC(date.year, date.month - 1, date.day);
  // Two passes settle the offset even when midnight sits next to a transition.
  let guess = midnightUtc - offsetAt(new Date(midnightUtc), timeZone);
  guess = midnightUtc - offsetAt(new Date(guess), timeZone);
  const landed = localDateOf(new Date(guess), timeZone);
  if (compareLocalDates(landed, date) < 0) {
    // Midnight does not exist that day (a spring-forward gap at 00:00): take the first hour that does.
    return new Date(guess + 3_600_000);
  }
  return new Date(guess);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** `date` plus `months`, clamped to the end of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000);
}

export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function parseLocalDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return null;
  return date;
}

/**
 * The day an annual event falls on in `year`: a 29 February birthday or anniversary is
 * kept on 28 February in years without one.
 */
export function annualDateIn(year: number, month: number, day: number): LocalDate {
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}

export type CalendarPeriod = "day" | "week" | "month" | "year";

/** ISO-8601 week-numbering year and week of a date (weeks start on Monday). */
export function isoWeek(date: LocalDate): { readonly year: number; readonly week: number } {
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const weekday = utc.getUTCDay() || 7;
  // The Thursday of this week decides the week-numbering year.
  utc.setUTCDate(utc.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(utc.getUTCFullYear(), 0, 1);
  return { year: utc.getUTCFullYear(), week: Math.ceil(((utc.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

/** A key naming the period `instant` falls in, on the shop's calendar ("2026-11-24", "2026-W48", "2026-11", "2026"). */
export function periodKey(instant: Date, period: CalendarPeriod, timeZone: string): string {
  const date = localDateOf(instant, timeZone);
  switch (period) {
    case "day":
      return formatLocalDate(date);
    case "week": {
      const { year, week } = isoWeek(date);
      return `${year}-W${String(week).padStart(2, "0")}`;
    }
    case "month":
      return formatLocalDate(date).slice(0, 7);
    case "year":
      return String(date.year);
  }
}
