import { describe, expect, it } from "vitest";
import { birthdayInputSchema, parseBirthday } from "./birthday-input";

const today = { year: 2026, month: 5, day: 20 };

describe("a birthday the shopper enters", () => {
  it.each<[string, unknown, unknown]>([
    ["a day and month", { month: 7, day: 14 }, { month: 7, day: 14 }],
    ["29 February without a year", { month: 2, day: 29 }, { month: 2, day: 29 }],
    ["29 February of a leap year", { month: 2, day: 29, year: 2000 }, { month: 2, day: 29, year: 2000 }],
    ["a full date", { month: 12, day: 31, year: 1990 }, { month: 12, day: 31, year: 1990 }],
    ["a year left empty", { month: 1, day: 1, year: null }, { month: 1, day: 1, year: null }],
    ["the oldest year accepted", { month: 1, day: 1, year: 1900 }, { month: 1, day: 1, year: 1900 }],
    ["today, born this year", { month: 5, day: 20, year: 2026 }, { month: 5, day: 20, year: 2026 }],
    ["later this year, without a year", { month: 12, day: 1 }, { month: 12, day: 1 }],
  ])("GIVEN %s THEN it is accepted", (_name, entered, expected) => {
    expect(parseBirthday(entered, today)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown, string]>([
    ["month 13", { month: 13, day: 1 }, "Choose a month from 1 to 12."],
    ["month 0", { month: 0, day: 1 }, "Choose a month from 1 to 12."],
    ["day 0", { month: 1, day: 0 }, "Choose a day from 1 to 31."],
    ["day 32", { month: 1, day: 32 }, "Choose a day from 1 to 31."],
    ["a fractional day", { month: 1, day: 1.5 }, "Choose a day from 1 to 31."],
    ["31 April", { month: 4, day: 31 }, "April has only 30 days."],
    ["30 February", { month: 2, day: 30 }, "February has only 29 days."],
    ["29 February of a common year", { month: 2, day: 29, year: 1990 }, "1990 was not a leap year, so it had no 29 February."],
    ["a year before 1900", { month: 1, day: 1, year: 1899 }, "The year must be 1900 or later."],
    ["next year", { month: 1, day: 1, year: 2027 }, "The year can be at most 2026."],
    ["later this year", { month: 5, day: 21, year: 2026 }, "A birthday cannot be in the future."],
    ["a month as text", { month: "3", day: 1 }, "The month must be a number."],
    ["no day", { month: 3 }, "The day must be a number."],
  ])("GIVEN %s THEN it is refused with a clear message", (_name, entered, message) => {
    expect(parseBirthday(entered, today)).toEqual({ ok: false, error: "invalid_birthday", message });
  });

  it("GIVEN an unexpected field THEN it is refused", () => {
    expect(parseBirthday({ month: 3, day: 1, name: "x" }, today).ok).toBe(false);
  });

  it("GIVEN a day that does not exist THEN the schema puts the problem on the day field for the form", () => {
    const parsed = birthdayInputSchema(today).safeParse({ month: 6, day: 31 });
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path, issue.message])).toEqual([[["day"], "June has only 30 days."]]);
  });
});
