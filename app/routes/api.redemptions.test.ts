import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redemptionJournals } from "../test/redemption-journals";
import { defaultProgramRules, type ProgramRules, type Reward } from "../loyalty/program/program";
import { addProgramVersion } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { SANDBOX_BROWSER } from "../sandbox/boot.server";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { extensionToken, postWebhook } from "../test/requests";
import { expectProjectionMatchesLedger } from "../test/shops";

// The redemption endpoints through the real server, with the sandbox standing in for
// Shopify's network edge: every Admin API call (metafields, codes, store credit) is answered
// by the sandbox in the server's process, whose state GET /sandbox/redemptions shows.

const common = (): Pick<Reward, "enabled" | "conditions" | "tierIds" | "limit"> => ({ enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null });
const TEN_OFF: Reward = { ...common(), id: "ten-off", name: "$10 off", kind: "fixed_amount", cost: 100, amountMinor: 1000 };
const CREDIT: Reward = { ...common(), id: "credit-10", name: "$10 store credit", kind: "store_credit", cost: 100, amountMinor: 1000 };
const BIG: Reward = { ...common(), id: "big-credit", name: "$50 store credit", kind: "store_credit", cost: 500, amountMinor: 5000 };
const RETIRED: Reward = { ...common(), id: "retired", name: "Old reward", kind: "store_credit", cost: 10, amountMinor: 100, enabled: false };
const FREE_SHIPPING: Reward = { ...common(), id: "free-shipping", name: "Free shipping", kind: "free_shipping", cost: 50, maxShippingMinor: null };
const SALE: Reward = { ...common(), id: "sale-20", name: "20% off sale items", kind: "percentage", cost: 100, percent: 20, conditions: { minimumOrderMinor: 0, collectionIds: ["gid://shopify/Collection/9"] } };
const GOLD_ONLY: Reward = { ...common(), id: "gold-only", name: "Gold credit", kind: "store_credit", cost: 10, amountMinor: 100, tierIds: ["gold"] };

// Gold is out of reach here (a million dollars of spend), so no member is Gold; tiers change no earning.
const perks = { earnMultiplierPercent: 100, earlyAccess: false };
const TIERS: ProgramRules["tiers"] = {
  enabled: true, metric: "spend", window: "rolling_12_months", downgradeGraceDays: 30,
  levels: [{ id: "member", name: "Member", threshold: 0, entryBonusPoints: 0, perks }, { id: "gold", name: "Gold", threshold: 100_000_000, entryBonusPoints: 0, perks }],
};

const HOUR = 60 * 60 * 1000;

type Json = Record<string, unknown>;
type SandboxState = {
  metafields: Array<{ ownerId: string; namespace: string; key: string; value: string }>;
  codes: Array<{ id: string; code: string; customers: string[] }>;
  credits: Array<{ id: string; customer: string; amount: string; currencyCode: string }>;
};

describe.each(DATABASE_KINDS)("redeeming points through the server on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let stateDir: string;
  let shopId: number;
  const shop = `redeem-${kind}.myshopify.com`;
  let orderId = 50_000;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    stateDir = mkdtempSync(path.join(tmpdir(), "wafa-redeem-"));
    server = await startAppServer({
      databaseUrl: database.url,
      env: { NODE_ENV: "development", WAFA_SANDBOX: "1", SANDBOX_SHOP: shop, SANDBOX_SEED: "none", SANDBOX_STATE_DIR: stateDir, SHOPIFY_API_KEY: "redeem-test-key", SHOPIFY_API_SECRET: "redeem-test-secret" },
    });
    for (let attempt = 0; attempt < 200 && !server.output().includes("sandbox is ready"); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    const record = await findShop(database.db, shop);
    if (!record) throw new Error(`the sandbox did not install ${shop}:\n${server.output()}`);
    shopId = record.id;
    await addProgramVersion(
      database.db, shopId,
      { rules: { ...defaultProgramRules("USD"), tiers: TIERS, rewards: [TEN_OFF, CREDIT, BIG, RETIRED, GOLD_ONLY, FREE_SHIPPING, SALE] }, effectiveAt: new Date(Date.now() - HOUR), createdBy: "test" },
      new Date(),
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  const gid = (customer: number) => `gid://shopify/Customer/${customer}`;
  const headers = (token: string | null, extra: Record<string, string> = {}) => ({
    Origin: "https://extensions.shopifycdn.com", "User-Agent": SANDBOX_BROWSER, "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra,
  });
  const tokenFor = (customer: number) => extensionToken(server, shop, gid(customer));

  async function redeem(token: string | null, body: unknown, idempotencyKey?: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(new URL("/api/redemptions", server.url), {
      method: "POST", headers: headers(token, idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}), body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as Json) };
  }

  async function cancel(token: string, idempotencyKey: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(new URL(`/api/redemptions/${idempotencyKey}`, server.url), { method: "DELETE", headers: headers(token) });
    return { status: response.status, body: (await response.json()) as Json };
  }

  /** A member with `points` points: one paid order of that many dollars (the default program: 1 point per $1). */
  async function member(customer: number, points: number): Promise<void> {
    const response = await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: orderId++, customerId: customer, subtotal: `${points}.00`, processedAt: new Date().toISOString() }) });
    expect(response.status).toBe(200);
    expect(await balance(customer)).toMatchObject({ pointsAvailable: points, pointsHeld: 0 });
  }

  const balance = (customer: number) =>
    database.db.selectFrom("Customer").select(["pointsAvailable", "pointsHeld"]).where("shopId", "=", shopId).where("customerGid", "=", gid(customer)).executeTakeFirstOrThrow();

  const redemption = (customer: number, idempotencyKey: string) =>
    database.db
      .selectFrom("Redemption as r").innerJoin("Customer as c", "c.id", "r.customerId")
      .select(["r.redemptionKey", "r.status", "r.releaseReason", "r.orderGid", "r.discountCode"])
      .where("r.shopId", "=", shopId).where("c.customerGid", "=", gid(customer)).where("r.idempotencyKey", "=", idempotencyKey)
      .executeTakeFirstOrThrow();

  const journals = (redemptionKey: string) => redemptionJournals(database, shopId, redemptionKey);

  async function sandbox(): Promise<SandboxState> {
    const response = await fetch(new URL("/sandbox/redemptions", server.url));
    expect(response.status).toBe(200);
    return (await response.json()) as SandboxState;
  }

  /** The reservations the discount Function would read from the customer's app-owned metafield. */
  async function reservations(customer: number): Promise<Array<{ id: string; title: string }>> {
    const field = (await sandbox()).metafields.find((entry) => entry.ownerId === gid(customer) && entry.namespace === "$app:wafa" && entry.key === "reservation");
    if (!field) return [];
    return (JSON.parse(field.value) as { reservations: Array<{ id: string; title: string }> }).reservations;
  }

  async function releaseExpired(at: Date): Promise<Json> {
    const response = await fetch(new URL("/sandbox/redemptions", server.url), { method: "POST", body: JSON.stringify({ command: "release-expired", at: at.toISOString() }) });
    const body = (await response.json()) as Json;
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body;
  }

  /** An order of the customer's, as Shopify sends it, carrying Wafa's Function discount (or a code). */
  function order(id: number, customer: number, options: { financialStatus: string; cancelledAt?: string; functionTitle?: string; code?: string; shipping?: boolean }) {
    const body = orderPayload({ id, customerId: customer, subtotal: "40.00", financialStatus: options.financialStatus, processedAt: new Date().toISOString(), cancelledAt: options.cancelledAt ?? null });
    const applicationBase = options.shipping
      ? { value: "100.0", value_type: "percentage", allocation_method: "each", target_selection: "all", target_type: "shipping_line" }
      : { value: "10.0", value_type: "fixed_amount", allocation_method: "across", target_selection: "all", target_type: "line_item" };
    return {
      ...body,
      discount_codes: options.code ? [{ code: options.code, amount: "10.00", type: "fixed_amount" }] : [],
      discount_applications: [
        ...(options.functionTitle ? [{ ...applicationBase, type: "automatic", title: options.functionTitle, description: options.functionTitle }] : []),
        ...(options.code ? [{ ...applicationBase, type: "discount_code", code: options.code }] : []),
      ],
    };
  }

  it("GIVEN a reservation at checkout WHEN an order carrying Wafa's discount is placed and paid THEN it is committed: the points stay spent and the Function no longer offers it", async () => {
    await member(7101, 500);
    const token = await tokenFor(7101);
    const reserved = await redeem(token, { rewardId: "ten-off" }, "checkout-paid-1");
    expect(reserved).toMatchObject({ status: 201, body: { id: "checkout-paid-1", rewardId: "ten-off", points: 100, status: "materialised", show: { kind: "applied_at_checkout" } } });
    expect(await balance(7101)).toEqual({ pointsAvailable: 400, pointsHeld: 100 });
    expect(await reservations(7101)).toMatchObject([{ title: "$10 off" }]);

    const placed = await postWebhook(server, { shop, topic: "orders/create", body: order(61_001, 7101, { financialStatus: "pending", functionTitle: "$10 off" }) });
    expect(placed.status).toBe(200);
    expect(await redemption(7101, "checkout-paid-1")).toMatchObject({ status: "applied", orderGid: "gid://shopify/Order/61001" });
    expect(await reservations(7101)).toEqual([]);

    const paid = await postWebhook(server, { shop, topic: "orders/paid", body: order(61_001, 7101, { financialStatus: "paid", functionTitle: "$10 off" }) });
    expect(paid.status).toBe(200);
    const stored = await redemption(7101, "checkout-paid-1");
    expect(stored.status).toBe("committed");
    expect(await journals(stored.redemptionKey)).toEqual([
      "hold redeem member.available -100", "hold redeem member.held 100",
      "settle redeem member.held -100", "settle redeem program.redeemed 100",
    ]);
    // The $40 order earns its own 40 points; the 100 redeemed stay spent.
    expect(await balance(7101)).toEqual({ pointsAvailable: 440, pointsHeld: 0 });
    // The expiry job later leaves a committed redemption alone.
    await releaseExpired(new Date(Date.now() + 2 * HOUR));
    expect((await redemption(7101, "checkout-paid-1")).status).toBe("committed");
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN a single-use code WHEN an order paid with the code THEN committed; the code is this customer's only", async () => {
    await member(7102, 300);
    const reserved = await redeem(await tokenFor(7102), { rewardId: "ten-off", channel: "code" }, "code-paid-1");
    expect(reserved).toMatchObject({ status: 201, body: { status: "materialised", show: { kind: "code" } } });
    const code = String((reserved.body.show as Json).code);
    expect((await sandbox()).codes).toContainEqual(expect.objectContaining({ code, customers: [gid(7102)] }));

    await postWebhook(server, { shop, topic: "orders/paid", body: order(61_002, 7102, { financialStatus: "paid", code }) });
    expect(await redemption(7102, "code-paid-1")).toMatchObject({ status: "committed", orderGid: "gid://shopify/Order/61002" });
    expect(await balance(7102)).toEqual({ pointsAvailable: 240, pointsHeld: 0 });
  });

  it("GIVEN an order placed with the discount WHEN it is cancelled THEN the points come back and the hold is released", async () => {
    await member(7103, 200);
    await redeem(await tokenFor(7103), { rewardId: "ten-off" }, "cancelled-order-1");
    await postWebhook(server, { shop, topic: "orders/create", body: order(61_003, 7103, { financialStatus: "pending", functionTitle: "Wafa rewards" }) });
    expect((await redemption(7103, "cancelled-order-1")).status).toBe("applied");
    expect(await balance(7103)).toEqual({ pointsAvailable: 100, pointsHeld: 100 });

    const cancelledAt = new Date().toISOString();
    await postWebhook(server, { shop, topic: "orders/cancelled", body: order(61_003, 7103, { financialStatus: "voided", cancelledAt, functionTitle: "Wafa rewards" }) });
    const stored = await redemption(7103, "cancelled-order-1");
    expect(stored).toMatchObject({ status: "released", releaseReason: "order_cancelled" });
    expect(await journals(stored.redemptionKey)).toEqual([
      "hold redeem member.available -100", "hold redeem member.held 100",
      "settle release member.held -100", "settle release member.available 100",
    ]);
    expect(await balance(7103)).toEqual({ pointsAvailable: 200, pointsHeld: 0 });
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN a paid order WHEN it is cancelled THEN the points spent on it are returned", async () => {
    await member(7104, 200);
    await redeem(await tokenFor(7104), { rewardId: "ten-off" }, "paid-then-cancelled");
    await postWebhook(server, { shop, topic: "orders/paid", body: order(61_004, 7104, { financialStatus: "paid", functionTitle: "$10 off" }) });
    expect((await redemption(7104, "paid-then-cancelled")).status).toBe("committed");
    await postWebhook(server, { shop, topic: "orders/cancelled", body: order(61_004, 7104, { financialStatus: "refunded", cancelledAt: new Date().toISOString(), functionTitle: "$10 off" }) });
    expect((await redemption(7104, "paid-then-cancelled")).status).toBe("returned");
    // The cancelled order's own 40 points are reversed by the order's ledger; the 100 come back.
    expect(await balance(7104)).toEqual({ pointsAvailable: 200, pointsHeld: 0 });
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN holds never used, and a paid order without the discount THEN nothing is charged: each hold is released on expiry, its code deleted and the Function's list emptied", async () => {
    await member(7105, 150);
    await member(7106, 150);
    await member(7107, 150);
    const unusedCode = await redeem(await tokenFor(7105), { rewardId: "ten-off", channel: "code" }, "expire-code-1");
    const code = String((unusedCode.body.show as Json).code);
    await redeem(await tokenFor(7106), { rewardId: "ten-off" }, "expire-function-1");
    await redeem(await tokenFor(7107), { rewardId: "ten-off" }, "not-applied-1");
    expect(await reservations(7106)).toHaveLength(1);

    // 7107 pays an order on which the discount did not apply (another automatic discount did).
    await postWebhook(server, { shop, topic: "orders/paid", body: order(61_007, 7107, { financialStatus: "paid", functionTitle: "Summer sale" }) });
    expect((await redemption(7107, "not-applied-1")).status).toBe("materialised");
    expect(await balance(7107)).toEqual({ pointsAvailable: 50 + 40, pointsHeld: 100 });
    // 7105 pays an order showing the reward's title without the code: neither 7105's code
    // nor 7106's Function reservation (another customer's) was used.
    await postWebhook(server, { shop, topic: "orders/paid", body: order(61_005, 7105, { financialStatus: "paid", functionTitle: "$10 off" }) });
    expect((await redemption(7105, "expire-code-1")).status).toBe("materialised");
    expect((await redemption(7106, "expire-function-1")).status).toBe("materialised");

    // Before the hour is up nothing moves.
    await releaseExpired(new Date(Date.now() + HOUR / 2));
    expect((await redemption(7105, "expire-code-1")).status).toBe("materialised");

    const released = await releaseExpired(new Date(Date.now() + HOUR + 60_000));
    expect(released.processed).toBeGreaterThanOrEqual(3);
    for (const [customer, key] of [[7105, "expire-code-1"], [7106, "expire-function-1"], [7107, "not-applied-1"]] as const) {
      expect(await redemption(customer, key)).toMatchObject({ status: "released", releaseReason: "expired" });
    }
    expect(await balance(7105)).toEqual({ pointsAvailable: 150 + 40, pointsHeld: 0 });
    expect(await balance(7106)).toEqual({ pointsAvailable: 150, pointsHeld: 0 });
    expect(await balance(7107)).toEqual({ pointsAvailable: 190, pointsHeld: 0 });
    const state = await sandbox();
    expect(state.codes.map((entry) => entry.code)).not.toContain(code);
    expect(await reservations(7106)).toEqual([]);
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN 1,050 points WHEN 100 redemptions of a 100-point reward arrive at once THEN exactly 10 succeed, the rest are refused for points, and the balance never goes negative", async () => {
    await member(7110, 1050);
    const token = await tokenFor(7110);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, index) => redeem(token, { rewardId: "credit-10" }, `parallel-credit-${index}`)));
    const created = answers.filter((answer) => answer.status === 201);
    expect(created).toHaveLength(Math.floor(1050 / 100));
    expect(created.every((answer) => answer.body.status === "committed")).toBe(true);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(new Set(refused.map((answer) => `${answer.status} ${String(answer.body.error)}`))).toEqual(new Set(["422 insufficient_points"]));
    expect(await balance(7110)).toEqual({ pointsAvailable: 50, pointsHeld: 0 });
    expect((await sandbox()).credits.filter((credit) => credit.customer === gid(7110))).toHaveLength(10);
    await expectProjectionMatchesLedger(database, shop);
  }, 60_000);

  it("GIVEN one discount of each class redeemed at once THEN the Function's metafield lists all three, a second of a class is refused, and GET /api/rewards shows them", async () => {
    await member(7130, 500);
    const token = await tokenFor(7130);
    const answers = await Promise.all([
      redeem(token, { rewardId: "ten-off" }, "class-order-1"), redeem(token, { rewardId: "free-shipping" }, "class-shipping-1"), redeem(token, { rewardId: "sale-20" }, "class-product-1"),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect((await reservations(7130)).map((reservation) => reservation.title).sort()).toEqual(["$10 off", "20% off sale items", "Free shipping"]);
    expect(await redeem(token, { rewardId: "ten-off" }, "class-order-2")).toMatchObject({ status: 409, body: { error: "discount_already_reserved" } });
    expect(await balance(7130)).toEqual({ pointsAvailable: 250, pointsHeld: 250 });

    const response = await fetch(new URL("/api/rewards", server.url), { headers: headers(token) });
    expect(response.status).toBe(200);
    const view = (await response.json()) as { available: number; held: number; rewards: Array<{ id: string; availableForTier: boolean; affordable: boolean }>; open: Array<{ id: string }> };
    expect(view).toMatchObject({ available: 250, held: 250, currencyCode: "USD" });
    expect(view.rewards.find((reward) => reward.id === "ten-off")).toMatchObject({ minimumOrderMinor: 0 });
    expect(view.open.map((open) => open.id).sort()).toEqual(["class-order-1", "class-product-1", "class-shipping-1"]);
    expect(view.rewards.find((reward) => reward.id === "big-credit")).toMatchObject({ availableForTier: true, affordable: false });
    expect(view.rewards.find((reward) => reward.id === "gold-only")).toMatchObject({ availableForTier: false });
    expect(view.rewards.map((reward) => reward.id)).not.toContain("retired");

    expect((await cancel(token, "class-shipping-1")).status).toBe(200);
    expect((await reservations(7130)).map((reservation) => reservation.title).sort()).toEqual(["$10 off", "20% off sale items"]);
    expect(await balance(7130)).toEqual({ pointsAvailable: 300, pointsHeld: 200 });

    // Shopify shows the automatic discount's own title: the class of the application decides.
    await postWebhook(server, { shop, topic: "orders/create", body: order(61_130, 7130, { financialStatus: "pending", functionTitle: "Wafa rewards", shipping: true }) });
    expect((await redemption(7130, "class-order-1")).status).toBe("materialised");
    await postWebhook(server, { shop, topic: "orders/create", body: order(61_131, 7130, { financialStatus: "pending", functionTitle: "Wafa rewards" }) });
    expect(await redemption(7130, "class-order-1")).toMatchObject({ status: "applied", orderGid: "gid://shopify/Order/61131" });
    expect((await redemption(7130, "class-product-1")).status).toBe("materialised");
    expect((await reservations(7130)).map((reservation) => reservation.title)).toEqual(["20% off sale items"]);
  });

  describe("refusals leave the balance as it was", () => {
    const customer = 7120;
    let token: string;
    beforeAll(async () => {
      await member(customer, 150);
      token = await tokenFor(customer);
    });

    it.each([
      ["more points than the balance", { rewardId: "big-credit" }, 422, "insufficient_points"],
      ["an unknown reward", { rewardId: "no-such-reward" }, 404, "reward_not_found"],
      ["a disabled reward", { rewardId: "retired" }, 409, "reward_disabled"],
      ["a reward for another tier", { rewardId: "gold-only" }, 403, "reward_not_for_tier"],
    ])("GIVEN %s THEN a clear refusal", async (_name, body, status, error) => {
      const before = await balance(customer);
      const answer = await redeem(token, body, `refusal-${error}`);
      expect(answer).toEqual({ status, body: expect.objectContaining({ error, messageKey: `redemption.errors.${error}` }) });
      expect(await balance(customer)).toEqual(before);
    });

    it("GIVEN a token signed with another secret, or an expired one THEN 401", async () => {
      const before = await balance(customer);
      const forged = await extensionToken({ ...server, apiSecret: "not-the-app-secret" }, shop, gid(customer));
      expect((await redeem(forged, { rewardId: "credit-10" }, "forged-token-1")).status).toBe(401);
      const past = Math.floor(Date.now() / 1000) - 3600;
      const { token: expired } = await getJwt(shop.replace(".myshopify.com", ""), server.apiKey, server.apiSecret, { dest: `https://${shop}`, sub: gid(customer), exp: past, nbf: past - 3600, iat: past - 3600 });
      expect((await redeem(expired, { rewardId: "credit-10" }, "expired-token-1")).status).toBe(401);
      expect((await redeem(null, { rewardId: "credit-10" }, "no-token-1")).status).toBe(401);
      expect(await balance(customer)).toEqual(before);
    });

    it("GIVEN a guest (no customer in the token) THEN a clear error", async () => {
      const answer = await redeem(await extensionToken(server, shop), { rewardId: "credit-10" }, "guest-key-1");
      expect(answer).toEqual({ status: 401, body: { error: "guest", messageKey: "redemption.errors.guest", params: {} } });
    });

    it("GIVEN a malformed body or a missing idempotency key THEN 400 with what is wrong", async () => {
      const before = await balance(customer);
      const notJson = await redeem(token, "{not json", "malformed-1");
      expect(notJson).toMatchObject({ status: 400, body: { error: "invalid_request", messageKey: "redemption.errors.invalid_request" } });
      const wrongType = await redeem(token, { rewardId: 42, points: -1 }, "malformed-2");
      expect(wrongType).toMatchObject({ status: 400, body: { error: "invalid_request", params: { fields: ["rewardId", "points"] } } });
      const noKey = await redeem(token, { rewardId: "credit-10" });
      expect(noKey).toMatchObject({ status: 400, body: { error: "invalid_idempotency_key" } });
      expect(await balance(customer)).toEqual(before);
    });

    it("GIVEN the same request sent twice THEN the same answer and one redemption", async () => {
      const first = await redeem(token, { rewardId: "ten-off" }, "replayed-request-1");
      expect(first.status).toBe(201);
      const afterFirst = await balance(customer);
      const again = await redeem(token, { rewardId: "ten-off", idempotencyKey: "ignored-body-key" }, "replayed-request-1");
      expect(again).toEqual({ status: 200, body: first.body });
      const reused = await redeem(token, { rewardId: "credit-10" }, "replayed-request-1");
      expect(reused).toMatchObject({ status: 409, body: { error: "idempotency_key_reused" } });
      expect(await balance(customer)).toEqual(afterFirst);
      const rows = await database.db.selectFrom("Redemption").select("id").where("shopId", "=", shopId).where("idempotencyKey", "=", "replayed-request-1").execute();
      expect(rows).toHaveLength(1);
    });

    it("GIVEN someone else's redemption THEN DELETE answers 404; the owner's DELETE gives the points back", async () => {
      await member(7121, 150);
      const other = await tokenFor(7121);
      await redeem(other, { rewardId: "ten-off" }, "someone-elses-1");
      const before = await balance(7121);
      expect(await cancel(token, "someone-elses-1")).toMatchObject({ status: 404, body: { error: "redemption_not_found" } });
      expect(await balance(7121)).toEqual(before);
      expect(await cancel(other, "someone-elses-1")).toMatchObject({ status: 200, body: { status: "released", releaseReason: "shopper_cancelled" } });
      expect(await balance(7121)).toEqual({ pointsAvailable: 150, pointsHeld: 0 });
      expect(await reservations(7121)).toEqual([]);
      await expectProjectionMatchesLedger(database, shop);
    });
  });
});
