import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDecimal, money } from "../loyalty/money/money";
import { defaultProgramRules } from "../loyalty/program/program";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop, PROGRAM_START } from "../test/shops";
import { programHistory } from "./program-history.server";
import { saveProgram } from "./save-program.server";

const staff = { actor: "staff:42", name: "Amina Salem" };

describe.each(DATABASE_KINDS)("programHistory on %s", (kind) => {
  let database: TestDatabase;
  const shop = "history.myshopify.com";
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
  });
  afterAll(() => database.drop());

  it("GIVEN only the install's version THEN history shows it, made by Wafa, with no changes", async () => {
    expect(await programHistory(database, shop)).toEqual([
      { version: 1, effectiveAt: PROGRAM_START, createdAt: PROGRAM_START, madeBy: "Wafa", changes: [], first: true },
    ]);
  });

  it("GIVEN two staff saves THEN history lists them newest first, each with its staff name and what changed in merchant words", async () => {
    const base = defaultProgramRules("USD");
    const richer = { ...base, earning: { ...base.earning, spend: { ...base.earning.spend, points: 2, perAmountMinor: 500 } } };
    expect((await saveProgram(database, shop, richer, staff, new Date("2026-03-01T00:00:00Z"))).status).toBe("saved");
    const withSignup = { ...richer, earning: { ...richer.earning, signup: { enabled: true, points: 250 } } };
    expect((await saveProgram(database, shop, withSignup, staff, new Date("2026-04-01T00:00:00Z"))).status).toBe("saved");

    const history = (await programHistory(database, shop))!;
    expect(history.map((entry) => [entry.version, entry.madeBy, entry.first])).toEqual([[3, "Amina Salem", false], [2, "Amina Salem", false], [1, "Wafa", true]]);
    expect(history[0]!.changes).toEqual([
      { label: "Sign-up bonus › on", before: "no", after: "yes" },
      { label: "Sign-up bonus › points", before: "100", after: "250" },
    ]);
    expect(history[1]!.changes).toEqual([
      { label: "Points for spending › points", before: "1", after: "2" },
      { label: "Points for spending › per amount spent", before: "$1.00", after: "$5.00" },
    ]);
  });

  it("GIVEN the shop's own formatter THEN amounts read in it", async () => {
    const history = (await programHistory(database, shop, (currency) => (minor) => `${currency} ${formatDecimal(money(minor, currency))}!`))!;
    expect(history[1]!.changes[1]).toEqual({ label: "Points for spending › per amount spent", before: "USD 1.00!", after: "USD 5.00!" });
  });

  it("GIVEN a shop that is not installed THEN there is no history", async () => {
    expect(await programHistory(database, "unknown.myshopify.com")).toBeNull();
  });
});
