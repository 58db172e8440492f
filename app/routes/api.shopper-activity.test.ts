import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, extensionToken, postWebhook } from "../test/requests";

describe.each(DATABASE_KINDS)("GET /api/history and /api/order-points on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `activity-${kind}.myshopify.com`;
  const customer = "gid://shopify/Customer/611";
  const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    server = await startAppServer({ databaseUrl: database.url });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9401, customerId: 611, subtotal: "42.50" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const get = async (path: string, token?: string) => {
    const response = await fetch(new URL(path, server.url), { headers: { Origin: "https://extensions.shopifycdn.com", "User-Agent": BROWSER, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as unknown, cors: response.headers.get("access-control-allow-origin") };
  };

  it("GIVEN a member's token THEN their history with the order behind each entry", async () => {
    const { status, body, cors } = await get("/api/history", await extensionToken(server, shop, customer));
    expect(status).toBe(200);
    expect(cors).toBe("*");
    expect(body).toMatchObject({ entries: [{ kind: "earn", points: 42, orderName: "#9401" }] });
  });

  it("GIVEN a guest's token THEN no history; a forged one THEN 401", async () => {
    expect((await get("/api/history", await extensionToken(server, shop))).body).toEqual({ entries: [] });
    expect((await get("/api/history", await extensionToken({ ...server, apiSecret: "not-the-secret" }, shop, customer))).status).toBe(401);
  });

  it("GIVEN the thank-you page's OrderIdentity THEN the order's points; another customer THEN not recorded; a bad id THEN 400", async () => {
    const token = await extensionToken(server, shop, customer);
    expect((await get("/api/order-points?order=gid%3A%2F%2Fshopify%2FOrderIdentity%2F9401", token)).body).toEqual({ points: 42, status: "available" });
    const stranger = await extensionToken(server, shop, "gid://shopify/Customer/612");
    expect((await get("/api/order-points?order=gid%3A%2F%2Fshopify%2FOrder%2F9401", stranger)).body).toEqual({ points: 0, status: "not_recorded" });
    const bad = await get("/api/order-points?order=9401", token);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: expect.stringContaining("GID") });
  });
});
