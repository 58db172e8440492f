import { describe, expect, it } from "vitest";
import { useInstalledShopServer } from "../test/installed-shop-server";
import { adminFetch, loadRoute } from "../test/admin-requests";
import { DATABASE_KINDS } from "../test/databases";

describe.each(DATABASE_KINDS)("the admin home through signed requests on %s", (kind) => {
  const shop = `home-${kind}.myshopify.com`;
  const running = useInstalledShopServer(shop, kind);

  it("GIVEN a staff member's session token THEN the home loader answers with the shop's program", async () => {
    const result = await loadRoute(running.server, shop, "/app", "routes/app._index");
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ overview: { shop: { domain: shop } } });
  });

  it("GIVEN another shop's member id THEN 404 as a route error with its status", async () => {
    const result = await loadRoute(running.server, shop, "/app/members/999999", "routes/app.members.$id");
    expect(result.status).toBe(404);
    expect(result.error).toMatchObject({ status: 404 });
  });

  it("GIVEN no session token THEN the data request is refused", async () => {
    const response = await fetch(new URL("/app.data?_routes=routes/app._index", running.server.url), { redirect: "manual" });
    expect([302, 401, 410]).toContain(response.status);
  });

  it("GIVEN a token signed with another secret THEN 401", async () => {
    const response = await adminFetch({ ...running.server, apiSecret: "not-the-secret" }, shop, "/app.data?_routes=routes/app._index");
    expect(response.status).toBe(401);
  });
});
