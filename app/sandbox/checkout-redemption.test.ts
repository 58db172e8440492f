import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redemptionJournals } from "../test/redemption-journals";
import { defaultProgramRules, type Reward } from "../loyalty/program/program";
import { addProgramVersion } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { submitRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { extensionToken } from "../test/requests";
import { expectProjectionMatchesLedger } from "../test/shops";
import { SANDBOX_BROWSER } from "./boot.server";
import { DEMO_PRODUCTS } from "./store/catalogue";
import { emittedProblems } from "./store/emitted-invariants";
import { orderPayload } from "./store/payloads";
import { SandboxStore } from "./store/store";

// A redemption end to end through the sandbox, with nothing stubbed between the shopper and
// the ledger: the member redeems over HTTP (a checkout session token), the app writes the
// reservation to the simulated customer metafield, the simulated store's checkout runs the
// shop's automatic discount through the discount Function's built Wasm, the order's signed
// webhooks carry the discount, and Wafa matches and commits the redemption.

const common = (): Pick<Reward, "enabled" | "conditions" | "tierIds" | "limit"> => ({ enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null });
const TEN_OFF: Reward = { ...common(), id: "ten-off", name: "$10 off", kind: "fixed_amount", cost: 100, amountMinor: 1000 };
const FREE_SHIPPING: Reward = { ...common(), id: "free-shipping", name: "Free shipping", kind: "free_shipping", cost: 50, maxShippingMinor: null };

const TEE = DEMO_PRODUCTS.find((product) => product.sku === "TEE-ORG")!;
const DUFFEL = DEMO_PRODUCTS.find((product) => product.sku === "BAG-DUF")!;
const HOUR = 60 * 60 * 1000;

type Json = Record<string, unknown>;
type CommandAnswer = { ok: boolean; error?: string; orderId?: string; customerId?: string; deliveries?: Array<{ topic: string; status: number }> };

describe.each(DATABASE_KINDS)("a reward redeemed and used at the simulated checkout on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let stateDir: string;
  let shopId: number;
  const shop = `checkout-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    stateDir = mkdtempSync(path.join(tmpdir(), "wafa-checkout-"));
    server = await startAppServer({
      databaseUrl: database.url,
      // Jobs on: launching asks for the job that creates the shop's Wafa discount at once.
      env: { NODE_ENV: "development", WAFA_SANDBOX: "1", WAFA_JOBS: "on", SANDBOX_SHOP: shop, SANDBOX_SEED: "none", SANDBOX_STATE_DIR: stateDir, SHOPIFY_API_KEY: "checkout-test-key", SHOPIFY_API_SECRET: "checkout-test-secret" },
    });
    for (let attempt = 0; attempt < 200 && !server.output().includes("sandbox is ready"); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    const record = await findShop(database.db, shop);
    if (!record) throw new Error(`the sandbox did not install ${shop}:\n${server.output()}`);
    shopId = record.id;
    await addProgramVersion(database.db, shopId, { rules: { ...defaultProgramRules("USD"), rewards: [TEN_OFF, FREE_SHIPPING] }, effectiveAt: new Date(Date.now() - HOUR), createdBy: "test" }, new Date());
    // The merchant launches the program: only then does the shop get the automatic discount that runs the Function.
    expect(await submitRoute(server, shop, "/app/launch", { intent: "launch" })).toMatchObject({ status: 200, data: { status: "live" } });
    for (let attempt = 0; attempt < 150 && !(await discountCreated()); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!(await discountCreated())) throw new Error(`the launch created no Wafa discount:\n${server.output()}`);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  /** What the simulated Admin API holds: the discount's variables metafield appears when the discount is created. */
  async function metafields(): Promise<Array<{ ownerId: string; key: string; value: string }>> {
    const response = await fetch(new URL("/sandbox/redemptions", server.url));
    return ((await response.json()) as { metafields: Array<{ ownerId: string; key: string; value: string }> }).metafields;
  }
  const discountCreated = async () => (await metafields()).some((field) => field.ownerId.startsWith("gid://shopify/DiscountAutomaticNode/") && field.key === "function-variables");
  const reservations = async (customerGid: string) => {
    const field = (await metafields()).find((entry) => entry.ownerId === customerGid && entry.key === "reservation");
    return field ? (JSON.parse(field.value) as { reservations: Array<{ title: string }> }).reservations : [];
  };

  async function command(body: Json): Promise<CommandAnswer> {
    const response = await fetch(new URL("/sandbox/api", server.url), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = (await response.json()) as CommandAnswer;
    expect(answer.ok, answer.error).toBe(true);
    expect(answer.deliveries?.every((delivery) => delivery.status === 200)).toBe(true);
    return answer;
  }

  /** A new member with `dollars` points (the default program: 1 point per $1 of a paid order). */
  async function member(name: string, duffels: number): Promise<{ customerId: string; gid: string }> {
    const { customerId } = await command({ command: "create-customer", firstName: name, lastName: "Checkout", email: `${name.toLowerCase()}-${kind}@example.com` });
    if (!customerId) throw new Error("create-customer answered no customer id");
    await command({ command: "place-order", customerId, productId: DUFFEL.productId, quantity: duffels, paid: true });
    return { customerId, gid: `gid://shopify/Customer/${customerId}` };
  }

  async function redeem(customerGid: string, rewardId: string, idempotencyKey: string): Promise<Json> {
    const response = await fetch(new URL("/api/redemptions", server.url), {
      method: "POST",
      headers: {
        Origin: "https://extensions.shopifycdn.com", "User-Agent": SANDBOX_BROWSER, "Content-Type": "application/json",
        Authorization: `Bearer ${await extensionToken(server, shop, customerGid)}`, "Idempotency-Key": idempotencyKey,
      },
      body: JSON.stringify({ rewardId }),
    });
    const body = (await response.json()) as Json;
    expect(response.status, JSON.stringify(body)).toBe(201);
    return body;
  }

  /** The order as its latest webhook carried it: rendered from the store's saved state by the function that rendered the webhook. */
  function sentOrder(orderId: string): Json & { line_items: Json[]; shipping_lines: Json[] } {
    const [file] = readdirSync(stateDir).filter((name) => name.endsWith(".json"));
    const saved = JSON.parse(readFileSync(path.join(stateDir, file ?? ""), "utf8")) as { store: unknown };
    const state = SandboxStore.fromJSON(saved.store).toJSON();
    const order = state.orders.find((candidate) => String(candidate.id) === orderId);
    if (!order) throw new Error(`no order ${orderId} in the saved store`);
    const customer = state.customers.find((candidate) => candidate.id === order.customerId) ?? null;
    return orderPayload(order, customer, state.currency) as Json & { line_items: Json[]; shipping_lines: Json[] };
  }

  const balance = (customerGid: string) =>
    database.db.selectFrom("Customer").select(["pointsAvailable", "pointsHeld"]).where("shopId", "=", shopId).where("customerGid", "=", customerGid).executeTakeFirstOrThrow();

  const redemption = (idempotencyKey: string) =>
    database.db.selectFrom("Redemption").select(["redemptionKey", "status", "orderGid"]).where("shopId", "=", shopId).where("idempotencyKey", "=", idempotencyKey).executeTakeFirstOrThrow();

  const journals = (redemptionKey: string) => redemptionJournals(database, shopId, redemptionKey);

  it("GIVEN a member who redeemed $10 off WHEN the store places their order THEN the Function's discount is on it, exactly $10 comes off, and paying commits the points once", async () => {
    const ada = await member("Ada", 2);
    expect(await balance(ada.gid)).toEqual({ pointsAvailable: 330, pointsHeld: 0 });
    expect(await redeem(ada.gid, "ten-off", "checkout-ten-1")).toMatchObject({ status: "materialised", points: 100 });
    expect(await reservations(ada.gid)).toMatchObject([{ title: "$10 off" }]);

    const placed = await command({ command: "place-order", customerId: ada.customerId, productId: TEE.productId, quantity: 2, paid: false });
    expect(placed.deliveries?.map((delivery) => delivery.topic)).toEqual(["orders/create"]);
    const order = sentOrder(placed.orderId ?? "");
    expect(order.discount_applications).toEqual([
      { type: "automatic", title: "$10 off", value: "10.0", value_type: "fixed_amount", allocation_method: "across", target_selection: "all", target_type: "line_item" },
    ]);
    expect(order.line_items.map((line) => line.discount_allocations)).toEqual([
      [{ amount: "10.00", amount_set: { shop_money: { amount: "10.00", currency_code: "USD" }, presentment_money: { amount: "10.00", currency_code: "USD" } }, discount_application_index: 0 }],
    ]);
    expect(order).toMatchObject({ total_line_items_price: "56.00", subtotal_price: "46.00", total_discounts: "10.00", total_price: "46.00", current_total_price: "46.00" });
    expect(emittedProblems([{ topic: "orders/create", payload: order, at: new Date() }])).toEqual([]);
    // Carried by an unpaid order: applied, and off the Function's list so it cannot apply twice.
    expect(await redemption("checkout-ten-1")).toMatchObject({ status: "applied", orderGid: `gid://shopify/Order/${placed.orderId}` });
    expect(await reservations(ada.gid)).toEqual([]);

    await command({ command: "pay", orderId: placed.orderId });
    const stored = await redemption("checkout-ten-1");
    expect(stored.status).toBe("committed");
    expect(await journals(stored.redemptionKey)).toEqual([
      "hold redeem member.available -100", "hold redeem member.held 100",
      "settle redeem member.held -100", "settle redeem program.redeemed 100",
    ]);
    // 330 − 100 spent + 46 earned on what the order cost.
    expect(await balance(ada.gid)).toEqual({ pointsAvailable: 276, pointsHeld: 0 });

    const next = await command({ command: "place-order", customerId: ada.customerId, productId: TEE.productId, quantity: 1, paid: true });
    expect(sentOrder(next.orderId ?? "")).toMatchObject({ discount_applications: [], total_price: "28.00" });
    expect(await balance(ada.gid)).toEqual({ pointsAvailable: 304, pointsHeld: 0 });
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN a member who redeemed free shipping WHEN their order ships and is paid at checkout THEN the shipping line is free and the redemption committed", async () => {
    const omar = await member("Omar", 1);
    await redeem(omar.gid, "free-shipping", "checkout-ship-1");
    const placed = await command({ command: "place-order", customerId: omar.customerId, productId: TEE.productId, quantity: 2, paid: true, shippingPrice: "6.95" });
    expect(placed.deliveries?.map((delivery) => delivery.topic)).toEqual(["orders/create", "orders/paid"]);
    const order = sentOrder(placed.orderId ?? "");
    expect(order.discount_applications).toEqual([
      { type: "automatic", title: "Free shipping", value: "100.0", value_type: "percentage", allocation_method: "each", target_selection: "all", target_type: "shipping_line" },
    ]);
    expect(order.shipping_lines[0]).toMatchObject({ price: "6.95", discounted_price: "0.00", discount_allocations: [{ amount: "6.95", discount_application_index: 0 }] });
    expect(order).toMatchObject({ subtotal_price: "56.00", total_discounts: "6.95", total_price: "56.00" });
    expect((await redemption("checkout-ship-1")).status).toBe("committed");
    // 165 − 50 + 56 (shipping earns nothing in the default program).
    expect(await balance(omar.gid)).toEqual({ pointsAvailable: 171, pointsHeld: 0 });
  });

  it("GIVEN the simulated store's page THEN a placed order shows the discount the Function applied", async () => {
    const html = await (await fetch(new URL("/sandbox", server.url))).text();
    expect(html).toContain("Checkout runs Wafa&#x27;s discount Function");
    expect(html).toContain("$10 off −10.00 (automatic)");
    expect(html).toContain("Free shipping −6.95 (automatic)");
  });
});
