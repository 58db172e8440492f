import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultProgramRules, type Reward } from "../../loyalty/program/program";
import { addProgramVersion } from "../../repositories/program-versions.server";
import { findShop } from "../../repositories/shops.server";
import { discountCodeBasicCreate, discountCodeDelete, metafieldsSet } from "../../sandbox/admin/redemption-operations";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { recordPaidOrder } from "../../test/paid-orders";
import { expectProjectionMatchesLedger, installTestShop } from "../../test/shops";
import { redeemReward } from "./redeem-reward.server";
import type { AdminForShop } from "./redemption-state.server";
import { releaseExpiredRedemptions } from "./release-redemptions.server";
import { REDEMPTION_HOLD_MS } from "./reserve-redemption.server";

const NOW = new Date("2026-06-01T12:00:00Z");
const TEN_OFF: Reward = {
  id: "ten-off", name: "$10 off", enabled: true, kind: "fixed_amount", cost: 100, amountMinor: 1000,
  conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null,
};

// Shopify's edge, answered by the sandbox's simulation, except that deletes can be refused.
let refuseDeletes = false;
const calls: string[] = [];
const SIMULATED: Record<string, (variables: Record<string, unknown>) => unknown> = {
  WafaRedemptionCodeCreate: discountCodeBasicCreate,
  WafaRedemptionCodeDelete: (variables) =>
    refuseDeletes ? { discountCodeDelete: { deletedCodeDiscountId: null, userErrors: [{ field: ["id"], message: "Internal error. Looks like something went wrong on our end." }] } } : discountCodeDelete(variables),
  WafaReservationMetafieldsSet: metafieldsSet,
};
const shopify: AdminForShop = async () => ({
  async graphql(query, options) {
    const name = /\bmutation\s+(\w+)/.exec(query)?.[1] ?? "";
    const simulate = SIMULATED[name];
    if (!simulate) throw new Error(`unexpected Admin API call ${name}`);
    calls.push(name);
    const throttleStatus = { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 };
    return Response.json({ data: simulate(options?.variables ?? {}), extensions: { cost: { requestedQueryCost: 10, throttleStatus } } });
  },
});

describe.each(DATABASE_KINDS)("releasing expired holds on %s", (kind) => {
  let database: TestDatabase;
  let shopId: number;
  const shop = `release-${kind}.myshopify.com`;
  const customer = "gid://shopify/Customer/8301";

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    const record = await findShop(database.db, shop);
    if (!record) throw new Error("no shop");
    shopId = record.id;
    await addProgramVersion(database.db, shopId, { rules: { ...defaultProgramRules("USD"), rewards: [TEN_OFF] }, effectiveAt: new Date("2026-02-01T00:00:00Z"), createdBy: "test" }, NOW);
    await recordPaidOrder(database, shop, { customer: "8301", subtotalMinor: 30_000, at: new Date("2026-03-01T00:00:00Z") });
  });
  afterAll(async () => database?.drop());

  const balance = () => database.db.selectFrom("Customer").select(["pointsAvailable", "pointsHeld"]).where("customerGid", "=", customer).executeTakeFirstOrThrow();

  it("GIVEN an unused code WHEN Shopify refuses to delete it at expiry THEN the points are back all the same, the job reports the refusal, and a rerun has nothing left to do", async () => {
    calls.length = 0;
    const redeemed = await redeemReward(database, shop, customer, { rewardId: "ten-off", points: null, idempotencyKey: "refused-delete-1", channel: "code" }, { now: NOW, adminFor: shopify });
    expect(redeemed).toMatchObject({ ok: true, redemption: { status: "materialised", materialisation: { kind: "discount_code" } } });
    expect(await balance()).toEqual({ pointsAvailable: 200, pointsHeld: 100 });

    // Not yet due: nothing happens.
    expect(await releaseExpiredRedemptions(database, shopify, { shopId, now: new Date(NOW.getTime() + REDEMPTION_HOLD_MS - 1000) })).toEqual({ processed: 0, complete: true });

    refuseDeletes = true;
    const expiredAt = new Date(NOW.getTime() + REDEMPTION_HOLD_MS);
    await expect(releaseExpiredRedemptions(database, shopify, { shopId, now: expiredAt })).rejects.toThrow(/released 1 expired redemptions; Shopify refused: .*Internal error/);
    expect(await balance()).toEqual({ pointsAvailable: 300, pointsHeld: 0 });
    const row = await database.db.selectFrom("Redemption").select(["status", "releaseReason"]).where("shopId", "=", shopId).where("idempotencyKey", "=", "refused-delete-1").executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "released", releaseReason: "expired" });
    // The code ends at the hold's expiry anyway; a rerun does not release twice.
    expect(await releaseExpiredRedemptions(database, shopify, { shopId, now: new Date(expiredAt.getTime() + 60_000) })).toEqual({ processed: 0, complete: true });
    expect(await balance()).toEqual({ pointsAvailable: 300, pointsHeld: 0 });
    expect(calls.filter((call) => call === "WafaRedemptionCodeDelete")).toHaveLength(1);
    await expectProjectionMatchesLedger(database, shop);
    refuseDeletes = false;
  });
});
