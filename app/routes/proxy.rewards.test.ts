import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentProgramVersion, type Reward } from "../loyalty/program/program";
import { findCustomer } from "../repositories/customers.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { launchProgram } from "../services/launch-program.server";
import { saveProgram } from "../services/save-program.server";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { postWebhook } from "../test/requests";

/**
 * The storefront's app proxy endpoints (/apps/wafa/rewards and /apps/wafa/redeem) against
 * the sandbox build, whose simulated Admin API creates the discount codes a redemption
 * asks for. Requests are signed as Shopify's proxy signs them (the library's test helper).
 */
describe.each(DATABASE_KINDS)("the storefront's app proxy on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let stateDir: string;
  const shop = `proxy-${kind}.myshopify.com`;
  const memberId = "7301";

  const reward = (id: string, cost: number, amountMinor: number): Reward => ({
    id, name: `${id} reward`, kind: "fixed_amount", cost, amountMinor, enabled: true,
    conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null,
  });

  /** A URL as Shopify's proxy sends it: `shop`, `logged_in_customer_id` (absent for guests), `timestamp`, `signature`. */
  const signedUrl = async (route: string, customerId: string | null, secret = server.apiSecret) => {
    const url = new URL(`/proxy/${route}`, server.url);
    url.searchParams.set("path_prefix", "/apps/wafa");
    if (customerId) url.searchParams.set("logged_in_customer_id", customerId);
    const signed = await setUpValidRequest({ type: RequestType.Public, store: shop.replace(".myshopify.com", ""), apiSecretKey: secret }, new Request(url));
    return new URL(signed.url);
  };
  const getRewards = async (customerId: string | null) => fetch(await signedUrl("rewards", customerId));
  const redeem = async (customerId: string | null, body: unknown, url?: URL) =>
    fetch(url ?? (await signedUrl("redeem", customerId)), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const balance = async () => {
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    const customer = await findCustomer(database.db, shopId, `gid://shopify/Customer/${memberId}`);
    return { available: customer?.pointsAvailable, held: customer?.pointsHeld };
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    stateDir = mkdtempSync(path.join(tmpdir(), "wafa-proxy-"));
    server = await startAppServer({
      databaseUrl: database.url,
      env: { NODE_ENV: "development", WAFA_SANDBOX: "1", SANDBOX_SHOP: shop, SANDBOX_SEED: "none", SANDBOX_STATE_DIR: stateDir, SHOPIFY_API_KEY: "proxy-test-key", SHOPIFY_API_SECRET: "proxy-test-secret" },
    });
    for (let attempt = 0; attempt < 1200 && !server.output().includes("sandbox is ready"); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    const shopRecord = await findShop(database.db, shop);
    if (!shopRecord) throw new Error(`the sandbox did not install ${shop}:\n${server.output()}`);
    const current = currentProgramVersion(await listProgramVersions(database.db, shopRecord.id), new Date());
    if (!current) throw new Error("the sandbox shop has no program");
    const rules = { ...current.rules, rewards: [reward("five-off", 20, 500), reward("fifty-off", 1000, 5000)] };
    expect(await saveProgram(database, shop, rules, { actor: "test", name: null }, new Date())).toMatchObject({ status: "saved" });
    const paid = await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 73001, customerId: Number(memberId), subtotal: "42.50" }) });
    expect(paid.status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it("GIVEN the program is not launched THEN the panel is told to stay hidden and a redemption is refused", async () => {
    expect(await (await getRewards(memberId)).json()).toEqual({ live: false });
    const refused = await redeem(memberId, { rewardId: "five-off", idempotencyKey: "not-live-0001" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: "program_not_live" });
    expect(await balance()).toEqual({ available: 42, held: 0 });
    expect(await launchProgram(database, shop, new Date())).toMatchObject({ status: "live" });
  });

  it("GIVEN a logged-in member THEN their balance and the rewards with what they can afford", async () => {
    const response = await getRewards(memberId);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.json()).toMatchObject({
      live: true, guest: false, member: true, available: 42, held: 0, pointsName: { singular: "point", plural: "points" },
      rewards: [
        { id: "five-off", kind: "fixed_amount", cost: 20, affordable: true, availableForTier: true },
        { id: "fifty-off", kind: "fixed_amount", cost: 1000, affordable: false },
      ],
      open: [],
    });
  });

  it("GIVEN a guest THEN the rewards to join for, no balance, and a redemption is refused as a guest's", async () => {
    expect(await (await getRewards(null)).json()).toMatchObject({ live: true, guest: true, member: false, available: 0, rewards: [{ id: "five-off" }, { id: "fifty-off" }] });
    const refused = await redeem(null, { rewardId: "five-off", idempotencyKey: "guest-key-0001" });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "guest", messageKey: "errors.guest" });
  });

  it("GIVEN a signature that was tampered with (customer changed after signing) or made with another secret THEN 401 and the balance unchanged", async () => {
    const tampered = await signedUrl("redeem", "999");
    tampered.searchParams.set("logged_in_customer_id", memberId);
    const refused = await redeem(memberId, { rewardId: "five-off", idempotencyKey: "tampered-0001" }, tampered);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_signature" });
    const forged = await fetch(await signedUrl("rewards", memberId, "not-the-app-secret"));
    expect(forged.status).toBe(401);
    const unsigned = new URL(`/proxy/rewards?shop=${shop}&logged_in_customer_id=${memberId}`, server.url);
    expect((await fetch(unsigned)).status).toBe(401);
    expect(await balance()).toEqual({ available: 42, held: 0 });
  });

  it("WHEN a member redeems more than their balance, or a reward that does not exist THEN a clear refusal and the balance unchanged", async () => {
    const insufficient = await redeem(memberId, { rewardId: "fifty-off", idempotencyKey: "storefront-0002" });
    expect(insufficient.status).toBe(422);
    expect(await insufficient.json()).toMatchObject({ error: "insufficient_points" });
    const unknown = await redeem(memberId, { rewardId: "no-such-reward", idempotencyKey: "storefront-0003" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "reward_not_found" });
    expect(await balance()).toEqual({ available: 42, held: 0 });
  });

  it("WHEN a member redeems a reward they can afford THEN a single-use code for the storefront, the points held, and a replay answers the same code", async () => {
    const first = await redeem(memberId, { rewardId: "five-off", idempotencyKey: "storefront-0001" });
    expect(first.status).toBe(201);
    const body = (await first.json()) as { show: { kind: string; code?: string }; points: number; status: string };
    expect(body).toMatchObject({ rewardId: "five-off", points: 20, status: "materialised", show: { kind: "code", code: expect.stringMatching(/^WAFA-[0-9A-F]{10}$/) } });
    expect(await balance()).toEqual({ available: 22, held: 20 });
    const replay = await redeem(memberId, { rewardId: "five-off", idempotencyKey: "storefront-0001" });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ show: { kind: "code", code: body.show.code } });
    expect(await balance()).toEqual({ available: 22, held: 20 });
    expect(await (await getRewards(memberId)).json()).toMatchObject({ available: 22, held: 20, open: [{ rewardId: "five-off", code: body.show.code }] });
  });

  it("GIVEN a body that is not the redeem shape, or not JSON THEN 400 or 415 and nothing held", async () => {
    expect((await redeem(memberId, { rewardId: "five-off" })).status).toBe(400);
    const form = await fetch(await signedUrl("redeem", memberId), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "rewardId=five-off&idempotencyKey=form-key-0001" });
    expect(form.status).toBe(415);
    expect(await balance()).toEqual({ available: 22, held: 20 });
  });
});
