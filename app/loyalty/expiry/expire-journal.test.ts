import { describe, expect, it } from "vitest";
import { validateJournal } from "../ledger/ledger";
import { expireJournal, monthsText } from "./expire-journal";

describe("expire journals", () => {
  it("GIVEN points to expire THEN they leave the member's available points for program.expired in one balanced journal", () => {
    const now = new Date("2026-01-10T00:05:00Z");
    const journal = expireJournal({ key: "customer:c:expire:batch:e1", customerKey: "c", points: 70, memo: "Points expired", now, programVersion: 2, actor: "system:expiry" });
    expect(validateJournal(journal).ok).toBe(true);
    expect(journal).toEqual({
      key: "customer:c:expire:batch:e1", kind: "expire", customerId: "c", orderId: null, programVersion: 2, occurredAt: now,
      memo: "Points expired", actor: "system:expiry",
      lines: [
        { account: "member.available", customerId: "c", points: -70 },
        { account: "program.expired", customerId: null, points: 70 },
      ],
    });
  });

  it("refuses to expire zero, negative or fractional points (a bug)", () => {
    for (const points of [0, -5, 2.5]) {
      expect(() => expireJournal({ key: "k", customerKey: "c", points, memo: "m", now: new Date("2026-01-01T00:00:00Z"), programVersion: null, actor: "a" })).toThrow();
    }
  });

  it.each([[1, "1 month"], [12, "12 months"], [60, "60 months"]])("GIVEN %s THEN the memo says %s", (months, text) => {
    expect(monthsText(months)).toBe(text);
  });
});
