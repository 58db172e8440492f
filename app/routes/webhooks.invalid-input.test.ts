// Issue 10, items 3 and 4: poison webhooks and invalid input, through the production server
// with real signed requests. Every delivery ends in 2xx (applied, ignored or parked as a
// dead letter with its reason); nothing stored makes a later delivery of the order fail.
import { describe, expect, it } from "vitest";
import { findMemberBalanceAtShop } from "../repositories/customers.server";
import { findShop } from "../repositories/shops.server";
import { DATABASE_KINDS } from "../test/databases";
import { useInstalledShopServer } from "../test/installed-shop-server";
import { orderPayload, refundPayload } from "../test/payloads";
import { postWebhook } from "../test/requests";
import { expectProjectionMatchesLedger } from "../test/shops";
import type { WebhookTopic } from "../shopify/webhook-topics";

type Json = Record<string, unknown>;

/** A copy of `body` with the field at `path` (dots; numbers index arrays) set to `value`. */
function withField(body: Json, path: string, value: unknown): Json {
  const copy = structuredClone(body);
  const keys = path.split(".");
  let parent: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  parent[keys[keys.length - 1] as string] = value;
  return copy;
}

const usd = (amount: string) => ({ shop_money: { amount, currency_code: "USD" }, presentment_money: { amount, currency_code: "USD" } });
const inCurrency = (amount: string, currency: string) => ({ shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } });

describe.each(DATABASE_KINDS)("invalid and poison webhooks through the production server on %s", (kind) => {
  const shop = `poison-${kind}.myshopify.com`;
  const running = useInstalledShopServer(shop, kind);
  let nextId = 20_000;
  const ids = () => nextId++;

  const balance = (customerId: number) => findMemberBalanceAtShop(running.database.db, shop, `gid://shopify/Customer/${customerId}`);
  const deliver = async (topic: WebhookTopic, body: unknown) => {
    const response = await postWebhook(running.server, { shop, topic, body });
    expect(response.status, `${topic} answered ${response.status}: ${running.server.output().slice(-2000)}`).toBe(200);
  };
  const lettersSince = async (id: number) =>
    running.database.db.selectFrom("DeadLetter").select(["id", "topic", "reason", "webhookId"]).where("shopDomain", "=", shop).where("id", ">", id).orderBy("id").execute();
  const lastLetterId = async () =>
    Number((await running.database.db.selectFrom("DeadLetter").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst())?.id ?? 0);
  const storedRefunds = (orderId: number) => running.database.db.selectFrom("OrderRefund").select(["refundGid", "currency", "lineSubtotalMinor"]).where("orderGid", "=", `gid://shopify/Order/${orderId}`).execute();
  const storedOrder = (orderId: number) => running.database.db.selectFrom("Order").select(["id", "subtotalMinor"]).where("orderGid", "=", `gid://shopify/Order/${orderId}`).executeTakeFirst();

  it("GIVEN a refund in EUR arriving before its USD order WHEN the order's webhooks follow THEN the refund is parked with its reason, every delivery is 200 and the order earns exactly", async () => {
    const orderId = ids();
    const customerId = ids();
    const before = await lastLetterId();
    await deliver("refunds/create", refundPayload({ id: ids(), orderId, subtotal: "10.00", currency: "EUR" }));
    const letters = await lettersSince(before);
    expect(letters).toMatchObject([{ topic: "refunds/create" }]);
    expect(letters[0]?.reason).toMatch(/EUR/);
    expect(await storedRefunds(orderId)).toEqual([]);

    const refund = refundPayload({ id: ids(), orderId, subtotal: "25.00" });
    await deliver("orders/paid", orderPayload({ id: orderId, customerId, subtotal: "100.00", updatedAt: "2026-03-01T10:00:00Z" }));
    await deliver("refunds/create", refund);
    await deliver("orders/updated", orderPayload({ id: orderId, customerId, subtotal: "75.00", financialStatus: "partially_refunded", updatedAt: "2026-03-02T10:00:00Z", refunds: [refund] }));
    expect(await balance(customerId)).toEqual({ member: true, available: 75, pending: 0, lifetime: 75 });
    await expectProjectionMatchesLedger(running.database, shop);
  });

  it("GIVEN an order stored in USD WHEN a refund of it in EUR arrives THEN it is parked and the order's later webhooks still apply", async () => {
    const orderId = ids();
    const customerId = ids();
    await deliver("orders/paid", orderPayload({ id: orderId, customerId, subtotal: "100.00" }));
    const before = await lastLetterId();
    await deliver("refunds/create", refundPayload({ id: ids(), orderId, subtotal: "40.00", currency: "EUR" }));
    expect(await lettersSince(before)).toMatchObject([{ topic: "refunds/create", reason: expect.stringMatching(/EUR/) }]);
    await deliver("orders/updated", orderPayload({ id: orderId, customerId, subtotal: "90.00", updatedAt: "2026-03-03T10:00:00Z" }));
    expect(await balance(customerId)).toMatchObject({ available: 90, lifetime: 90 });
  });

  it("GIVEN a discount allocation or an included refund in another currency THEN 200, a dead letter with the reason and nothing stored; the clean payload then applies", async () => {
    const orderId = ids();
    const customerId = ids();
    const clean = orderPayload({ id: orderId, customerId, subtotal: "60.00" });
    const allocation = withField(clean, "line_items.0.discount_allocations", [{ amount: "5.00", amount_set: inCurrency("5.00", "EUR"), discount_application_index: 0 }]);
    const includedRefund = { ...clean, refunds: [refundPayload({ id: ids(), orderId, subtotal: "5.00", currency: "EUR" })] };
    const before = await lastLetterId();
    await deliver("orders/paid", allocation);
    await deliver("orders/updated", includedRefund);
    expect((await lettersSince(before)).map((letter) => letter.reason)).toEqual([expect.stringMatching(/EUR/), expect.stringMatching(/EUR/)]);
    expect(await storedOrder(orderId)).toBeUndefined();
    await deliver("orders/paid", clean);
    expect(await balance(customerId)).toMatchObject({ available: 60 });
  });

  it("GIVEN refunds stored before the edge refused them (in EUR, negative) WHEN the order's webhooks arrive THEN they are set aside and parked once, and the order earns exactly", async () => {
    const orderId = ids();
    const customerId = ids();
    const stored = await findShop(running.database.db, shop);
    const orderGid = `gid://shopify/Order/${orderId}`;
    const poison = [
      { refundGid: `gid://shopify/Refund/${ids()}`, currency: "EUR", lineSubtotalMinor: 1_000 },
      { refundGid: `gid://shopify/Refund/${ids()}`, currency: "USD", lineSubtotalMinor: -50_000 },
    ];
    await running.database.db
      .insertInto("OrderRefund")
      .values(poison.map((refund) => ({ shopId: stored?.id ?? 0, orderGid, processedAt: new Date("2026-03-02T10:00:00Z"), giftCardMinor: 0, lineItems: "[]", createdAt: new Date(), ...refund })))
      .execute();
    const before = await lastLetterId();
    await deliver("orders/paid", orderPayload({ id: orderId, customerId, subtotal: "80.00" }));
    await deliver("orders/updated", orderPayload({ id: orderId, customerId, subtotal: "80.00", updatedAt: "2026-03-04T10:00:00Z" }));
    expect(await balance(customerId)).toEqual({ member: true, available: 80, pending: 0, lifetime: 80 });
    const letters = await lettersSince(before);
    expect(letters.map((letter) => letter.reason)).toEqual([expect.stringMatching(/^stored state set aside: .*EUR/), expect.stringMatching(/^stored state set aside: .*-50000/)]);
    expect(await storedRefunds(orderId)).toEqual([]);
    await expectProjectionMatchesLedger(running.database, shop);
  });

  it("GIVEN a 100-point order WHEN refunds/create says a line subtotal of -500.00 THEN it is parked as a dead letter and the order stays at 100", async () => {
    const orderId = ids();
    const customerId = ids();
    await deliver("orders/paid", orderPayload({ id: orderId, customerId, subtotal: "100.00" }));
    expect(await balance(customerId)).toMatchObject({ available: 100 });
    const before = await lastLetterId();
    await deliver("refunds/create", refundPayload({ id: ids(), orderId, subtotal: "-500.00" }));
    expect(await lettersSince(before)).toMatchObject([{ topic: "refunds/create", reason: expect.stringMatching(/negative/) }]);
    expect(await storedRefunds(orderId)).toEqual([]);
    await deliver("orders/updated", orderPayload({ id: orderId, customerId, subtotal: "100.00", updatedAt: "2026-03-05T10:00:00Z" }));
    expect(await balance(customerId)).toEqual({ member: true, available: 100, pending: 0, lifetime: 100 });
  });

  // One row per kind of field (amounts, quantities, currencies, dates), on each field of that kind Wafa reads.
  const farFuture = new Date(Date.now() + 400 * 24 * 3600 * 1000).toISOString();
  const orderCases: ReadonlyArray<readonly [string, string, unknown, RegExp]> = [
    ["amount", "current_subtotal_price_set", usd("-1.00"), /negative/],
    ["amount", "current_total_price_set", usd("-1.00"), /negative/],
    ["amount", "current_total_discounts_set", usd("-0.01"), /negative/],
    ["amount", "current_shipping_price_set", usd("-6.95"), /negative/],
    ["amount", "total_shipping_price_set", usd("-6.95"), /negative/],
    ["amount", "current_total_tax_set", usd("-2.00"), /negative/],
    ["amount", "line_items.0.price_set", usd("-10.00"), /negative/],
    ["amount", "line_items.0.discount_allocations", [{ amount: "-5.00", amount_set: usd("-5.00") }], /negative/],
    ["amount", "current_total_price_set", usd("99999999999.00"), /beyond any real order/],
    ["quantity", "line_items.0.quantity", -1, /negative/],
    ["quantity", "line_items.0.current_quantity", -1, /negative/],
    ["quantity", "line_items.0.quantity", 2.5, /whole/],
    ["currency", "current_subtotal_price_set", inCurrency("10.00", "ABC"), /ISO 4217/],
    ["currency", "current_total_price_set", inCurrency("10.00", "XXX"), /ISO 4217/],
    ["date", "created_at", "9999-12-31T23:59:59Z", /plausible date/],
    ["date", "processed_at", "1999-12-31T23:59:59Z", /plausible date/],
    ["date", "updated_at", farFuture, /plausible date/],
    ["date", "cancelled_at", "9999-01-01T00:00:00Z", /plausible date/],
  ];
  it.each(orderCases)("GIVEN an order whose %s field %s is %j THEN 200, a dead letter with the reason, nothing stored", async (_kind, path, value, reason) => {
    const orderId = ids();
    const before = await lastLetterId();
    await deliver("orders/paid", withField(orderPayload({ id: orderId, customerId: ids(), subtotal: "10.00" }), path, value));
    expect(await lettersSince(before)).toMatchObject([{ topic: "orders/paid", reason: expect.stringMatching(reason) }]);
    expect(await storedOrder(orderId)).toBeUndefined();
  });

  const refundCases: ReadonlyArray<readonly [string, string, unknown, RegExp]> = [
    ["amount", "refund_line_items.0.subtotal_set", usd("-500.00"), /negative/],
    ["quantity", "refund_line_items.0.quantity", -1, /negative/],
    ["currency", "refund_line_items.0.subtotal_set", inCurrency("5.00", "XYZ"), /ISO 4217/],
    ["date", "created_at", "9999-12-31T00:00:00Z", /plausible date/],
    ["date", "processed_at", "1970-01-01T00:00:00Z", /plausible date/],
  ];
  it.each(refundCases)("GIVEN a refund whose %s field %s is %j THEN 200, a dead letter with the reason, nothing stored", async (_kind, path, value, reason) => {
    const orderId = ids();
    const before = await lastLetterId();
    await deliver("refunds/create", withField(refundPayload({ id: ids(), orderId, subtotal: "5.00" }), path, value));
    expect(await lettersSince(before)).toMatchObject([{ topic: "refunds/create", reason: expect.stringMatching(reason) }]);
    expect(await storedRefunds(orderId)).toEqual([]);
  });

  it("GIVEN an order in a valid currency that is not the shop's (EUR in a USD shop) THEN 200, a dead letter and nothing stored", async () => {
    const orderId = ids();
    const body = orderPayload({ id: orderId, customerId: ids(), subtotal: "10.00" });
    const eur = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, key.endsWith("_set") ? inCurrency("10.00", "EUR") : value]));
    const before = await lastLetterId();
    await deliver("orders/paid", { ...eur, current_total_discounts_set: inCurrency("0.00", "EUR"), line_items: [{ ...(body.line_items as Json[])[0], price_set: inCurrency("10.00", "EUR") }] });
    expect(await lettersSince(before)).toMatchObject([{ topic: "orders/paid", reason: expect.stringMatching(/EUR.*USD/) }]);
    expect(await storedOrder(orderId)).toBeUndefined();
  });
});
