import { annualDateIn, compareLocalDates, localDateOf, startOfLocalDay, type LocalDate } from "../calendar/calendar";
import type { Journal } from "../ledger/ledger";
import type { AnniversaryRule } from "../program/rules-schema";
import { bonusJournal, isDueOn } from "./annual-bonus";

/**
 * Membership anniversaries: the n-th anniversary (n ≥ 1) falls on the enrolment's day of
 * the year, on the shop's calendar, n years later (an enrolment on 29 February has its
 * anniversaries on 28 February in common years). Year n earns points + (n − 1) × increase.
 */

export type Anniversary = {
  /** 1 for the first anniversary. */
  readonly number: number;
  readonly date: LocalDate;
  /** The first instant it is due. */
  readonly startsAt: Date;
  readonly points: number;
};

export function anniversaryDate(enrolled: LocalDate, number: number): LocalDate {
  return annualDateIn(enrolled.year + number, enrolled.month, enrolled.day);
}

export function anniversaryPoints(rule: AnniversaryRule, number: number): number {
  return rule.points + (number - 1) * rule.increasePerYear;
}

export function anniversaryBonusKey(customerKey: string, number: number): string {
  return `customer:${customerKey}:anniversary:${number}`;
}

/** The number of the latest anniversary on or before `today` (0: none yet). */
export function latestAnniversaryNumber(enrolled: LocalDate, today: LocalDate): number {
  const number = today.year - enrolled.year;
  return compareLocalDates(anniversaryDate(enrolled, number), today) <= 0 ? number : number - 1;
}

export type AnniversaryInput = {
  readonly customerKey: string;
  readonly enrolledAt: Date;
  readonly rule: AnniversaryRule;
  readonly now: Date;
  readonly timeZone: string;
  readonly programVersion: number | null;
  readonly actor: string;
};

/**
 * The bonus for the latest anniversary, due from the start of its day and at most
 * LATE_LIMIT_DAYS late. Only the latest: a member whose anniversary was missed entirely
 * is not paid it next year (the key is per anniversary number, so none is paid twice).
 */
export function anniversaryBonusDue(input: AnniversaryInput): Journal | null {
  if (!input.rule.enabled) return null;
  const enrolled = localDateOf(input.enrolledAt, input.timeZone);
  const today = localDateOf(input.now, input.timeZone);
  const number = latestAnniversaryNumber(enrolled, today);
  if (number < 1 || !isDueOn(anniversaryDate(enrolled, number), today)) return null;
  return bonusJournal({
    key: anniversaryBonusKey(input.customerKey, number),
    customerKey: input.customerKey,
    points: anniversaryPoints(input.rule, number),
    memo: `Membership anniversary bonus: ${number} ${number === 1 ? "year" : "years"}`,
    now: input.now,
    programVersion: input.programVersion,
    actor: input.actor,
  });
}

export type NextAnniversaryInput = Pick<AnniversaryInput, "enrolledAt" | "rule" | "now" | "timeZone">;

/** The next anniversary to come, today's included, for display; null when the bonus is off. */
export function nextAnniversary(input: NextAnniversaryInput): Anniversary | null {
  if (!input.rule.enabled) return null;
  const enrolled = localDateOf(input.enrolledAt, input.timeZone);
  const today = localDateOf(input.now, input.timeZone);
  const latest = latestAnniversaryNumber(enrolled, today);
  const isToday = latest >= 1 && compareLocalDates(anniversaryDate(enrolled, latest), today) === 0;
  const number = isToday ? latest : Math.max(1, latest + 1);
  const date = anniversaryDate(enrolled, number);
  return { number, date, startsAt: startOfLocalDay(date, input.timeZone), points: anniversaryPoints(input.rule, number) };
}
