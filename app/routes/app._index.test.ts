import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminFetch, loadRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { arrangeInstalledShop } from "../test/requests";

describe.each(DATABASE_KINDS)("the admin home through signed requests on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `home-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    server = await startAppServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GIVEN a staff member's session token THEN the home loader answers with the shop's program", async () => {
    const result = await loadRoute(server, shop, "/app", "routes/app._index");
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ overview: { shop: { domain: shop } } });
  });

  it("GIVEN another shop's member id THEN 404 as a route error with its status", async () => {
    const result = await loadRoute(server, shop, "/app/members/999999", "routes/app.members.$id");
    expect(result.status).toBe(404);
    expect(result.error).toMatchObject({ status: 404 });
  });

  it("GIVEN no session token THEN the data request is refused", async () => {
    const response = await fetch(new URL("/app.data?_routes=routes/app._index", server.url), { redirect: "manual" });
    expect([302, 401, 410]).toContain(response.status);
  });

  it("GIVEN a token signed with another secret THEN 401", async () => {
    const response = await adminFetch({ ...server, apiSecret: "not-the-secret" }, shop, "/app.data?_routes=routes/app._index");
    expect(response.status).toBe(401);
  });
});
