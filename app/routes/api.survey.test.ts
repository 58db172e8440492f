import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, DEFAULT_SURVEY } from "../loyalty/settings/shop-settings";
import { findCustomer } from "../repositories/customers.server";
import { findShop, saveShopSettings } from "../repositories/shops.server";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, extensionToken, postWebhook } from "../test/requests";

// Extensions run in the shopper's browser; the library answers requests from bots with 410.
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

describe.each(DATABASE_KINDS)("the thank-you page survey API on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `survey-api-${kind}.myshopify.com`;
  const buyer = "gid://shopify/Customer/611";
  const order = "gid://shopify/Order/9201";

  const call = (method: "GET" | "POST", token: string | null, options: { query?: string; body?: unknown } = {}) =>
    fetch(new URL(`/api/survey${options.query ?? ""}`, server.url), {
      method,
      headers: { Origin: "https://extensions.shopifycdn.com", "User-Agent": BROWSER, "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    await saveShopSettings(database.db, shopId, { ...DEFAULT_SETTINGS, survey: { ...DEFAULT_SURVEY, rewardPoints: 30 } }, false, new Date());
    server = await startAppServer({ databaseUrl: database.url });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9201, customerId: 611, subtotal: "20.00" }) });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9202, customerId: 612, subtotal: "20.00" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GIVEN the buyer on the thank-you page THEN the survey to show, not yet answered, with CORS open", async () => {
    const response = await call("GET", await extensionToken(server, shop, buyer), { query: `?order=${encodeURIComponent("gid://shopify/OrderIdentity/9201")}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.json()).toEqual({ survey: { enabled: true, questions: ["recommend", "satisfaction", "effort", "comment"], rewardPoints: 30 }, response: { answered: false, pointsEarned: 0 } });
  });

  it("GIVEN the buyer's answers THEN 201 with the points earned; sent again THEN 200, the same receipt and no second reward", async () => {
    const token = await extensionToken(server, shop, buyer);
    const body = { orderId: "gid://shopify/OrderIdentity/9201", recommend: 10, satisfaction: 5, effort: 1, comment: "شكرا" };
    const first = await call("POST", token, { body });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ orderId: order, pointsEarned: 30, reward: "granted" });
    const again = await call("POST", token, { body });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ orderId: order, pointsEarned: 30, reward: "granted" });
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    const journals = await database.db.selectFrom("LedgerJournal").select("key").where("shopId", "=", shopId).where("key", "=", `order:${order}:survey`).execute();
    expect(journals).toHaveLength(1);
    expect((await findCustomer(database.db, shopId, buyer))?.pointsAvailable).toBe(20 + 30);
    const status = await call("GET", token, { query: `?order=${encodeURIComponent(order)}` });
    expect(await status.json()).toMatchObject({ response: { answered: true, pointsEarned: 30 } });
  });

  it("GIVEN scores off the scales THEN 400 with a message per field", async () => {
    const response = await call("POST", await extensionToken(server, shop, buyer), { body: { orderId: "gid://shopify/Order/9301", recommend: 11, effort: 8 } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_request",
      issues: [
        { path: "recommend", message: "How likely you are to recommend us must be a whole number from 0 to 10." },
        { path: "effort", message: "Effort must be a whole number from 1 to 7." },
      ],
    });
  });

  it("GIVEN a body that is not JSON THEN 400", async () => {
    const response = await fetch(new URL("/api/survey", server.url), {
      method: "POST",
      headers: { "User-Agent": BROWSER, Authorization: `Bearer ${await extensionToken(server, shop, buyer)}`, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
  });

  it("GIVEN a guest on a guest order THEN the answers are kept without points", async () => {
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9310, customerId: null, subtotal: "20.00" }) });
    const response = await call("POST", await extensionToken(server, shop), { body: { orderId: "gid://shopify/Order/9310", satisfaction: 3 } });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ orderId: "gid://shopify/Order/9310", pointsEarned: 0, reward: "guest" });
  });

  it("GIVEN another customer's order THEN 403 and nothing stored", async () => {
    const response = await call("POST", await extensionToken(server, shop, buyer), { body: { orderId: "gid://shopify/Order/9202", recommend: 0 } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "not_your_order" });
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    expect(await database.db.selectFrom("SurveyResponse").select("id").where("shopId", "=", shopId).where("orderGid", "=", "gid://shopify/Order/9202").execute()).toEqual([]);
  });

  it("GIVEN a shopper answering for an order not recorded yet (squatting) THEN 409 order_not_recorded, retryable, nothing stored; once the order is recorded the real buyer answers and earns, and the squatter gets 403", async () => {
    const squatter = await extensionToken(server, shop, "gid://shopify/Customer/666");
    const orderId = "gid://shopify/OrderIdentity/9401";
    const stored = async () => {
      const shopId = (await findShop(database.db, shop))?.id ?? -1;
      return database.db.selectFrom("SurveyResponse").select(["id"]).where("shopId", "=", shopId).where("orderGid", "=", "gid://shopify/Order/9401").execute();
    };
    for (const token of [squatter, await extensionToken(server, shop)]) {
      const early = await call("POST", token, { body: { orderId, recommend: 0, comment: "squatted" } });
      expect(early.status).toBe(409);
      expect(early.headers.get("retry-after")).toBe("4");
      expect(await early.json()).toEqual({ error: "order_not_recorded", retryable: true });
    }
    expect(await stored()).toEqual([]);

    expect((await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9401, customerId: 641, subtotal: "20.00" }) })).status).toBe(200);
    const buyer641 = await extensionToken(server, shop, "gid://shopify/Customer/641");
    const answered = await call("POST", buyer641, { body: { orderId, recommend: 9 } });
    expect(answered.status).toBe(201);
    expect(await answered.json()).toEqual({ orderId: "gid://shopify/Order/9401", pointsEarned: 30, reward: "granted" });
    const late = await call("POST", squatter, { body: { orderId, recommend: 0 } });
    expect(late.status).toBe(403);
    expect(await late.json()).toEqual({ error: "not_your_order" });
    expect(await stored()).toHaveLength(1);
  });

  it("GIVEN no token, or a token signed with another secret THEN 401, and nothing stored", async () => {
    const body = { orderId: "gid://shopify/Order/9320", recommend: 5 };
    expect((await call("POST", null, { body })).status).toBe(401);
    const forged = await extensionToken({ ...server, apiSecret: "not-the-app-secret" }, shop, buyer);
    expect((await call("POST", forged, { body })).status).toBe(401);
    expect((await call("GET", forged, { query: "?order=gid://shopify/Order/9320" })).status).toBe(401);
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    expect(await database.db.selectFrom("SurveyResponse").select("id").where("shopId", "=", shopId).where("orderGid", "=", "gid://shopify/Order/9320").execute()).toEqual([]);
  });

  it("GIVEN a GET without an order THEN 400", async () => {
    const response = await call("GET", await extensionToken(server, shop, buyer));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", issues: [{ path: "orderId" }] });
  });

  it("answers the CORS preflight for POST", async () => {
    const response = await fetch(new URL("/api/survey", server.url), {
      method: "OPTIONS",
      headers: { Origin: "https://extensions.shopifycdn.com", "User-Agent": BROWSER, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/i);
  });
});
