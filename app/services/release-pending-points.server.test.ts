import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLifecycle } from "../loyalty/testing/order-lifecycle";
import { findMemberBalanceAtShop } from "../repositories/customers.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectProjectionMatchesLedger } from "../test/shops";
import { recordOrderEvent } from "./record-order-event.server";
import { RELEASE_ACTOR, releasePendingPoints } from "./release-pending-points.server";
import { journalsOfKind, shopWithRules, type TestShop } from "./scheduled-work.fixture";

const MS = 1;
const RECEIVED = new Date("2026-03-01T12:00:00Z");

describe.each(DATABASE_KINDS)("releasePendingPoints on %s", (kind) => {
  let database: TestDatabase;
  let shopCounter = 0;
  let orderCounter = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const pendingShop = (days: number | null) =>
    shopWithRules(database, `release-${kind}-${shopCounter++}.myshopify.com`, (rules) => ({ ...rules, pending: { enabled: days !== null, days: days ?? 30 } }));
  const run = (shop: TestShop, now: Date, batchSize?: number) => releasePendingPoints(database, { shopId: shop.id, now, ...(batchSize ? { batchSize } : {}) });

  /** A paid order of `amountMinor` by `customerGid`, delivered as orders/paid; returns its pendingUntil. */
  async function paidOrder(shop: TestShop, customerGid: string, amountMinor: number): Promise<Date | null> {
    const orderId = `gid://shopify/Order/${shop.id}${String(++orderCounter).padStart(4, "0")}`;
    const { events } = runLifecycle({
      orderId, customerId: customerGid, test: false, paidAtCreation: true, lines: [{ unitPriceMinor: amountMinor, quantity: 1, giftCard: false, discountMinor: 0 }], steps: [],
      start: new Date("2026-03-01T10:00:00Z"),
    });
    const paid = events.find((event) => event.kind === "order" && event.topic === "orders/paid");
    if (!paid || paid.kind !== "order") throw new Error("the lifecycle has no orders/paid");
    const customer = { customerGid, email: null, firstName: null, lastName: null, phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null };
    await recordOrderEvent(database, shop.domain, { kind: "order", facts: { snapshot: paid.snapshot, refunds: [], customer } }, { topic: "orders/paid", receivedAt: RECEIVED });
    const row = await database.db.selectFrom("Order").select("pendingUntil").where("orderGid", "=", orderId).executeTakeFirstOrThrow();
    return row.pendingUntil;
  }

  it("GIVEN a 14-day pending period WHEN the sweep runs just before and at maturity, twice THEN the points are released once, at maturity", async () => {
    const shop = await pendingShop(14);
    const gid = `gid://shopify/Customer/${shop.id}01`;
    const maturesAt = await paidOrder(shop, gid, 12_000);
    expect(maturesAt).not.toBeNull();
    const matures = maturesAt ?? new Date(0);
    expect(matures.getTime() - new Date("2026-03-01T10:00:00Z").getTime()).toBeGreaterThanOrEqual(14 * 86_400_000);
    expect(await findMemberBalanceAtShop(database.db, shop.domain, gid)).toMatchObject({ available: 0, pending: 120 });

    expect(await run(shop, new Date(matures.getTime() - MS))).toEqual({ processed: 0, complete: true });
    expect(await findMemberBalanceAtShop(database.db, shop.domain, gid)).toMatchObject({ available: 0, pending: 120 });

    expect(await run(shop, matures)).toEqual({ processed: 1, complete: true });
    expect(await run(shop, matures)).toEqual({ processed: 0, complete: true });
    expect(await findMemberBalanceAtShop(database.db, shop.domain, gid)).toMatchObject({ available: 120, pending: 0, lifetime: 120 });
    const [release, ...others] = await journalsOfKind(database, shop, "release");
    expect(others).toEqual([]);
    expect(release).toMatchObject({ kind: "release", points: 120, programVersion: 2, actor: RELEASE_ACTOR });
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN many matured orders WHEN two sweeps in small batches run concurrently THEN each order is released exactly once", async () => {
    const shop = await pendingShop(7);
    const customers = Array.from({ length: 5 }, (_, index) => `gid://shopify/Customer/${shop.id}${index + 10}`);
    for (const [index, gid] of customers.entries()) {
      await paidOrder(shop, gid, 1_000 * (index + 1));
      await paidOrder(shop, gid, 500);
    }
    const now = new Date("2026-04-01T00:00:00Z");
    const results = await Promise.all([run(shop, now, 3), run(shop, now, 2)]);
    expect(results.every((result) => result.complete)).toBe(true);
    expect(await journalsOfKind(database, shop, "release")).toHaveLength(10);
    for (const [index, gid] of customers.entries()) {
      expect(await findMemberBalanceAtShop(database.db, shop.domain, gid)).toMatchObject({ available: 10 * (index + 1) + 5, pending: 0 });
    }
    expect(await run(shop, now)).toEqual({ processed: 0, complete: true });
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN a shop without a pending period THEN points are available at once and the sweep finds nothing to release", async () => {
    const shop = await pendingShop(null);
    const gid = `gid://shopify/Customer/${shop.id}99`;
    expect(await paidOrder(shop, gid, 5_000)).toBeNull();
    expect(await run(shop, new Date("2027-01-01T00:00:00Z"))).toEqual({ processed: 0, complete: true });
    expect(await journalsOfKind(database, shop, "release")).toEqual([]);
    expect(await findMemberBalanceAtShop(database.db, shop.domain, gid)).toMatchObject({ available: 50, pending: 0 });
  });
});
