import { describe, expect, it } from "vitest";
import { useInstalledShopServer } from "../test/installed-shop-server";
import { adminFetch } from "../test/admin-requests";

describe("a cross-origin form post to the admin through the production server", () => {
  const shop = "cross-origin.myshopify.com";
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const adjust = "intent=adjust&points=10&reason=csrf&idempotencyKey=cross-origin-test";
  const running = useInstalledShopServer(shop);

  it.each([
    ["a page's action as a document", "/app/members/1", "https://evil.example"],
    ["a page's action through single fetch", "/app/members/1.data", "https://evil.example"],
    ["an opaque origin (Origin: null)", "/app/members/1.data", "null"],
    ["an origin that is not a URL", "/app/settings", "not a url"],
  ])("GIVEN %s WHEN posted from another origin THEN 403, and the action does not run", async (_case, path, origin) => {
    const response = await adminFetch(running.server, shop, path, { method: "POST", headers: { ...form, Origin: origin }, body: adjust });
    expect(response.status).toBe(403);
    expect(await running.database.db.selectFrom("LedgerJournal").select("key").where("key", "like", "%cross-origin-test").execute()).toEqual([]);
  });

  it("GIVEN the app's own origin THEN the post reaches the route", async () => {
    const response = await adminFetch(running.server, shop, "/app/members/999999.data", { method: "POST", headers: { ...form, Origin: running.server.url }, body: adjust });
    expect(response.status).toBe(404);
  });

  it("GIVEN a resource route called cross-origin (as UI extensions do) THEN it is not refused as a form post", async () => {
    const response = await fetch(new URL("/api/redemptions/some-key", running.server.url), {
      method: "DELETE",
      headers: { Origin: "https://extensions.shopifycdn.com", "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" },
    });
    expect(response.status).toBe(401);
  });
});
