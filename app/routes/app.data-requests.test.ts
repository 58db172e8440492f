import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminFetch, loadRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, postWebhook } from "../test/requests";

type ListedRequest = { id: number; customerGid: string; email: string | null; dataRequestId: string | null; receivedAt: string; ordersRequested: string[]; held: boolean };

describe.each(DATABASE_KINDS)("customer data requests reach the merchant on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `data-requests-${kind}.myshopify.com`;
  const otherShop = `data-requests-other-${kind}.myshopify.com`;

  const dataRequest = (domain: string, customerId: number, orders: number[], requestId: number) => ({
    shop_id: 1, shop_domain: domain, customer: { id: customerId, email: `customer-${customerId}@example.com`, phone: null }, orders_requested: orders, data_request: { id: requestId },
  });
  const listed = async (domain: string) => {
    const result = await loadRoute(server, domain, "/app/data-requests", "routes/app.data-requests._index");
    expect(result.status).toBe(200);
    return (result.data as { requests: ListedRequest[] }).requests;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    await arrangeInstalledShop(database, otherShop);
    server = await startAppServer({ databaseUrl: database.url });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9301, customerId: 801, subtotal: "80.00" }) });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9302, customerId: 802, subtotal: "30.00" }) });
    await postWebhook(server, { shop: otherShop, topic: "orders/paid", body: orderPayload({ id: 9401, customerId: 801, subtotal: "55.00" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GIVEN no request yet THEN the page lists none", async () => {
    expect(await listed(shop)).toEqual([]);
  });

  it("GIVEN a signed customers/data_request THEN the page lists the customer, when it came and the orders requested", async () => {
    const before = Date.now();
    expect((await postWebhook(server, { shop, topic: "customers/data_request", body: dataRequest(shop, 801, [9301], 61) })).status).toBe(200);
    const [request, ...others] = await listed(shop);
    expect(others).toEqual([]);
    expect(request).toMatchObject({ customerGid: "gid://shopify/Customer/801", dataRequestId: "61", ordersRequested: ["gid://shopify/Order/9301"], held: true });
    expect(Date.parse(request?.receivedAt ?? "")).toBeGreaterThanOrEqual(before - 1000);
  });

  it("WHEN the merchant downloads it THEN the file holds that customer's membership, ledger and orders, and nobody else's", async () => {
    const [request] = await listed(shop);
    const response = await adminFetch(server, shop, `/app/data-requests/${request?.id}.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="wafa-customer-801-request-\d+\.json"$/);
    const text = await response.text();
    const document = JSON.parse(text) as { customerGid: string; membership: unknown; orders: Array<{ orderGid: string }>; ledger: unknown[]; redemptions: unknown[]; surveyResponses: unknown[] };
    expect(document).toMatchObject({ customerGid: "gid://shopify/Customer/801", dataRequestId: "61", held: true, membership: { member: true, points: { available: 80 } } });
    expect(document.orders.map((order) => order.orderGid)).toEqual(["gid://shopify/Order/9301"]);
    expect(document.ledger.length).toBeGreaterThan(0);
    expect(document).toHaveProperty("redemptions", []);
    // Customer 802 of the same shop, and the same customer number at another shop, are not in it.
    expect(text).not.toContain("Customer/802");
    expect(text).not.toContain("Order/9302");
    expect(text).not.toContain("Order/9401");
  });

  it("GIVEN another shop THEN it neither lists nor downloads this shop's request", async () => {
    const [request] = await listed(shop);
    expect(await listed(otherShop)).toEqual([]);
    const response = await adminFetch(server, otherShop, `/app/data-requests/${request?.id}.json`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  });

  it("GIVEN no session token THEN the download is refused", async () => {
    const [request] = await listed(shop);
    const response = await fetch(new URL(`/app/data-requests/${request?.id}.json`, server.url), {
      headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36" },
      redirect: "manual",
    });
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain("Customer/801");
  });

  it("GIVEN a request for a customer Wafa never saw THEN it is listed as holding nothing, and its file says so", async () => {
    expect((await postWebhook(server, { shop, topic: "customers/data_request", body: dataRequest(shop, 899, [], 62) })).status).toBe(200);
    const [newest] = await listed(shop);
    expect(newest).toMatchObject({ customerGid: "gid://shopify/Customer/899", ordersRequested: [], held: false });
    const document = (await (await adminFetch(server, shop, `/app/data-requests/${newest?.id}.json`)).json()) as Record<string, unknown>;
    expect(document).toMatchObject({ customerGid: "gid://shopify/Customer/899", held: false, orders: [], ledger: [] });
  });
});
