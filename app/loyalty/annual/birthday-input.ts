import { z } from "zod";
import { compareLocalDates, daysInMonth, isLeapYear, type LocalDate } from "../calendar/calendar";
import { err, ok, type Result } from "../result";
import type { Birthday } from "./birthday";

/**
 * The birthday a shopper enters (customer account, theme form). Messages are written for
 * the shopper. `today` is the shop-local date, an input like every clock in the core: it
 * bounds the year and rules out a birthday in the future.
 */

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

const LEAP_YEAR = 2000;

const whole = (label: string, min: number, max: number, message: string) =>
  z
    .number(`${label} must be a number.`)
    .int(message)
    .min(min, message)
    .max(max, message);

export function birthdayInputSchema(today: LocalDate) {
  return z
    .object({
      month: whole("The month", 1, 12, "Choose a month from 1 to 12."),
      day: whole("The day", 1, 31, "Choose a day from 1 to 31."),
      year: z
        .number("The year must be a number.")
        .int("The year must be a whole number.")
        .min(1900, "The year must be 1900 or later.")
        .max(today.year, `The year can be at most ${today.year}.`)
        .nullish(),
    })
    .strict()
    .superRefine((birthday, context) => {
      // Zod still runs this after a field's own check failed; one message per problem.
      if (!fieldsInRange(birthday, today)) return;
      const problem = dateProblem(birthday, today);
      if (problem) context.addIssue({ code: "custom", path: ["day"], message: problem });
    });
}

function fieldsInRange({ month, day, year }: Birthday, today: LocalDate): boolean {
  const inRange = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  return inRange(month, 1, 12) && inRange(day, 1, 31) && (year === null || year === undefined || inRange(year, 1900, today.year));
}

/** Why a month, day and optional year that are each in range do not make a birthday. */
function dateProblem(birthday: Birthday, today: LocalDate): string | null {
  const monthName = MONTH_NAMES[birthday.month - 1] ?? "That month";
  // Without a year, 29 February is allowed: it is kept on 28 February in common years.
  if (birthday.day > daysInMonth(LEAP_YEAR, birthday.month)) {
    return `${monthName} has only ${daysInMonth(LEAP_YEAR, birthday.month)} days.`;
  }
  const year = birthday.year;
  if (year === null || year === undefined) return null;
  if (birthday.month === 2 && birthday.day === 29 && !isLeapYear(year)) {
    return `${year} was not a leap year, so it had no 29 February.`;
  }
  if (compareLocalDates({ year, month: birthday.month, day: birthday.day }, today) > 0) {
    return "A birthday cannot be in the future.";
  }
  return null;
}

export type BirthdayInputError = "invalid_birthday";

/** A validated birthday, or every problem in one message (the schema gives them per field). */
export function parseBirthday(input: unknown, today: LocalDate): Result<Birthday, BirthdayInputError> {
  const parsed = birthdayInputSchema(today).safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err("invalid_birthday", parsed.error.issues.map((issue) => issue.message).join(" "));
}
