import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRefunds } from "../repositories/orders.server";
import { findShop, type ShopRecord } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { readOrderBook } from "./order-book.server";

const ORDER = "gid://shopify/Order/4242";
const AT = new Date("2026-11-20T12:00:00Z");
const refund = (id: string, currency: string, lineSubtotalMinor: number) => ({
  refundId: `gid://shopify/Refund/${id}`, orderId: ORDER, processedAt: AT, currency, lineSubtotalMinor, giftCardMinor: 0,
  lineItems: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, subtotalMinor: Math.abs(lineSubtotalMinor), giftCard: false }],
});

describe.each(DATABASE_KINDS)("reading an order's stored book on %s", (kind) => {
  let database: TestDatabase;
  let shop: ShopRecord;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, `order-book-${kind}.myshopify.com`);
    const found = await findShop(database.db, `order-book-${kind}.myshopify.com`);
    if (!found) throw new Error("no shop");
    shop = found;
  });
  afterAll(() => database?.drop());

  const read = () => database.db.transaction().execute((tx) => readOrderBook(tx, shop, ORDER, { topic: "orders/paid", receivedAt: AT }));
  const letters = () => database.db.selectFrom("DeadLetter").select(["topic", "reason"]).where("shopDomain", "=", shop.domain).orderBy("id").execute();

  it("GIVEN nothing stored for the order THEN an empty book and nothing parked", async () => {
    expect(await read()).toEqual({ stored: null, snapshot: null, refunds: [] });
    expect(await letters()).toEqual([]);
  });

  it("GIVEN stored refunds of which one is in EUR and one negative THEN only the good one is in the book, the others are taken out and parked once with their reasons", async () => {
    await insertRefunds(database.db, shop.id, [refund("1", "USD", 1_500), refund("2", "EUR", 1_500), refund("3", "USD", -50_000)], AT);

    const book = await read();
    expect(book.refunds.map((entry) => entry.refundId)).toEqual(["gid://shopify/Refund/1"]);
    expect(await letters()).toEqual([
      { topic: "orders/paid", reason: "stored state set aside: refund gid://shopify/Refund/2 is in EUR, the shop's currency is USD" },
      { topic: "orders/paid", reason: "stored state set aside: refund gid://shopify/Refund/3 refunds -50000 minor units" },
    ]);
    const stored = await database.db.selectFrom("OrderRefund").select("refundGid").where("orderGid", "=", ORDER).execute();
    expect(stored.map((row) => row.refundGid)).toEqual(["gid://shopify/Refund/1"]);

    expect((await read()).refunds).toHaveLength(1);
    expect(await letters()).toHaveLength(2);
  });
});
