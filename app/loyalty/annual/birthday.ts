import { annualDateIn, compareLocalDates, daysBetween, localDateOf, type LocalDate } from "../calendar/calendar";
import type { Journal } from "../ledger/ledger";
import type { BonusRule } from "../program/rules-schema";
import { bonusJournal, isDueOn } from "./annual-bonus";

/** A member's birthday; the year, when known, plays no part in the bonus. */
export type Birthday = { readonly month: number; readonly day: number; readonly year?: number | null };

/**
 * Anti-abuse: a birthday entered (or changed) less than this many days before it falls
 * earns nothing that year, so nobody sets "today" as their birthday to collect a bonus.
 * Counted in shop-local days from the day it was set to the birthday.
 */
export const BIRTHDAY_NOTICE_DAYS = 30;

/** The birthday's day in `year` on the shop's calendar (29 February → 28 February in common years). */
export function birthdayIn(year: number, birthday: Birthday): LocalDate {
  return annualDateIn(year, birthday.month, birthday.day);
}

/** The birthday on or before `today`: this year's if it has come, else last year's. */
export function latestBirthday(birthday: Birthday, today: LocalDate): LocalDate {
  const thisYear = birthdayIn(today.year, birthday);
  return compareLocalDates(thisYear, today) <= 0 ? thisYear : birthdayIn(today.year - 1, birthday);
}

export function birthdayBonusKey(customerKey: string, year: number): string {
  return `customer:${customerKey}:birthday:${year}`;
}

export type BirthdayBonusInput = {
  readonly customerKey: string;
  readonly birthday: Birthday;
  /** When the member entered or last changed their birthday. */
  readonly birthdaySetAt: Date;
  readonly enrolledAt: Date;
  readonly rule: BonusRule;
  readonly now: Date;
  readonly timeZone: string;
  readonly programVersion: number | null;
  readonly actor: string;
};

/**
 * The birthday bonus due now, if any: once per birthday year (the key names the year the
 * birthday fell in, so a December birthday caught up in January is still last year's, and
 * changing one's birthday cannot earn a second bonus that year). Due from the start of the
 * birthday, at most LATE_LIMIT_DAYS late, for a member who was enrolled by that day and
 * whose birthday was set BIRTHDAY_NOTICE_DAYS ahead.
 */
export function birthdayBonusDue(input: BirthdayBonusInput): Journal | null {
  if (!input.rule.enabled) return null;
  const today = localDateOf(input.now, input.timeZone);
  const day = latestBirthday(input.birthday, today);
  if (!isDueOn(day, today) || !isEligibleFor(day, input)) return null;
  return bonusJournal({
    key: birthdayBonusKey(input.customerKey, day.year),
    customerKey: input.customerKey,
    points: input.rule.points,
    memo: `Birthday bonus ${day.year}`,
    now: input.now,
    programVersion: input.programVersion,
    actor: input.actor,
  });
}

/**
 * A member enrolled after their birthday did not have it as a member (joining a few days
 * later must not pay out a birthday); a birthday set too late is the abuse above.
 */
function isEligibleFor(day: LocalDate, input: BirthdayBonusInput): boolean {
  const enrolled = localDateOf(input.enrolledAt, input.timeZone);
  const set = localDateOf(input.birthdaySetAt, input.timeZone);
  return compareLocalDates(enrolled, day) <= 0 && daysBetween(set, day) >= BIRTHDAY_NOTICE_DAYS;
}
