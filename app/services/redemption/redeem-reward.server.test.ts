import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultProgramRules, type Reward } from "../../loyalty/program/program";
import { addProgramVersion } from "../../repositories/program-versions.server";
import { findShop } from "../../repositories/shops.server";
import { metafieldsSet, storeCreditAccountCredit } from "../../sandbox/admin/redemption-operations";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { recordPaidOrder } from "../../test/paid-orders";
import { expectProjectionMatchesLedger, installTestShop } from "../../test/shops";
import { redeemReward } from "./redeem-reward.server";
import { MATERIALISATION_STALLED_MS, type AdminForShop } from "./redemption-state.server";
import { reserveRedemption } from "./reserve-redemption.server";

const NOW = new Date("2026-06-01T12:00:00Z");
const CREDIT: Reward = {
  id: "credit-10", name: "$10 store credit", enabled: true, kind: "store_credit", cost: 100, amountMinor: 1000,
  conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null,
};

// Shopify's edge, answered by the sandbox's simulation of the mutations, slowly enough that
// concurrent requests overlap while a call is in flight. Every call is recorded.
let calls: string[] = [];
const SIMULATED: Record<string, (variables: Record<string, unknown>) => unknown> = {
  WafaStoreCreditCredit: storeCreditAccountCredit,
  WafaReservationMetafieldsSet: metafieldsSet,
};
const slowShopify: AdminForShop = async () => ({
  async graphql(query, options) {
    const name = /\bmutation\s+(\w+)/.exec(query)?.[1] ?? "";
    const simulate = SIMULATED[name];
    if (!simulate) throw new Error(`unexpected Admin API call ${name}`);
    calls.push(name);
    await new Promise((resolve) => setTimeout(resolve, 25));
    const throttleStatus = { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 };
    return Response.json({ data: simulate(options?.variables ?? {}), extensions: { cost: { requestedQueryCost: 10, throttleStatus } } });
  },
});

describe.each(DATABASE_KINDS)("replaying a redemption request on %s", (kind) => {
  let database: TestDatabase;
  const shop = `replay-${kind}.myshopify.com`;
  const customer = "gid://shopify/Customer/8201";
  const request = { rewardId: "credit-10", points: null, idempotencyKey: "stalled-credit-1", channel: "checkout" as const };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    const record = await findShop(database.db, shop);
    if (!record) throw new Error("no shop");
    await addProgramVersion(database.db, record.id, { rules: { ...defaultProgramRules("USD"), rewards: [CREDIT] }, effectiveAt: new Date("2026-02-01T00:00:00Z"), createdBy: "test" }, NOW);
    await recordPaidOrder(database, shop, { customer: "8201", subtotalMinor: 30_000, at: new Date("2026-03-01T00:00:00Z") });
    // The first attempt reserved, then died before it reached Shopify.
    expect(await reserveRedemption(database, shop, customer, request, NOW)).toMatchObject({ ok: true, replay: false, redemption: { status: "reserved" } });
  });
  afterAll(async () => database?.drop());
  beforeEach(() => {
    calls = [];
  });

  const balance = () => database.db.selectFrom("Customer").select(["pointsAvailable", "pointsHeld"]).where("customerGid", "=", customer).executeTakeFirstOrThrow();
  const replayAt = (now: Date) => redeemReward(database, shop, customer, request, { now, adminFor: slowShopify });

  it("GIVEN a reservation a first attempt may still be materialising WHEN replays arrive THEN they answer with it as it stands and call Shopify not at all", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => replayAt(new Date(NOW.getTime() + 60_000))));
    expect(answers.map((answer) => (answer.ok ? `${answer.redemption.status} ${answer.replay}` : answer.error))).toEqual(Array(5).fill("reserved true"));
    expect(calls).toEqual([]);
    expect(await balance()).toEqual({ pointsAvailable: 200, pointsHeld: 100 });
  });

  it("GIVEN a stalled reservation WHEN five replays arrive at once THEN exactly one issues the store credit and the points are spent once", async () => {
    const later = new Date(NOW.getTime() + MATERIALISATION_STALLED_MS + 1000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => replayAt(later)));
    expect(calls).toEqual(["WafaStoreCreditCredit"]);
    expect(answers.every((answer) => answer.ok && answer.replay)).toBe(true);
    expect(answers.filter((answer) => answer.ok && answer.redemption.status === "committed")).toHaveLength(1);
    expect(await balance()).toEqual({ pointsAvailable: 200, pointsHeld: 0 });
    // Once committed, a replay answers committed and calls nothing.
    expect(await replayAt(new Date(later.getTime() + 1000))).toMatchObject({ ok: true, replay: true, redemption: { status: "committed" } });
    expect(calls).toHaveLength(1);
    await expectProjectionMatchesLedger(database, shop);
  });
});
