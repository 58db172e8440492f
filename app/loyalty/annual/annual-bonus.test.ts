import { describe, expect, it } from "vitest";
import { addDays } from "../calendar/calendar";
import { validateJournal } from "../ledger/ledger";
import { bonusJournal, isDueOn, LATE_LIMIT_DAYS } from "./annual-bonus";

describe("annual bonuses are due from their day, and caught up for a while", () => {
  const day = { year: 2026, month: 3, day: 10 };
  it.each([
    ["the day before", -1, false],
    ["the day itself", 0, true],
    ["a week late", 7, true],
    [`${LATE_LIMIT_DAYS} days late (the last day of catch-up)`, LATE_LIMIT_DAYS, true],
    [`${LATE_LIMIT_DAYS + 1} days late`, LATE_LIMIT_DAYS + 1, false],
  ])("GIVEN today is %s THEN due is %s", (_name, offset, expected) => {
    expect(isDueOn(day, addDays(day, offset))).toBe(expected);
  });

  it("GIVEN a bonus THEN its journal credits the member from program.issued and balances", () => {
    const now = new Date("2026-03-10T09:00:00Z");
    const journal = bonusJournal({ key: "customer:c:birthday:2026", customerKey: "c", points: 250, memo: "Birthday bonus 2026", now, programVersion: 4, actor: "system:annual" });
    expect(validateJournal(journal).ok).toBe(true);
    expect(journal).toEqual({
      key: "customer:c:birthday:2026", kind: "bonus", customerId: "c", orderId: null, programVersion: 4, occurredAt: now,
      memo: "Birthday bonus 2026", actor: "system:annual",
      lines: [
        { account: "program.issued", customerId: null, points: -250 },
        { account: "member.available", customerId: "c", points: 250 },
      ],
    });
  });
});
