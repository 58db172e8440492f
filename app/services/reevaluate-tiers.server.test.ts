import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SILVER, tierRules } from "../loyalty/tiers/tier-fixtures";
import { runLifecycle } from "../loyalty/testing/order-lifecycle";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectProjectionMatchesLedger } from "../test/shops";
import { recordOrderEvent } from "./record-order-event.server";
import { reevaluateTiers, TIERS_ACTOR } from "./reevaluate-tiers.server";
import { addMember, shopWithRules, type TestShop } from "./scheduled-work.fixture";

const DAY_MS = 86_400_000;
const MS = 1;

describe.each(DATABASE_KINDS)("reevaluateTiers on %s", (kind) => {
  let database: TestDatabase;
  let shopCounter = 0;
  let orderCounter = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  /** Silver from 300.00 over the last 12 months, 30 days' grace; only Silver, so the test reads plainly. */
  const tierShop = (enabled = true) =>
    shopWithRules(database, `tiers-${kind}-${shopCounter++}.myshopify.com`, (rules) => ({ ...rules, tiers: tierRules({ enabled, levels: [SILVER], downgradeGraceDays: 30 }) }));
  const run = (shop: TestShop, now: Date, batchSize?: number) => reevaluateTiers(database, { shopId: shop.id, now, ...(batchSize ? { batchSize } : {}) });

  async function paidOrder(shop: TestShop, customerGid: string, amountMinor: number, at: Date): Promise<void> {
    const { events } = runLifecycle({
      orderId: `gid://shopify/Order/${shop.id}${String(++orderCounter).padStart(4, "0")}`, customerId: customerGid, test: false, paidAtCreation: true,
      lines: [{ unitPriceMinor: amountMinor, quantity: 1, giftCard: false, discountMinor: 0 }], steps: [], start: at,
    });
    const paid = events.find((event) => event.kind === "order" && event.topic === "orders/paid");
    if (!paid || paid.kind !== "order") throw new Error("the lifecycle has no orders/paid");
    const customer = { customerGid, email: null, firstName: null, lastName: null, phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null };
    await recordOrderEvent(database, shop.domain, { kind: "order", facts: { snapshot: paid.snapshot, refunds: [], customer } }, { topic: "orders/paid", receivedAt: at });
  }
  const tierOf = async (shop: TestShop, gid: string) =>
    database.db.selectFrom("Customer").select(["tierId", "tierBelowSince"]).where("shopId", "=", shop.id).where("customerGid", "=", gid).executeTakeFirstOrThrow();
  const tierEvents = async (shop: TestShop) =>
    database.db.selectFrom("TierEvent").select(["fromTierId", "toTierId", "direction", "actor", "occurredAt"]).where("shopId", "=", shop.id).orderBy("id").execute();

  it("GIVEN a Silver member whose only order leaves the rolling window WHEN the sweep runs daily THEN the grace clock starts, and 30 days later they are downgraded once", async () => {
    const shop = await tierShop();
    const gid = `gid://shopify/Customer/${shop.id}01`;
    await paidOrder(shop, gid, 40_000, new Date("2026-03-01T10:00:00Z"));
    expect(await tierOf(shop, gid)).toEqual({ tierId: "silver", tierBelowSince: null });

    await run(shop, new Date("2027-02-28T23:59:59.999Z"));
    expect(await tierOf(shop, gid)).toEqual({ tierId: "silver", tierBelowSince: null });

    const below = new Date("2027-03-01T00:00:00Z");
    await run(shop, below);
    expect(await tierOf(shop, gid)).toEqual({ tierId: "silver", tierBelowSince: below });

    await run(shop, new Date(below.getTime() + 30 * DAY_MS - MS));
    expect(await tierOf(shop, gid)).toEqual({ tierId: "silver", tierBelowSince: below });

    const downgrade = new Date(below.getTime() + 30 * DAY_MS);
    await Promise.all([run(shop, downgrade), run(shop, downgrade)]);
    await run(shop, downgrade);
    expect(await tierOf(shop, gid)).toEqual({ tierId: null, tierBelowSince: null });
    expect(await tierEvents(shop)).toEqual([
      { fromTierId: null, toTierId: "silver", direction: "up", actor: "webhook:orders/paid", occurredAt: new Date("2026-03-01T10:00:00Z") },
      { fromTierId: "silver", toTierId: null, direction: "down", actor: TIERS_ACTOR, occurredAt: downgrade },
    ]);
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN members with and without tiers or recent orders WHEN the sweep runs THEN only those who may move are read", async () => {
    const shop = await tierShop();
    await paidOrder(shop, `gid://shopify/Customer/${shop.id}11`, 40_000, new Date("2026-03-01T10:00:00Z"));
    await paidOrder(shop, `gid://shopify/Customer/${shop.id}12`, 1_000, new Date("2026-06-01T10:00:00Z"));
    await paidOrder(shop, `gid://shopify/Customer/${shop.id}13`, 1_000, new Date("2026-02-01T10:00:00Z"));
    await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z") });
    // On 15 March 2027 the window starts on 16 March 2026: the Silver member (whose order has left it)
    // and the member with an order in it are read; not the one whose order is older, nor the one without orders.
    expect(await run(shop, new Date("2027-03-15T00:00:00Z"))).toEqual({ processed: 2, complete: true });
  });

  it("GIVEN tiers turned off WHEN the sweep runs THEN every tier holder leaves their tier at once, in small concurrent batches, once each", async () => {
    const shop = await tierShop(false);
    const members = [];
    for (let index = 0; index < 7; index++) members.push(await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z"), tierId: "silver", tierSince: new Date("2026-01-02T00:00:00Z") }));
    const now = new Date("2026-04-01T00:00:00Z");
    await Promise.all([run(shop, now, 2), run(shop, now, 3)]);
    const events = await tierEvents(shop);
    expect(events).toHaveLength(members.length);
    expect(events.every((event) => event.direction === "down" && event.toTierId === null)).toBe(true);
    expect(await run(shop, now)).toEqual({ processed: 0, complete: true });
  });
});
