import { describe, expect, it } from "vitest";
import { OrderPayload } from "../../shopify/payloads/order";
import { emittedProblems } from "./emitted-invariants";
import { demoPrice, seedDemoHistory } from "./seed";
import { SandboxStore, type Emitted } from "./store";

const END = new Date("2026-06-01T00:00:00Z");
const YEAR_MS = 365 * 24 * 3600 * 1000;
const DEFAULTS = { seed: 2026, customers: 300, months: 12, endAt: END };

function seeded(options = DEFAULTS, currency = "USD") {
  const store = SandboxStore.empty({ shopDomain: "wafa-sandbox.myshopify.com", currency });
  const emitted = seedDemoHistory(store, options);
  return { store, emitted };
}

const demo = seeded();
const orderPayloads = (emitted: readonly Emitted[], topic: Emitted["topic"]) =>
  emitted.filter((webhook) => webhook.topic === topic).map((webhook) => OrderPayload.parse(webhook.payload));
const share = (part: number, whole: number) => part / whole;

describe("the demo history (300 customers, 12 months)", () => {
  const orders = demo.store.orders();

  it("GIVEN the seed THEN every webhook is valid for Wafa and holds its invariants", () => {
    expect(emittedProblems(demo.emitted)).toEqual([]);
  });

  it("GIVEN the seed THEN webhooks come out in chronological order, inside the 365-day program window", () => {
    const times = demo.emitted.map((webhook) => webhook.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(END.getTime() - YEAR_MS);
    expect(Math.max(...times)).toBeLessThanOrEqual(END.getTime());
    for (const payload of orderPayloads(demo.emitted, "orders/create")) {
      expect(payload.created_at.getTime()).toBeGreaterThanOrEqual(END.getTime() - YEAR_MS);
    }
  });

  it("GIVEN the seed THEN customers sign up before their first order, across the window", () => {
    const created = demo.emitted.filter((webhook) => webhook.topic === "customers/create");
    expect(created).toHaveLength(300);
    const signedUp = new Set<string>();
    for (const webhook of demo.emitted) {
      if (webhook.topic === "customers/create") signedUp.add(String(webhook.payload.admin_graphql_api_id));
      if (webhook.topic === "orders/create") {
        const customer = OrderPayload.parse(webhook.payload).customer;
        if (customer) expect(signedUp.has(customer.admin_graphql_api_id)).toBe(true);
      }
    }
    const lastSignup = created.at(-1)?.at.getTime() ?? 0;
    expect(lastSignup).toBeGreaterThan(END.getTime() - YEAR_MS / 4);
  });

  it("GIVEN the seed THEN it holds 800–2,000 orders, most customers coming back, about 10 % guests", () => {
    expect(orders.length).toBeGreaterThanOrEqual(800);
    expect(orders.length).toBeLessThanOrEqual(2_000);
    expect(share(orders.filter((order) => order.customerId === null).length, orders.length)).toBeGreaterThan(0.06);
    expect(share(orders.filter((order) => order.customerId === null).length, orders.length)).toBeLessThan(0.14);
    const perCustomer = new Map<string, number>();
    for (const order of orders) if (order.customerId) perCustomer.set(order.customerId, (perCustomer.get(order.customerId) ?? 0) + 1);
    const counts = [...perCustomer.values()];
    expect(share(counts.filter((count) => count >= 2).length, counts.length)).toBeGreaterThan(0.5);
    expect(share(counts.filter((count) => count <= 6).length, counts.length)).toBeGreaterThan(0.8);
    expect(Math.max(...counts)).toBeLessThanOrEqual(15);
  });

  it("GIVEN the seed THEN about 8 % of orders are partly refunded and about 3 % cancelled with a refund", () => {
    const partlyRefunded = orders.filter((order) => order.cancelledAt === null && order.refunds.length > 0);
    const cancelledRefunded = orders.filter((order) => order.cancelledAt !== null && order.financialStatus === "refunded");
    expect(share(partlyRefunded.length, orders.length)).toBeGreaterThan(0.05);
    expect(share(partlyRefunded.length, orders.length)).toBeLessThan(0.12);
    expect(partlyRefunded.every((order) => order.financialStatus === "partially_refunded")).toBe(true);
    expect(share(cancelledRefunded.length, orders.length)).toBeGreaterThan(0.015);
    expect(share(cancelledRefunded.length, orders.length)).toBeLessThan(0.06);
  });

  it("GIVEN the seed THEN some orders were paid later, some voided, some edited, a few are tests", () => {
    const createdPending = orderPayloads(demo.emitted, "orders/create").filter((order) => order.financial_status === "pending");
    const paidLater = createdPending.filter((order) => orders.find((summary) => summary.gid === order.admin_graphql_api_id)?.financialStatus !== "pending");
    expect(createdPending.length).toBeGreaterThan(20);
    expect(paidLater.length).toBeGreaterThan(createdPending.length / 2);
    expect(orders.filter((order) => order.financialStatus === "voided").length).toBeGreaterThan(0);
    const linesAtCreation = new Map(orderPayloads(demo.emitted, "orders/create").map((order) => [order.admin_graphql_api_id, order.line_items.length]));
    const edited = orders.filter((order) => order.lines.some((line) => line.removedQuantity > 0) || order.lines.length > (linesAtCreation.get(order.gid) ?? 0));
    expect(edited.length).toBeGreaterThan(5);
    const tests = orders.filter((order) => order.test).length;
    expect(tests).toBeGreaterThan(0);
    expect(tests).toBeLessThan(20);
  });

  it("GIVEN the seed THEN it sells a catalogue with a gift card, and uses discount codes", () => {
    const products = new Set(orders.flatMap((order) => order.lines.map((line) => line.title)));
    expect(products.size).toBeGreaterThanOrEqual(18);
    expect(orders.some((order) => order.lines.some((line) => line.giftCard))).toBe(true);
    const codes = new Set(orders.map((order) => order.discountCode));
    expect(codes).toContain("WELCOME10");
    expect(share(orders.filter((order) => order.discountCode !== null).length, orders.length)).toBeGreaterThan(0.05);
  });

  it("GIVEN the seed THEN the catalogue arrives first as products/create, with the tags a program can exclude", () => {
    const created = demo.emitted.filter((webhook) => webhook.topic === "products/create");
    expect(created).toHaveLength(20);
    expect(demo.emitted.slice(0, 20).every((webhook) => webhook.topic === "products/create")).toBe(true);
    expect(created.map((webhook) => webhook.payload.tags)).toContain("gift-card");
    expect(created.map((webhook) => webhook.payload.tags)).toContain("consumable, coffee");
  });

  it("GIVEN the seed THEN customers sometimes update their details and guests sometimes claim their orders", () => {
    expect(demo.emitted.filter((webhook) => webhook.topic === "customers/update").length).toBeGreaterThan(0);
    const guestAtCreation = new Set(orderPayloads(demo.emitted, "orders/create").filter((order) => order.customer === null).map((order) => order.admin_graphql_api_id));
    expect(orders.some((order) => guestAtCreation.has(order.gid) && order.customerId !== null)).toBe(true);
  });
});

describe("seeding", () => {
  it("GIVEN the same seed twice THEN the history is identical; another seed gives another", () => {
    const again = seeded();
    expect(again.emitted).toEqual(demo.emitted);
    expect(again.store.toJSON()).toEqual(demo.store.toJSON());
    expect(seeded({ ...DEFAULTS, seed: 7 }).emitted).not.toEqual(demo.emitted);
  });

  it("GIVEN a store that already has customers THEN seeding again adds new, distinct ones", () => {
    const { store } = seeded({ ...DEFAULTS, customers: 20, months: 2 });
    const more = seedDemoHistory(store, { ...DEFAULTS, customers: 20, months: 2 });
    expect(store.customers()).toHaveLength(40);
    expect(new Set(store.customers().map((customer) => customer.email)).size).toBe(40);
    expect(more.length).toBeGreaterThan(20);
  });

  it("GIVEN a yen shop THEN prices are whole yen and every payload is still exact", () => {
    const { store, emitted } = seeded({ ...DEFAULTS, customers: 40, months: 3 }, "JPY");
    expect(emittedProblems(emitted)).toEqual([]);
    expect(store.orders().flatMap((order) => order.lines).every((line) => /^\d+$/.test(line.unitPrice))).toBe(true);
  });

  it.each([
    ["USD", 1950, "19.50"],
    ["JPY", 1950, "1950"],
    ["KWD", 1950, "19.500"],
  ])("GIVEN a %s shop THEN a 19.50 catalogue price reads %s", (currency, cents, price) => {
    expect(demoPrice(cents, currency)).toBe(price);
  });

  it("GIVEN invalid options THEN seeding refuses to start", () => {
    const store = SandboxStore.empty({ shopDomain: "s.myshopify.com", currency: "USD" });
    expect(() => seedDemoHistory(store, { ...DEFAULTS, months: 0 })).toThrow();
    expect(() => seedDemoHistory(store, { ...DEFAULTS, customers: 1.5 })).toThrow();
    expect(() => seedDemoHistory(store, { ...DEFAULTS, endAt: new Date("nope") })).toThrow();
    expect(store.customers()).toEqual([]);
  });
});
