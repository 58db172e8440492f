import { describe, expect, it } from "vitest";
import { defaultProgramRules, programVersionAt, ProgramRulesSchema, type ProgramVersion } from "./program";

describe("the default program", () => {
  it.each([
    ["USD", 100],
    ["JPY", 1],
    ["KWD", 1000],
  ])("GIVEN a %s shop THEN it awards 1 point per 1.00 (%i minor units)", (currency, perAmountMinor) => {
    expect(defaultProgramRules(currency).earning.spend).toEqual({ enabled: true, points: 1, perAmountMinor });
  });

  it("is a valid program", () => {
    expect(ProgramRulesSchema.safeParse(defaultProgramRules("EUR")).success).toBe(true);
  });
});

describe("ProgramRulesSchema rejects shapes the engine cannot run", () => {
  const valid = defaultProgramRules("USD");
  it.each([
    ["negative points", { ...valid, earning: { spend: { ...valid.earning.spend, points: -1 } } }],
    ["fractional points", { ...valid, earning: { spend: { ...valid.earning.spend, points: 1.5 } } }],
    ["a 1000x multiplier beyond the cap", { ...valid, earning: { spend: { ...valid.earning.spend, points: 5000 } } }],
    ["a zero spend unit", { ...valid, earning: { spend: { ...valid.earning.spend, perAmountMinor: 0 } } }],
    ["an unknown rule", { ...valid, earning: { ...valid.earning, birthday: {} } }],
    ["an unknown schema version", { ...valid, schemaVersion: 2 }],
  ])("%s", (_name, rules) => {
    expect(ProgramRulesSchema.safeParse(rules).success).toBe(false);
  });
});

describe("programVersionAt", () => {
  const rules = defaultProgramRules("USD");
  const versions: ProgramVersion[] = [
    { version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules },
    { version: 2, effectiveAt: new Date("2026-06-01T00:00:00Z"), rules },
  ];

  it("picks the newest version in effect at the instant", () => {
    expect(programVersionAt(versions, new Date("2026-03-01T00:00:00Z"))?.version).toBe(1);
    expect(programVersionAt(versions, new Date("2026-06-01T00:00:00Z"))?.version).toBe(2);
    expect(programVersionAt(versions, new Date("2027-01-01T00:00:00Z"))?.version).toBe(2);
  });

  it("GIVEN an order from before the first version THEN no program governs it", () => {
    expect(programVersionAt(versions, new Date("2025-12-31T23:59:59Z"))).toBeNull();
  });

  it("does not depend on the order versions are listed in", () => {
    expect(programVersionAt([...versions].reverse(), new Date("2026-07-01T00:00:00Z"))?.version).toBe(2);
  });
});
