import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findShop } from "../repositories/shops.server";
import { exportSegments } from "../services/reports/export-segments.server";
import type { AdminGraphql } from "../shopify/admin/shop-details.server";
import { adminFetch, loadRoute, submitRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, postWebhook } from "../test/requests";

const EXPORT_ROUTE = "/app/reports/segment-export";
const ROUTE_ID = "routes/app.reports.segment-export";

/** Shopify's Admin API edge for the export run in the test's process: every customer exists and accepts its tag and metafield. */
const acceptingShopify: AdminGraphql = {
  async graphql(query) {
    const root = /mutation WafaSegment(TagsAdd|TagsRemove|MetafieldsSet|MetafieldsDelete)/.exec(query)?.[1] ?? "";
    const field = { TagsAdd: "tagsAdd", TagsRemove: "tagsRemove", MetafieldsSet: "metafieldsSet", MetafieldsDelete: "metafieldsDelete" }[root];
    if (!field) throw new Error(`unexpected Admin call: ${query}`);
    return Response.json({ data: { [field]: { userErrors: [] } } });
  },
};

describe.each(DATABASE_KINDS)("exporting the segments to Shopify through signed requests on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `segment-export-route-${kind}.myshopify.com`;
  const other = `segment-export-other-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    await arrangeInstalledShop(database, other);
    server = await startAppServer({ databaseUrl: database.url });
    const recent = new Date(Date.now() - 3 * 86_400_000).toISOString();
    for (const [id, customerId, subtotal] of [[93001, 8001, "90.00"], [93002, 8002, "40.00"], [93003, 8003, "10.00"], [93004, 8001, "20.00"]] as const) {
      const body = orderPayload({ id, customerId, subtotal, processedAt: recent, updatedAt: recent, cancelledAt: null });
      expect((await postWebhook(server, { shop, topic: "orders/paid", body })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GIVEN no confirmation THEN 400 with what the export would do, and nothing is recorded", async () => {
    const refused = await submitRoute(server, shop, EXPORT_ROUTE, { intent: "export-segments" });
    expect(refused).toMatchObject({ status: 400, data: { ok: false, message: expect.stringMatching(/Confirm the export first/) } });
    const unreadable = await submitRoute(server, shop, EXPORT_ROUTE, { intent: "delete-everything", confirmed: "yes" });
    expect(unreadable).toMatchObject({ status: 400, data: { ok: false } });
    expect(await loadRoute(server, shop, EXPORT_ROUTE, ROUTE_ID)).toMatchObject({ status: 200, data: { export: null } });
  });

  it("GIVEN the merchant confirms THEN the export is requested once, the Segments tab shows it, and another shop sees nothing", async () => {
    const requested = await submitRoute(server, shop, EXPORT_ROUTE, { intent: "export-segments", confirmed: "yes" });
    expect(requested).toMatchObject({ status: 200, data: { ok: true, export: { status: "requested", written: 0 } } });
    const again = await submitRoute(server, shop, EXPORT_ROUTE, { intent: "export-segments", confirmed: "yes" });
    expect(again).toMatchObject({ status: 200, data: { ok: true, message: expect.stringMatching(/already under way/) } });
    expect(await database.db.selectFrom("SegmentExport").select("id").execute()).toHaveLength(1);

    const tab = await loadRoute(server, shop, "/app/reports?tab=segments", "routes/app.reports._index");
    expect(tab).toMatchObject({ status: 200, data: { tab: "segments", segmentExport: { status: "requested" } } });
    expect(await loadRoute(server, other, EXPORT_ROUTE, ROUTE_ID)).toMatchObject({ status: 200, data: { export: null } });
  });

  it("GIVEN the Segments tab's page THEN the server renders the export card with its progress", async () => {
    const response = await adminFetch(server, shop, "/app/reports?tab=segments");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Export segments to Shopify");
    expect(html).toContain("Waiting to start");
  });

  it("GIVEN the export job has run THEN its progress shows the same segment sizes as segments.json", async () => {
    const installed = await findShop(database.db, shop);
    if (!installed) throw new Error("the shop is not installed");
    expect(await exportSegments(database, async () => acceptingShopify, { shopId: installed.id, now: new Date() })).toEqual({ processed: 3, complete: true });

    const report = (await (await adminFetch(server, shop, "/app/reports/segments.json")).json()) as { segments: Array<{ segment: string; customers: number }> };
    const progress = await loadRoute(server, shop, EXPORT_ROUTE, ROUTE_ID);
    expect(progress).toMatchObject({ status: 200, data: { export: { status: "finished", toWrite: 3, written: 3, refused: 0 } } });
    const { segments } = (progress.data as { export: { segments: Record<string, number> } }).export;
    expect(report.segments.map((row) => [row.segment, row.customers])).toEqual([["A", 1], ["B", 1], ["C", 1]]);
    expect(Object.entries(segments)).toEqual(report.segments.map((row) => [row.segment, row.customers]));
  });
});
