import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, BROWSER_USER_AGENT } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, extensionToken, postWebhook } from "../test/requests";

const CUSTOMER = "gid://shopify/Customer/621";
const ORDER = "gid://shopify/Order/9301";

/** Every shopper endpoint, as the extensions call it (from Shopify's CDN, with the token as a bearer). */
const ENDPOINTS: ReadonlyArray<readonly [string, string, RequestInit]> = [
  ["GET /api/member", "/api/member", {}],
  ["GET /api/rewards", "/api/rewards", {}],
  ["GET /api/history", "/api/history", {}],
  ["GET /api/order-points", `/api/order-points?order=${encodeURIComponent(ORDER)}`, {}],
  ["GET /api/survey", `/api/survey?order=${encodeURIComponent(ORDER)}`, {}],
  ["POST /api/survey", "/api/survey", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ orderId: ORDER, answers: {} }) }],
  ["POST /api/redemptions", "/api/redemptions", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": "token-test-0001" }, body: JSON.stringify({ rewardId: "credit-10" }) }],
  ["DELETE /api/redemptions/:id", "/api/redemptions/token-test-0001", { method: "DELETE" }],
];

describe("the shopper API checks every claim of an extension's session token", () => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = "api-tokens.myshopify.com";
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await arrangeInstalledShop(database, shop);
    server = await startAppServer({ databaseUrl: database.url });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9301, customerId: 621, subtotal: "30.00" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const call = (requestPath: string, init: RequestInit, token: string) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    headers.set("Origin", "https://extensions.shopifycdn.com");
    headers.set("User-Agent", BROWSER_USER_AGENT);
    return fetch(new URL(requestPath, server.url), { ...init, headers });
  };

  const REFUSED: ReadonlyArray<readonly [string, () => Promise<string>]> = [
    ["minted for another app (aud)", () => extensionToken(server, shop, CUSTOMER, { aud: "another-apps-client-id" })],
    ["with no audience", () => extensionToken(server, shop, CUSTOMER, { aud: undefined })],
    ["with no expiry (replayable for ever)", () => extensionToken(server, shop, CUSTOMER, { exp: undefined })],
    ["expired beyond the clock tolerance", () => extensionToken(server, shop, CUSTOMER, { exp: now() - 60, nbf: now() - 400, iat: now() - 400 })],
    ["not yet valid (nbf in the future)", () => extensionToken(server, shop, CUSTOMER, { nbf: now() + 600, iat: now() + 600 })],
    ["with no nbf", () => extensionToken(server, shop, CUSTOMER, { nbf: undefined })],
    ["issued by another shop (iss)", () => extensionToken(server, shop, CUSTOMER, { iss: "https://other-shop.myshopify.com" })],
    ["for a domain that is not a shop (dest)", () => extensionToken(server, shop, CUSTOMER, { dest: "evil.example.com" })],
    ["whose subject is not a customer", () => extensionToken(server, shop, CUSTOMER, { sub: "12345" })],
    ["an admin session token", () => adminToken(server, shop)],
  ];

  describe.each(REFUSED)("GIVEN a token %s", (_case, mint) => {
    it.each(ENDPOINTS)("WHEN it calls %s THEN 401 with CORS, and nothing is written", async (_endpoint, requestPath, init) => {
      const response = await call(requestPath, init, await mint());
      expect(response.status).toBe(401);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(await response.json()).toMatchObject({ error: "invalid_session_token" });
      expect(await database.db.selectFrom("Redemption").select("id").execute()).toEqual([]);
    });
  });

  it.each([
    ["a logged-in customer's token", CUSTOMER],
    ["a guest's token", undefined],
  ])("GIVEN %s as Shopify documents it THEN the member endpoint answers", async (_case, customer) => {
    const response = await call("/api/member", {}, await extensionToken(server, shop, customer));
    expect(response.status).toBe(200);
  });

  it("GIVEN a token with an https dest and an iss of the same shop THEN it is accepted", async () => {
    const token = await extensionToken(server, shop, CUSTOMER, { dest: `https://${shop}`, iss: `https://${shop}` });
    expect((await call("/api/member", {}, token)).status).toBe(200);
  });

  it("GIVEN a token that expired within Shopify's 10 s clock tolerance THEN it is still accepted", async () => {
    const token = await extensionToken(server, shop, CUSTOMER, { exp: now() - 3, nbf: now() - 300, iat: now() - 300 });
    expect((await call("/api/member", {}, token)).status).toBe(200);
  });
});
