import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { order, type Shop } from "../../loyalty/metrics/metric-fixtures";
import type { AdminGraphql } from "../../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { insertReportShop } from "../../test/report-orders";
import { installTestShop } from "../../test/shops";
import { exportSegments } from "./export-segments.server";
import { latestSegmentExportView, requestSegmentExport } from "./request-segment-export.server";
import { getSegmentsReport } from "./segments.server";

type Call = { readonly operation: string; readonly variables: Record<string, unknown> };
type Customer = { tags: Set<string>; metafields: Map<string, string> };

/**
 * Shopify's network edge for the export, simulated: customers with tags and metafields,
 * user errors for customers it does not know (or is told to refuse), and a THROTTLED
 * answer when asked to throttle the next call.
 */
function simulatedShopify(gids: readonly string[]) {
  const customers = new Map<string, Customer>(gids.map((gid) => [gid, { tags: new Set<string>(), metafields: new Map<string, string>() }]));
  const calls: Call[] = [];
  const refuse = new Set<string>();
  let throttleNext = 0;
  let afterCall: (call: Call) => void = () => undefined;
  const known = (gid: unknown) => (typeof gid === "string" && !refuse.has(gid) ? customers.get(gid) : undefined);
  const answer = (operation: string, variables: Record<string, unknown>) => {
    const list = (variables.metafields ?? []) as Array<{ ownerId: string; namespace: string; key: string; value?: string }>;
    const tags = (variables.tags ?? []) as string[];
    const userErrors = (field: string, message: string) => [{ field: [field], message }];
    switch (operation) {
      case "WafaSegmentTagsAdd":
      case "WafaSegmentTagsRemove": {
        const customer = known(variables.id);
        if (!customer) return { [operation.endsWith("Add") ? "tagsAdd" : "tagsRemove"]: { userErrors: userErrors("id", "Customer does not exist") } };
        for (const tag of tags) {
          if (operation.endsWith("Add")) customer.tags.add(tag);
          else customer.tags.delete(tag);
        }
        return { [operation.endsWith("Add") ? "tagsAdd" : "tagsRemove"]: { userErrors: [] } };
      }
      case "WafaSegmentMetafieldsSet": {
        // Atomic, as Shopify's: one unknown owner refuses the whole call.
        if (list.length > 25 || list.some((metafield) => !known(metafield.ownerId))) return { metafieldsSet: { userErrors: userErrors("ownerId", "Owner does not exist") } };
        for (const metafield of list) known(metafield.ownerId)?.metafields.set(`${metafield.namespace}.${metafield.key}`, metafield.value ?? "");
        return { metafieldsSet: { userErrors: [] } };
      }
      case "WafaSegmentMetafieldsDelete":
        for (const metafield of list) known(metafield.ownerId)?.metafields.delete(`${metafield.namespace}.${metafield.key}`);
        return { metafieldsDelete: { userErrors: [] } };
      default:
        throw new Error(`not simulated: ${operation}`);
    }
  };
  const admin: AdminGraphql = {
    async graphql(query, options) {
      const operation = /mutation (\w+)/.exec(query)?.[1] ?? "unknown";
      const call = { operation, variables: options?.variables ?? {} };
      const cost = { requestedQueryCost: 10, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 990, restoreRate: 50 } };
      if (throttleNext > 0) {
        throttleNext -= 1;
        const throttleStatus = { maximumAvailable: 1000, currentlyAvailable: 0, restoreRate: 50 };
        return Response.json({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: { cost: { requestedQueryCost: 10, throttleStatus } } });
      }
      calls.push(call);
      const data = answer(operation, call.variables);
      afterCall(call);
      return Response.json({ data, extensions: { cost } });
    },
  };
  return {
    admin,
    calls,
    refuse,
    throttle: (times: number) => (throttleNext = times),
    onCall: (listener: (call: Call) => void) => (afterCall = listener),
    /** Tags the customer carries before the export (the merchant's, or a stale one of Wafa's). */
    seedTags: (customerGid: string, tags: readonly string[]) => tags.forEach((tag) => customers.get(customerGid)?.tags.add(tag)),
    /** The tags and the rfm_segment metafield Shopify holds for a customer. */
    state: (gid: string) => ({ tags: [...(customers.get(gid)?.tags ?? [])].sort(), segment: customers.get(gid)?.metafields.get("$app.rfm_segment") ?? null }),
    /** The customers a set of calls wrote to. */
    customersIn: (from = 0) => [...new Set(calls.slice(from).flatMap((call) => (typeof call.variables.id === "string" ? [call.variables.id] : [])))].sort(),
  };
}

const gid = (id: string) => `gid://shopify/Customer/${id}`;
const FIRST_EXPORT = new Date("2026-04-01T10:00:00Z");

/**
 * Five customers, each better than the next in recency, frequency and money, so their RFM
 * scores are 15, 12, 9, 6, 3 (quintiles of five distinct values): A = the first ⌈20 % × 5⌉ = 1,
 * B = up to ⌈50 % × 5⌉ = 3, C = the rest.
 * - c1: 5 orders of 100.00, the last on 30 Mar → A
 * - c2: 4 of 80.00, the last on 20 Mar → B (and 3 of 200.00 on 10 Apr, after the first export)
 * - c3: 3 of 60.00, the last on 10 Mar → B
 * - c4: 2 of 40.00, the last on 20 Feb → C
 * - c5: 1 of 20.00 on 10 Jan → C
 */
const HAND_COMPUTED: Shop = {
  customers: [],
  orders: [
    ...["2026-01-05", "2026-02-01", "2026-03-01", "2026-03-15", "2026-03-30"].map((day) => order("c1", day, 10_000)),
    ...["2026-01-06", "2026-02-02", "2026-03-02", "2026-03-20"].map((day) => order("c2", day, 8_000)),
    ...["2026-04-10", "2026-04-10", "2026-04-10"].map((day) => order("c2", day, 20_000)),
    ...["2026-01-07", "2026-02-03", "2026-03-10"].map((day) => order("c3", day, 6_000)),
    ...["2026-01-08", "2026-02-20"].map((day) => order("c4", day, 4_000)),
    order("c5", "2026-01-10", 2_000),
  ],
};
const CUSTOMERS = ["c1", "c2", "c3", "c4", "c5"];

describe.each(DATABASE_KINDS)("exporting the RFM segments to Shopify on %s", (kind) => {
  let database: TestDatabase;
  let shops = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  async function arrangeShop(shop: Shop, ids: readonly string[]) {
    const domain = `segment-export-${kind}-${shops++}.myshopify.com`;
    const { id } = await installTestShop(database, domain);
    const rowIds = await insertReportShop(database, id, shop);
    const shopify = simulatedShopify(ids.map(gid));
    const run = (now: Date, extra: { signal?: AbortSignal } = {}) => exportSegments(database, async () => shopify.admin, { shopId: id, now, throttle: { sleep: async () => undefined }, ...extra });
    const request = async (now: Date) => {
      const requested = await requestSegmentExport(database, domain, { confirmed: true }, now);
      if (!requested.ok) throw new Error(requested.message);
    };
    return { domain, shopId: id, rowIds, shopify, run, request };
  }

  it("GIVEN the hand-computed shop WHEN the merchant exports THEN c1 is tagged A, c2 and c3 B, c4 and c5 C, with the metafield, other tags untouched, and the counts are the report's", async () => {
    const { domain, shopify, run, request } = await arrangeShop(HAND_COMPUTED, CUSTOMERS);
    // c1 carries a tag of the merchant's and a stale Wafa tag from before.
    shopify.seedTags(gid("c1"), ["vip", "wafa-rfm-c"]);
    await request(FIRST_EXPORT);
    expect(await latestSegmentExportView(database, domain)).toMatchObject({ status: "requested", written: 0 });

    expect(await run(FIRST_EXPORT)).toEqual({ processed: 5, complete: true });

    expect(CUSTOMERS.map((id) => ({ id, ...shopify.state(gid(id)) }))).toEqual([
      { id: "c1", tags: ["vip", "wafa-rfm-a"], segment: "A" },
      { id: "c2", tags: ["wafa-rfm-b"], segment: "B" },
      { id: "c3", tags: ["wafa-rfm-b"], segment: "B" },
      { id: "c4", tags: ["wafa-rfm-c"], segment: "C" },
      { id: "c5", tags: ["wafa-rfm-c"], segment: "C" },
    ]);
    const exported = await latestSegmentExportView(database, domain);
    expect(exported).toMatchObject({ status: "finished", segments: { A: 1, B: 2, C: 2 }, toWrite: 5, written: 5, refused: 0, error: null, finishedAt: FIRST_EXPORT.toISOString() });
    const report = await getSegmentsReport(database, domain, {}, FIRST_EXPORT);
    if (!report.ok) throw new Error(report.message);
    expect(report.value.segments.map((row) => [row.segment, row.customers])).toEqual([["A", 1], ["B", 2], ["C", 2]]);
    // Tags are written one customer at a time; the five metafields in one call.
    expect(shopify.calls.filter((call) => call.operation === "WafaSegmentMetafieldsSet")).toHaveLength(1);
  });

  it("GIVEN an export already written WHEN the merchant exports again with nothing changed THEN Shopify is not called at all", async () => {
    const { domain, shopify, run, request } = await arrangeShop(HAND_COMPUTED, CUSTOMERS);
    await request(FIRST_EXPORT);
    await run(FIRST_EXPORT);
    const before = shopify.calls.length;

    await request(new Date("2026-04-02T10:00:00Z"));
    expect(await run(new Date("2026-04-02T10:00:00Z"))).toEqual({ processed: 0, complete: true });

    expect(shopify.calls.length).toBe(before);
    expect(await latestSegmentExportView(database, domain)).toMatchObject({ status: "finished", segments: { A: 1, B: 2, C: 2 }, toWrite: 0, written: 0 });
  });

  it("GIVEN c2 buys three times after the export WHEN exported again THEN only c1 (A → B) and c2 (B → A) are written, and c2's B tag is removed", async () => {
    const { domain, shopify, run, request } = await arrangeShop(HAND_COMPUTED, CUSTOMERS);
    await request(FIRST_EXPORT);
    await run(FIRST_EXPORT);
    const before = shopify.calls.length;

    const later = new Date("2026-04-15T10:00:00Z");
    await request(later);
    expect(await run(later)).toEqual({ processed: 2, complete: true });

    expect(shopify.customersIn(before)).toEqual([gid("c1"), gid("c2")].sort());
    expect(shopify.state(gid("c2"))).toEqual({ tags: ["wafa-rfm-a"], segment: "A" });
    expect(shopify.state(gid("c1"))).toEqual({ tags: ["wafa-rfm-b"], segment: "B" });
    expect(await latestSegmentExportView(database, domain)).toMatchObject({ status: "finished", segments: { A: 1, B: 2, C: 2 }, toWrite: 2, written: 2 });
  });

  it("GIVEN c5's only order is cancelled WHEN exported again THEN c5 loses its tag and metafield, and c3 moves from B to C (four ranked: A 1, B 1, C 2)", async () => {
    const { shopId, rowIds, shopify, run, request } = await arrangeShop(HAND_COMPUTED, CUSTOMERS);
    await request(FIRST_EXPORT);
    await run(FIRST_EXPORT);
    const before = shopify.calls.length;
    await database.db.updateTable("Order").set({ cancelledAt: FIRST_EXPORT }).where("shopId", "=", shopId).where("customerId", "=", rowIds.get("c5") ?? -1).execute();

    const later = new Date("2026-04-02T10:00:00Z");
    await request(later);
    expect(await run(later)).toEqual({ processed: 2, complete: true });

    expect(shopify.customersIn(before)).toEqual([gid("c3"), gid("c5")]);
    expect(shopify.state(gid("c5"))).toEqual({ tags: [], segment: null });
    expect(shopify.state(gid("c3"))).toEqual({ tags: ["wafa-rfm-c"], segment: "C" });
    const stored = await database.db.selectFrom("CustomerSegmentExport").select("customerId").where("shopId", "=", shopId).execute();
    expect(stored.map((row) => row.customerId).sort((a, b) => a - b)).toEqual(["c1", "c2", "c3", "c4"].map((id) => rowIds.get(id) ?? 0).sort((a, b) => a - b));
  });

  it("GIVEN Shopify no longer knows c4 THEN the others are written, c4 is counted as refused with Shopify's message, and the next export tries c4 alone", async () => {
    const { domain, shopify, run, request } = await arrangeShop(HAND_COMPUTED, CUSTOMERS);
    shopify.refuse.add(gid("c4"));
    await request(FIRST_EXPORT);
    expect(await run(FIRST_EXPORT)).toEqual({ processed: 4, complete: true });
    expect(await latestSegmentExportView(database, domain)).toMatchObject({ status: "finished", toWrite: 5, written: 4, refused: 1, error: `${gid("c4")}: Customer does not exist` });
    expect(shopify.state(gid("c5"))).toEqual({ tags: ["wafa-rfm-c"], segment: "C" });

    shopify.refuse.delete(gid("c4"));
    const before = shopify.calls.length;
    await request(new Date("2026-04-02T10:00:00Z"));
    expect(await run(new Date("2026-04-02T10:00:00Z"))).toEqual({ processed: 1, complete: true });
    expect(shopify.customersIn(before)).toEqual([gid("c4")]);
  });

  it("GIVEN Shopify refuses every customer THEN the export stops as failed after 25 in a row, instead of calling for all of them", async () => {
    const ids = Array.from({ length: 60 }, (_, index) => `r${String(index).padStart(2, "0")}`);
    const { domain, shopify, run, request } = await arrangeShop({ customers: [], orders: ids.map((id) => order(id, "2026-03-01", 1_000)) }, []);
    await request(FIRST_EXPORT);
    expect(await run(FIRST_EXPORT)).toEqual({ processed: 0, complete: true });
    expect(await latestSegmentExportView(database, domain)).toMatchObject({ status: "failed", written: 0, refused: 25, error: expect.stringMatching(/refused 25 customers in a row/) });
    expect(shopify.customersIn()).toHaveLength(25);
  });

  it("GIVEN a run stopped after its first batch (shutdown) THEN the export stays running, and the next run writes only the customers left", async () => {
    const ids = Array.from({ length: 30 }, (_, index) => `s${String(index).padStart(2, "0")}`);
    const { domain, shopify, run, request } = await arrangeShop({ customers: [], orders: ids.map((id, index) => order(id, "2026-03-01", 1_000 + index)) }, ids);
    const stop = new AbortController();
    shopify.onCall((call) => {
      if (call.operation === "WafaSegmentMetafieldsSet") stop.abort();
    });
    await request(FIRST_EXPORT);
    expect(await run(FIRST_EXPORT, { signal: stop.signal })).toEqual({ processed: 25, complete: false });
    expect(await latestSegmentExportView(database, domain)).toMatchObject({ status: "running", toWrite: 30, written: 25 });
    const before = shopify.calls.length;

    const resumed = new Date("2026-04-01T10:05:00Z");
    expect(await run(resumed)).toEqual({ processed: 5, complete: true });
    expect(shopify.customersIn(before)).toHaveLength(5);
    expect(await latestSegmentExportView(database, domain)).toMatchObject({ status: "finished", toWrite: 30, written: 30, segments: { A: 6, B: 9, C: 15 } });
    expect(ids.every((id) => shopify.state(gid(id)).tags.length === 1)).toBe(true);
  });

  it("GIVEN Shopify throttles a call THEN the export waits for the bucket and retries it", async () => {
    const { shopify, shopId, request } = await arrangeShop(HAND_COMPUTED, CUSTOMERS);
    const waits: number[] = [];
    shopify.throttle(2);
    await request(FIRST_EXPORT);
    const result = await exportSegments(database, async () => shopify.admin, { shopId, now: FIRST_EXPORT, throttle: { sleep: async (ms) => void waits.push(ms) } });
    expect(result).toEqual({ processed: 5, complete: true });
    // 10 points needed, none available, 50 restored a second: 200 ms each time.
    expect(waits).toEqual([200, 200]);
    expect(shopify.state(gid("c1"))).toEqual({ tags: ["wafa-rfm-a"], segment: "A" });
  });

  it("GIVEN no confirmation, or an export already waiting THEN nothing new is recorded", async () => {
    const { domain } = await arrangeShop(HAND_COMPUTED, CUSTOMERS);
    expect(await requestSegmentExport(database, domain, { confirmed: false }, FIRST_EXPORT)).toMatchObject({ ok: false, error: "not_confirmed" });
    expect(await latestSegmentExportView(database, domain)).toBeNull();
    const first = await requestSegmentExport(database, domain, { confirmed: true }, FIRST_EXPORT);
    const second = await requestSegmentExport(database, domain, { confirmed: true }, new Date("2026-04-01T10:01:00Z"));
    expect(first).toMatchObject({ ok: true, value: { alreadyUnderWay: false, export: { status: "requested" } } });
    expect(second).toMatchObject({ ok: true, value: { alreadyUnderWay: true, export: { requestedAt: FIRST_EXPORT.toISOString() } } });
    expect(await requestSegmentExport(database, "missing.myshopify.com", { confirmed: true }, FIRST_EXPORT)).toMatchObject({ ok: false, error: "shop_not_found" });
  });
});
