import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetFor } from "../loyalty/program/presets";
import type { ProgramRules } from "../loyalty/program/program";
import { addProgramVersion } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordPaidOrder } from "../test/member-orders";
import { installTestShop } from "../test/shops";
import { launchProgram } from "./launch-program.server";
import { previewTierChange } from "./preview-tier-change.server";
import { saveProgram } from "./save-program.server";

const staff = { actor: "staff:1", name: "Test Staff" };
const ORDERS_AT = new Date("2026-03-01T10:00:00Z");
const LAUNCH = new Date("2026-04-01T12:00:00Z");
/** "Points and tiers": Insider from 0, VIB from 350.00 (150 points on entry), Rouge from 1,000.00 (500), calendar year, 90 days' grace. */
const pointsAndTiers = (): ProgramRules => presetFor("points_and_tiers")!.rules("USD");
const withThresholds = (rules: ProgramRules, thresholds: readonly number[]): ProgramRules => ({
  ...rules,
  tiers: { ...rules.tiers, levels: rules.tiers.levels.map((level, index) => ({ ...level, threshold: thresholds[index] ?? level.threshold })) },
});
const withGrace = (rules: ProgramRules, days: number): ProgramRules => ({ ...rules, tiers: { ...rules.tiers, downgradeGraceDays: days } });
/** Spend of customers 1–6: 20.00, 400.00, 400.00, 1,281.56, 1,500.00, 90.00. */
const SPEND = [2_000, 40_000, 40_000, 128_156, 150_000, 9_000];

describe.each(DATABASE_KINDS)("placing members in their tiers on %s", (kind) => {
  let database: TestDatabase;
  const shop = `placement-${kind}.myshopify.com`;
  let shopId: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    shopId = (await findShop(database.db, shop))!.id;
    // Members who ordered under the default program (no tiers), as on the demo store.
    for (const [index, spend] of SPEND.entries()) await recordPaidOrder(database, shop, index + 1, spend, ORDERS_AT);
    // "Points and tiers" in force but nobody placed: how shops saved before this fix stand
    // (the wizard's version written without placing anyone).
    await addProgramVersion(database.db, shopId, { rules: pointsAndTiers(), effectiveAt: new Date("2026-03-15T00:00:00Z"), createdBy: staff.actor, createdByName: staff.name }, new Date("2026-03-15T00:00:00Z"));
  });
  afterAll(() => database.drop());

  const tiers = async () => {
    const rows = await database.db.selectFrom("Customer").select(["customerGid", "tierId"]).where("shopId", "=", shopId).orderBy("id").execute();
    return rows.map((row) => row.tierId);
  };
  const bonusPoints = async () => {
    const rows = await database.db
      .selectFrom("LedgerLine as l")
      .innerJoin("LedgerJournal as j", "j.id", "l.journalId")
      .select("l.points")
      .where("l.shopId", "=", shopId)
      .where("j.key", "like", "%:tier-entry:%")
      .where("l.customerId", "is not", null)
      .execute();
    return rows.reduce((sum, row) => sum + Number(row.points), 0);
  };
  const versions = async () => (await database.db.selectFrom("ProgramVersion").select("version").where("shopId", "=", shopId).execute()).length;

  it("GIVEN 'Points and tiers' in force and nobody placed WHEN the program is launched THEN every member is in the tier their spend gives, with its entry bonus", async () => {
    expect(await tiers()).toEqual([null, null, null, null, null, null]);
    const launched = await launchProgram(database, shop, LAUNCH);
    expect(await tiers()).toEqual(["insider", "vib", "vib", "rouge", "rouge", "insider"]);
    expect(launched).toMatchObject({ status: "live", placement: { up: 6, down: 0, bonusMembers: 4, bonusPoints: 2 * 150 + 2 * 500, bonusCostMinor: 1_300 } });
    expect(await bonusPoints()).toBe(1_300);
  });

  it("GIVEN members placed at launch WHEN only the grace period changes (90 → 91 days) THEN the save needs no confirmation, moves nobody and grants nothing", async () => {
    const before = await bonusPoints();
    const preview = await previewTierChange(database, shop, withGrace(pointsAndTiers(), 91), LAUNCH);
    expect(preview).toMatchObject({ status: "preview", placement: { up: 0, down: 0, bonusPoints: 0 } });
    const saved = await saveProgram(database, shop, withGrace(pointsAndTiers(), 91), staff, LAUNCH);
    expect(saved).toMatchObject({ status: "saved", tiersChanged: true, impact: { up: 0, down: 0, bonusPoints: 0 } });
    expect(await tiers()).toEqual(["insider", "vib", "vib", "rouge", "rouge", "insider"]);
    expect(await bonusPoints()).toBe(before);
  });

  it("GIVEN VIB lowered to 50.00 WHEN saved without confirming THEN nothing is written and the answer says who moves, per tier, by name, and what the bonuses cost", async () => {
    const count = await versions();
    const lowered = withGrace(withThresholds(pointsAndTiers(), [0, 5_000, 100_000]), 91);
    const result = await saveProgram(database, shop, lowered, staff, LAUNCH);
    expect(result).toMatchObject({
      status: "needs_confirmation",
      currencyCode: "USD",
      impact: {
        members: 6, up: 1, down: 0, bonusMembers: 1, bonusPoints: 150, bonusCostMinor: 150,
        examples: [{ name: "Member 6", from: "Insider", to: "VIB" }],
        byTier: [
          { tierId: null, name: "No tier", before: 0, after: 0 },
          { tierId: "insider", name: "Insider", before: 2, after: 1 },
          { tierId: "vib", name: "VIB", before: 2, after: 3 },
          { tierId: "rouge", name: "Rouge", before: 2, after: 2 },
        ],
      },
    });
    expect(await versions()).toBe(count);
    expect(await tiers()).toEqual(["insider", "vib", "vib", "rouge", "rouge", "insider"]);
    // A confirmation for another impact (stale, or made up) is asked again.
    expect(await saveProgram(database, shop, lowered, staff, LAUNCH, { confirmed: "1-00000000" })).toMatchObject({ status: "needs_confirmation" });
    expect(await versions()).toBe(count);
  });

  it.each([
    ["VIB lowered to 50.00", [0, 5_000, 100_000]],
    ["Rouge raised to 2,000.00 (grace keeps the two Rouge members)", [0, 5_000, 200_000]],
    ["VIB from 30.00 and Rouge from 400.00 (two move up to Rouge, paying its bonus)", [0, 3_000, 40_000]],
  ])("GIVEN %s WHEN the merchant confirms the preview THEN the save does exactly what the preview announced", async (_change, thresholds) => {
    const rules = withGrace(withThresholds(pointsAndTiers(), thresholds), 91);
    const preview = await previewTierChange(database, shop, rules, LAUNCH);
    if (preview.status !== "preview") throw new Error("no preview");
    const bonusBefore = await bonusPoints();
    const tiersBefore = await tiers();
    const saved = await saveProgram(database, shop, rules, staff, LAUNCH, { confirmed: preview.placement.fingerprint });
    const impact = saved.status === "saved" ? saved.impact : null;
    expect(saved.status).toBe("saved");
    expect(impact).toEqual(preview.placement);
    const after = await tiers();
    expect(Object.fromEntries(preview.placement.byTier.map((row) => [row.tierId, row.after]))).toEqual(
      Object.fromEntries(preview.placement.byTier.map((row) => [row.tierId, after.filter((tier) => tier === row.tierId).length])),
    );
    expect(after.filter((tier, index) => tier !== tiersBefore[index]).length).toBe(preview.placement.up + preview.placement.down);
    expect((await bonusPoints()) - bonusBefore).toBe(preview.placement.bonusPoints);
  });
});
