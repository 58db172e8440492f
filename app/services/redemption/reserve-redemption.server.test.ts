import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultProgramRules, type Reward } from "../../loyalty/program/program";
import { addProgramVersion } from "../../repositories/program-versions.server";
import { findShop } from "../../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { recordPaidOrder } from "../../test/paid-orders";
import { expectProjectionMatchesLedger, installTestShop } from "../../test/shops";
import { reserveRedemption } from "./reserve-redemption.server";

const NOW = new Date("2026-06-01T12:00:00Z");
const TEN_OFF: Reward = {
  id: "ten-off", name: "$10 off", enabled: true, kind: "fixed_amount", cost: 100, amountMinor: 1000,
  conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null,
};
// Store credit is not a checkout discount, so a member may hold several at once: the shape
// of "100 parallel redemptions against one balance".
const CREDIT: Reward = {
  id: "credit-10", name: "$10 store credit", enabled: true, kind: "store_credit", cost: 100, amountMinor: 1000,
  conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null,
};

describe.each(DATABASE_KINDS)("reserving rewards on %s", (kind) => {
  let database: TestDatabase;
  const shop = `reserve-${kind}.myshopify.com`;
  const customer = "gid://shopify/Customer/8101";

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    const record = await findShop(database.db, shop);
    if (!record) throw new Error("no shop");
    await addProgramVersion(database.db, record.id, { rules: { ...defaultProgramRules("USD"), rewards: [TEN_OFF, CREDIT] }, effectiveAt: new Date("2026-02-01T00:00:00Z"), createdBy: "test" }, NOW);
    await recordPaidOrder(database, shop, { customer: "8101", subtotalMinor: 105_000, at: new Date("2026-03-01T00:00:00Z") });
  });
  afterAll(async () => database?.drop());

  const balance = () => database.db.selectFrom("Customer").select(["pointsAvailable", "pointsHeld"]).where("customerGid", "=", customer).executeTakeFirstOrThrow();

  it("GIVEN 1,050 points and 100 parallel requests for a 100-point reward THEN exactly 10 succeed and the balance never goes negative", async () => {
    expect((await balance()).pointsAvailable).toBe(1050);
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, index) => reserveRedemption(database, shop, customer, { rewardId: "credit-10", points: null, idempotencyKey: `parallel-${index}-key` }, NOW)),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
    const refusals = outcomes.filter((outcome) => !outcome.ok).map((outcome) => (outcome.ok ? "" : outcome.error));
    expect(new Set(refusals)).toEqual(new Set(["insufficient_points"]));
    expect(await balance()).toEqual({ pointsAvailable: 50, pointsHeld: 1000 });
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN a replayed key THEN the same redemption; the key with another reward THEN idempotency_key_reused; balance unchanged", async () => {
    const before = await balance();
    const [first] = await database.db.selectFrom("Redemption").select("idempotencyKey").where("status", "=", "reserved").orderBy("id").limit(1).execute();
    expect(first).toBeDefined();
    const again = await reserveRedemption(database, shop, customer, { rewardId: "credit-10", points: null, idempotencyKey: first?.idempotencyKey ?? "" }, NOW);
    expect(again).toMatchObject({ ok: true, replay: true });
    const reused = await reserveRedemption(database, shop, customer, { rewardId: "ten-off", points: null, idempotencyKey: first?.idempotencyKey ?? "" }, NOW);
    expect(reused).toMatchObject({ ok: false, error: "idempotency_key_reused", message: "redemption.errors.idempotency_key_reused" });
    expect(await balance()).toEqual(before);
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN a guest customer, an unknown reward THEN clear refusals", async () => {
    expect(await reserveRedemption(database, shop, "gid://shopify/Customer/1", { rewardId: "ten-off", points: null, idempotencyKey: "stranger-key" }, NOW)).toMatchObject({ ok: false, error: "not_a_member" });
    expect(await reserveRedemption(database, shop, customer, { rewardId: "nope", points: null, idempotencyKey: "unknown-reward" }, NOW)).toMatchObject({ ok: false, error: "reward_not_found" });
  });
});
