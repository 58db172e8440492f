import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, extensionToken, postWebhook } from "../test/requests";

describe.each(DATABASE_KINDS)("the shopper read API on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `member-${kind}.myshopify.com`;
  const otherShop = `member-other-${kind}.myshopify.com`;
  const customer = "gid://shopify/Customer/601";

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    await arrangeInstalledShop(database, otherShop);
    server = await startAppServer({ databaseUrl: database.url });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9101, customerId: 601, subtotal: "42.50" }) });
    await postWebhook(server, { shop: otherShop, topic: "orders/paid", body: orderPayload({ id: 9101, customerId: 601, subtotal: "7.00" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  // Extensions run in the shopper's browser; the library answers requests from bots with 410.
  const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
  const getMember = (token?: string, origin = "https://extensions.shopifycdn.com") =>
    fetch(new URL("/api/member", server.url), { headers: { Origin: origin, "User-Agent": BROWSER, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });

  it("GIVEN a member's session token THEN their balance, with CORS open", async () => {
    const response = await getMember(await extensionToken(server, shop, customer));
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.json()).toEqual({ member: true, customerId: customer, points: { available: 42, pending: 0, lifetime: 42 }, tier: null, live: false });
  });

  it("GIVEN the same customer id at another shop THEN that shop's balance only", async () => {
    const response = await getMember(await extensionToken(server, otherShop, customer));
    expect(await response.json()).toMatchObject({ points: { available: 7 } });
  });

  it("GIVEN a customer who is not a member THEN zeros", async () => {
    const response = await getMember(await extensionToken(server, shop, "gid://shopify/Customer/999"));
    expect(await response.json()).toEqual({ member: false, customerId: "gid://shopify/Customer/999", points: { available: 0, pending: 0, lifetime: 0 }, tier: null, live: false });
  });

  it("GIVEN a guest (no customer in the token) THEN zeros and no customer", async () => {
    const response = await getMember(await extensionToken(server, shop));
    expect(await response.json()).toMatchObject({ member: false, customerId: null });
  });

  it("GIVEN no token, or a token signed with another secret THEN 401", async () => {
    expect((await getMember()).status).toBe(401);
    const forged = await extensionToken({ ...server, apiSecret: "not-the-app-secret" }, shop, customer);
    expect((await getMember(forged)).status).toBe(401);
  });

  it("GIVEN a crawler's user agent THEN 410, as the library answers bots", async () => {
    const response = await fetch(new URL("/api/member", server.url), { headers: { "User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" } });
    expect(response.status).toBe(410);
  });

  it("answers the CORS preflight", async () => {
    const response = await fetch(new URL("/api/member", server.url), {
      method: "OPTIONS",
      headers: { Origin: "https://extensions.shopifycdn.com", "User-Agent": BROWSER, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/i);
  });

  it("GIVEN an app proxy request signed by Shopify THEN the logged-in customer's balance", async () => {
    const store = shop.replace(".myshopify.com", "");
    const signed = await setUpValidRequest(
      { type: RequestType.Public, store, apiSecretKey: server.apiSecret },
      new Request(new URL("/proxy/member?logged_in_customer_id=601&path_prefix=%2Fapps%2Fwafa", server.url)),
    );
    const response = await fetch(signed.url);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ member: true, customerId: customer, points: { available: 42 } });
  });

  it("GIVEN a tampered app proxy request (customer id changed after signing) THEN 401 with the reason, as on every proxy route, and no balance", async () => {
    const store = shop.replace(".myshopify.com", "");
    const signed = await setUpValidRequest(
      { type: RequestType.Public, store, apiSecretKey: server.apiSecret },
      new Request(new URL("/proxy/member?logged_in_customer_id=999", server.url)),
    );
    const tampered = new URL(signed.url);
    tampered.searchParams.set("logged_in_customer_id", "601");
    const response = await fetch(tampered);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid_signature", messageKey: "errors.invalid_signature", params: {} });
  });
});
