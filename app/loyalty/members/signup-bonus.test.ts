import { describe, expect, it } from "vitest";
import { validateJournal } from "../ledger/ledger";
import { defaultProgramRules, type ProgramVersion } from "../program/program";
import { signupBonus } from "./signup-bonus";

const rules = defaultProgramRules("USD");
const versions: ProgramVersion[] = [
  { version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules },
  { version: 2, effectiveAt: new Date("2026-06-01T00:00:00Z"), rules: { ...rules, earning: { ...rules.earning, signup: { enabled: true, points: 200 } } } },
];

describe("the sign-up bonus", () => {
  it("GIVEN a member who joins while the bonus is on THEN 200 points are available at once, under a once-only key", () => {
    const journal = signupBonus("gid://shopify/Customer/1", { enrolledAt: new Date("2026-07-01T00:00:00Z"), source: "customers/create" }, versions, "webhook:customers/create");
    expect(journal).toMatchObject({ key: "customer:gid://shopify/Customer/1:signup", kind: "bonus", programVersion: 2 });
    expect(journal?.lines).toEqual([
      { account: "program.issued", customerId: null, points: -200 },
      { account: "member.available", customerId: "gid://shopify/Customer/1", points: 200 },
    ]);
    expect(journal && validateJournal(journal).ok).toBe(true);
  });

  it("GIVEN a member who joined before the bonus existed THEN there is nothing to grant", () => {
    expect(signupBonus("c", { enrolledAt: new Date("2026-05-31T23:59:59Z"), source: "first_paid_order" }, versions, "webhook:orders/paid")).toBeNull();
  });
});
