import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { USER_ID } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useInstalledShopServer } from "../test/installed-shop-server";
import { findShop } from "../repositories/shops.server";
import { SANDBOX_BROWSER } from "../sandbox/boot.server";
import { SANDBOX_STAFF_ID } from "../sandbox/session-token.server";
import { adminFetch, adminToken, BROWSER_USER_AGENT } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, type TestDatabase } from "../test/databases";

const CUSTOMER = "gid://shopify/Customer/7001";

/**
 * Tokens signed with the app secret and unexpired, but not admin session tokens (Shopify's
 * admin token: `iss` https://<shop>/admin, `dest` https://<shop>, `sub` a staff id, `exp`).
 * `staff` is the staff id where a case keeps one, so a stored session would match it.
 */
const NOT_ADMIN = (shop: string, staff: string): ReadonlyArray<readonly [string, Record<string, unknown>]> => [
  ["a checkout extension's token (bare dest, a customer, no iss)", { iss: undefined, sid: undefined, dest: shop, sub: CUSTOMER }],
  ["a checkout token for a guest (no sub)", { iss: undefined, sid: undefined, dest: shop, sub: undefined }],
  ["a customer account token (a customer gid as sub)", { sub: CUSTOMER }],
  ["an admin-shaped token without a sub", { sub: undefined }],
  ["a staff sub with a storefront issuer", { iss: `https://${shop}`, sub: staff }],
  ["a staff sub with no issuer", { iss: undefined, sub: staff }],
  ["a staff sub with a bare dest", { dest: shop, sub: staff }],
  ["a staff sub issued by another shop's admin", { iss: "https://other-shop.myshopify.com/admin", sub: staff }],
  ["a staff sub and no expiry", { exp: undefined, sub: staff }],
];

/** Every kind of admin entry: a direct resource route, a routed one, a page's data, a document, an action. */
const ADMIN_REQUESTS = (shop: string): ReadonlyArray<readonly [string, string, RequestInit]> => [
  ["the members CSV", "/app/members/export.csv", {}],
  ["a report's JSON", "/app/reports/program.json", {}],
  ["the members page's data", "/app/members.data?_routes=routes%2Fapp.members._index", {}],
  ["pausing the program", "/app/launch", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=pause" }],
  ["the admin home as a document", `/app?embedded=1&shop=${shop}&host=${encodeURIComponent(Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64"))}`, {}],
];

/** The session token in the Authorization header, or for a document in `id_token`, as the library reads it. */
async function withToken(server: AppServer, shop: string, requestPath: string, init: RequestInit, token: string): Promise<Response> {
  if (!requestPath.includes("embedded=1")) return adminFetch(server, shop, requestPath, init, token);
  return fetch(new URL(`${requestPath}&id_token=${token}`, server.url), { headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });
}

describe("admin routes in the sandbox accept only admin session tokens", () => {
  let database: TestDatabase;
  let server: AppServer;
  let stateDir: string;
  const shop = "admin-tokens-sandbox.myshopify.com";

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    stateDir = mkdtempSync(path.join(tmpdir(), "wafa-admin-tokens-"));
    server = await startAppServer({
      databaseUrl: database.url,
      env: { NODE_ENV: "development", WAFA_SANDBOX: "1", SANDBOX_SHOP: shop, SANDBOX_SEED: "none", SANDBOX_STATE_DIR: stateDir, SHOPIFY_API_KEY: "admin-tokens-key", SHOPIFY_API_SECRET: "admin-tokens-secret" },
    });
    for (let attempt = 0; attempt < 100 && !server.output().includes("sandbox is ready"); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    // Launched, so that a refused pause would show.
    const launched = await adminFetch(server, shop, "/app/launch", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": SANDBOX_BROWSER }, body: "intent=launch" }, await adminToken(server, shop, { sub: SANDBOX_STAFF_ID }));
    expect(launched.status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  describe.each(NOT_ADMIN(shop, SANDBOX_STAFF_ID))("GIVEN %s", (_case, claims) => {
    it.each(ADMIN_REQUESTS(shop))("WHEN it asks for %s THEN 401, before any token exchange, and nothing changes", async (_request, requestPath, init) => {
      const token = await adminToken(server, shop, claims);
      const response = await withToken(server, shop, requestPath, init, token);
      expect(response.status).toBe(401);
      // Resource routes answer the refusal as it is; Remix renders it for pages and `.data`.
      if (response.headers.get("Content-Type")?.startsWith("application/json")) expect(await response.json()).toMatchObject({ error: "invalid_session_token" });
      expect((await findShop(database.db, shop))?.launchedAt).not.toBeNull();
      const sessions = await database.db.selectFrom("Session").select("id").where("shop", "=", shop).execute();
      expect(sessions.map((session) => session.id).sort()).toEqual([`${shop}_${SANDBOX_STAFF_ID}`, `offline_${shop}`]);
    });
  });

  it.each(ADMIN_REQUESTS(shop).filter(([, , init]) => init.method === undefined))("GIVEN the staff member's admin session token WHEN it asks for %s THEN it is served", async (_request, requestPath, init) => {
    const response = await withToken(server, shop, requestPath, init, await adminToken(server, shop, { sub: SANDBOX_STAFF_ID }));
    expect(response.status).toBe(200);
  });
});

describe("admin routes in production accept only admin session tokens, even with a staff member's stored session", () => {
  const shop = "admin-tokens-production.myshopify.com";
  const running = useInstalledShopServer(shop);

  it.each(NOT_ADMIN(shop, String(USER_ID)))("GIVEN %s WHEN it asks for the members CSV THEN 401", async (_case, claims) => {
    const response = await adminFetch(running.server, shop, "/app/members/export.csv", {}, await adminToken(running.server, shop, claims));
    expect(response.status).toBe(401);
  });

  it("GIVEN the staff member's admin session token THEN the members CSV", async () => {
    expect((await adminFetch(running.server, shop, "/app/members/export.csv")).status).toBe(200);
  });
});
