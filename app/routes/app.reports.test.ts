import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminFetch, loadRoute, submitRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, postWebhook } from "../test/requests";

type Order = { id: number; customerId: number | null; subtotal: string; processedAt: string; cancelledAt?: string; test?: boolean };

/**
 * A small shop whose March 2026 figures are computed by hand (UTC, 180-day window):
 * - A (7001): 50.00 on 10 Jan, 70.00 on 15 Mar, and a cancelled 500.00 on 20 Mar;
 * - B (7002): 30.00 on 20 Sep 2025 (active on 1 Mar, lapsed by 1 Apr: lost);
 * - C (7003): 20.00 on 5 Mar (new), and a 400.00 test order on 21 Mar;
 * - a guest: 90.00 on 10 Mar.
 */
const ORDERS: readonly Order[] = [
  { id: 91001, customerId: 7001, subtotal: "50.00", processedAt: "2026-01-10T12:00:00Z" },
  { id: 91002, customerId: 7001, subtotal: "70.00", processedAt: "2026-03-15T12:00:00Z" },
  { id: 91003, customerId: 7001, subtotal: "500.00", processedAt: "2026-03-20T12:00:00Z", cancelledAt: "2026-03-20T13:00:00Z" },
  { id: 91004, customerId: 7002, subtotal: "30.00", processedAt: "2025-09-20T12:00:00Z" },
  { id: 91005, customerId: 7003, subtotal: "20.00", processedAt: "2026-03-05T12:00:00Z" },
  { id: 91006, customerId: 7003, subtotal: "400.00", processedAt: "2026-03-21T12:00:00Z", test: true },
  { id: 91007, customerId: null, subtotal: "90.00", processedAt: "2026-03-10T12:00:00Z" },
];

const MARCH = "from=2026-03-01&to=2026-03-31";

async function sendOrders(server: AppServer, shop: string, orders: readonly Order[]) {
  for (const order of orders) {
    const body = orderPayload({ ...order, updatedAt: order.cancelledAt ?? order.processedAt, cancelledAt: order.cancelledAt ?? null });
    const response = await postWebhook(server, { shop, topic: "orders/paid", body });
    expect(response.status).toBe(200);
  }
}

async function json(server: AppServer, shop: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await adminFetch(server, shop, path);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function metric(body: Record<string, unknown>, id: string) {
  const metrics = body.metrics as Array<{ metric: string; current: { value: unknown; display: string | null }; previous: { display: string | null } }>;
  const found = metrics.find((entry) => entry.metric === id);
  if (!found) throw new Error(`no ${id} in the report`);
  return found;
}

describe.each(DATABASE_KINDS)("the reports' JSON exports and page through signed requests on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `reports-${kind}.myshopify.com`;
  const other = `reports-other-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    await arrangeInstalledShop(database, other);
    server = await startAppServer({ databaseUrl: database.url });
    await sendOrders(server, shop, ORDERS);
    // The same customer ids in another shop, with sales that would show if they leaked.
    await sendOrders(server, other, [
      { id: 92001, customerId: 7001, subtotal: "999.00", processedAt: "2026-03-02T12:00:00Z" },
      { id: 92002, customerId: 7002, subtotal: "111.00", processedAt: "2026-03-03T12:00:00Z" },
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GIVEN the hand-computed shop WHEN March's summary is exported THEN S = 2, E = 2, N = 1: retention 50 %, churn 50 %", async () => {
    const { status, body } = await json(server, shop, `/app/reports/summary.json?${MARCH}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ report: "summary", period: { first: "2026-03-01", last: "2026-03-31", previousFirst: "2026-02-01", previousLast: "2026-02-28" } });
    expect(body.flow).toMatchObject({ current: { atStart: 2, atEnd: 2, retained: 1, lost: 1, acquired: 1, acquiredFirstTime: 1 } });
    expect(metric(body, "customer-retention-rate").current).toEqual({ value: { numerator: 1, denominator: 2 }, display: "50.0%" });
    expect(metric(body, "customer-retention-rate").previous.display).toBe("100.0%");
    expect(metric(body, "churn-rate").current.display).toBe("50.0%");
  });

  it("GIVEN cancelled and test orders THEN they are left out: AOV = (70 + 20 + 90) / 3, frequency 2 / 2, repeat 0 of 2, lifetime repeat 1 of 3", async () => {
    const { body } = await json(server, shop, `/app/reports/summary.json?${MARCH}`);
    expect(metric(body, "average-order-value").current).toEqual({ value: { numerator: 18_000, denominator: 3 }, display: "$60.00" });
    expect(metric(body, "purchase-frequency").current).toEqual({ value: { numerator: 2, denominator: 2 }, display: "1.00" });
    expect(metric(body, "repeat-purchase-rate").current).toEqual({ value: { numerator: 0, denominator: 2 }, display: "0.0%" });
    expect(metric(body, "lifetime-repeat-purchase-rate").current).toEqual({ value: { numerator: 1, denominator: 3 }, display: "33.3%" });
    expect(metric(body, "historical-lifetime-value").current).toEqual({ value: { numerator: 17_000, denominator: 3 }, display: "$56.67" });
  });

  it("GIVEN the page's loader for the same period THEN its summary has the same numbers as the JSON export", async () => {
    const { body } = await json(server, shop, `/app/reports/summary.json?${MARCH}`);
    const page = await loadRoute(server, shop, `/app/reports?${MARCH}`, "routes/app.reports._index");
    expect(page.status).toBe(200);
    const data = page.data as { summary: Record<string, unknown> };
    expect(data.summary.metrics).toEqual(body.metrics);
    expect(data.summary.flow).toEqual(body.flow);
  });

  it("GIVEN the retention tab THEN the page's report equals retention.json, March's cohort has C only", async () => {
    const { body } = await json(server, shop, `/app/reports/retention.json?${MARCH}`);
    const page = await loadRoute(server, shop, `/app/reports?${MARCH}&tab=retention`, "routes/app.reports._index");
    expect((page.data as { report: unknown }).report).toEqual(body);
    expect(body.cohorts).toEqual([{ cohort: "2026-03", size: 1, cells: [{ monthsAfter: 0, month: "2026-03", customers: 1, rate: { numerator: 1, denominator: 1 }, partial: false }] }]);
  });

  it("GIVEN every report name THEN each export answers 200 with its own name", async () => {
    for (const name of ["summary", "retention", "members", "program", "segments", "goals", "loyalty-index", "feedback"]) {
      const { status, body } = await json(server, shop, `/app/reports/${name}.json?${MARCH}`);
      expect({ name, status, report: body.report }).toEqual({ name, status: 200, report: name });
    }
  });

  it("GIVEN members vs non-members THEN guests are their own line and the three shares add up to the period's net sales", async () => {
    const { body } = await json(server, shop, `/app/reports/members.json?${MARCH}`);
    const rows = body.members as Array<{ group: string; orders: number; netSales: { value: { numerator: number } } }>;
    expect(rows.map((row) => row.group)).toEqual(["Members", "Non-members", "Guest checkouts"]);
    expect(rows[2]).toMatchObject({ orders: 1, netSales: { value: { numerator: 9_000 } } });
    expect(rows.reduce((sum, row) => sum + row.netSales.value.numerator, 0)).toBe(18_000);
  });

  it("GIVEN the default program (1 point per 1.00, 100 points = 1.00) THEN March earned the 90 points of its orders, all 140 are outstanding at its end, a 1.40 liability", async () => {
    // Points are dated by their orders (docs/decisions/0021-ledger-dates.md), though every
    // journal above was recorded today: 70 + 20 in March, 50 in January, none in the last 30 days.
    const { status, body } = await json(server, shop, `/app/reports/program.json?${MARCH}`);
    expect(status).toBe(200);
    expect(metric(body, "points-earned").current.value).toEqual({ numerator: 90, denominator: 1 });
    const recent = await json(server, shop, "/app/reports/program.json");
    expect(metric(recent.body, "points-earned").current.value).toEqual({ numerator: 0, denominator: 1 });
    expect(metric(body, "points-redeemed").current.value).toEqual({ numerator: 0, denominator: 1 });
    expect(metric(body, "outstanding-points").current.display).toBe("140");
    expect(metric(body, "points-liability").current.display).toBe("$1.40");
    expect(metric(body, "redemption-rate").current.display).toBe("0.0%");
    expect(body).toMatchObject({ expectedRedemptionSource: "assumed", roi: [{ comparisonName: "Non-members" }, { comparisonName: "Members who have not redeemed" }] });
  });

  it("GIVEN no survey answers in March THEN feedback says so with 0 responses and no score, and the loyalty index leaves NPS out", async () => {
    const { body } = await json(server, shop, `/app/reports/feedback.json?${MARCH}`);
    expect(body).toMatchObject({ scores: { nps: { responses: 0, score: { display: null } }, csat: { responses: 0 }, ces: { responses: 0 } } });
    expect(String(body.message)).toMatch(/No survey responses in this period yet/);
    const index = await json(server, shop, `/app/reports/loyalty-index.json?${MARCH}`);
    expect(index.body.missing).toEqual(["nps"]);
  });

  it("GIVEN another shop with the same customer ids THEN neither shop's export shows the other's orders", async () => {
    const mine = await json(server, shop, `/app/reports/summary.json?${MARCH}`);
    const theirs = await json(server, other, `/app/reports/summary.json?${MARCH}`);
    expect(metric(mine.body, "average-order-value").current.value).toEqual({ numerator: 18_000, denominator: 3 });
    expect(metric(theirs.body, "average-order-value").current.value).toEqual({ numerator: 111_000, denominator: 2 });
    expect(metric(theirs.body, "historical-lifetime-value").current.value).toEqual({ numerator: 111_000, denominator: 2 });
  });

  it.each([
    ["a month 13", "/app/reports/summary.json?from=2026-13-01&to=2026-03-31", /from must be a date written YYYY-MM-DD/],
    ["words for a date", "/app/reports/program.json?from=yesterday", /from must be a date/],
    ["an end before the start", "/app/reports/summary.json?from=2026-03-31&to=2026-03-01", /end on or after the day it starts/],
    ["more than ten years", "/app/reports/summary.json?from=2000-01-01&to=2026-03-01", /at most 3660 days/],
    ["an unknown report", "/app/reports/nope.json", /no report named "nope".*summary, retention/],
  ])("GIVEN %s THEN 400 with a message that says what is wrong", async (_case, path, message) => {
    const { status, body } = await json(server, shop, path);
    expect(status).toBe(400);
    expect(String(body.message)).toMatch(message);
  });

  it("GIVEN no session token THEN the export is refused and shows nothing", async () => {
    const response = await fetch(new URL(`/app/reports/summary.json?${MARCH}`, server.url), { redirect: "manual" });
    expect([302, 401, 410]).toContain(response.status);
    expect(await response.text()).not.toContain("numerator");
  });

  it("GIVEN a goal of 40 % retention WHEN it is saved on the page THEN goals.json shows it met at 50 %", async () => {
    const saved = await submitRoute(server, shop, "/app/reports?index", { intent: "save-goal", metric: "customer-retention-rate", target: "40" });
    expect(saved).toMatchObject({ status: 200, data: { ok: true } });
    const refused = await submitRoute(server, shop, "/app/reports?index", { intent: "save-goal", metric: "customer-retention-rate", target: "140" });
    expect(refused).toMatchObject({ status: 400, data: { ok: false, message: "A rate target can be at most 100 %." } });
    const { body } = await json(server, shop, `/app/reports/goals.json?${MARCH}`);
    expect(body.goals).toEqual([
      expect.objectContaining({ metric: "customer-retention-rate", met: true, progressPercent: 100, target: { value: { numerator: 2, denominator: 5 }, display: "40.0%" } }),
    ]);
    const theirs = await json(server, other, `/app/reports/goals.json?${MARCH}`);
    expect(theirs.body.goals).toEqual([]);
  });
});
