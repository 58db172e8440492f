import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultProgramRules, type Reward } from "../../loyalty/program/program";
import { readAppDiscountId, saveAppDiscountId } from "../../repositories/app-discount.server";
import { addProgramVersion } from "../../repositories/program-versions.server";
import { findShop } from "../../repositories/shops.server";
import {
  editSandboxAutomaticDiscount, sandboxAutomaticDiscounts, simulateAppDiscountById, simulateAppDiscountCreate, simulateAppDiscountSearch, simulateAppDiscountUpdate,
} from "../../sandbox/admin/app-discount";
import { metafieldsSet, sandboxMetafield } from "../../sandbox/admin/redemption-operations";
import { APP_DISCOUNT_COMBINES_WITH } from "../../shopify/admin/app-discount.server";
import { WAFA_DISCOUNT_TITLE } from "../../shopify/admin/redemption-operations.server";
import type { AdminGraphql } from "../../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { recordPaidOrder } from "../../test/paid-orders";
import { installTestShop } from "../../test/shops";
import { launchProgram, pauseProgram } from "../launch-program.server";
import { ensureAppDiscount } from "./ensure-app-discount.server";
import { reserveRedemption } from "./reserve-redemption.server";

const NOW = new Date("2026-06-01T12:00:00Z");
const common = { enabled: true, tierIds: [], limit: null };
const FIVE_OFF: Reward = { ...common, id: "five-off", name: "$5 off", kind: "fixed_amount", cost: 100, amountMinor: 500, conditions: { minimumOrderMinor: 0, collectionIds: [] } };
const SUMMER: Reward = {
  ...common, id: "summer", name: "20% off summer", kind: "percentage", cost: 100, percent: 20,
  conditions: { minimumOrderMinor: 0, collectionIds: ["gid://shopify/Collection/300", "gid://shopify/Collection/100"] },
};

// Shopify's Admin API edge, answered by the sandbox's simulation; a test may script the next
// answers (throttling, refusals) before the simulation takes over. Every call is recorded.
type Scripted = { readonly name: string; readonly body: unknown };
const SIMULATED: Record<string, (shop: string, variables: Record<string, unknown>) => unknown> = {
  WafaAppDiscountById: simulateAppDiscountById,
  WafaAppDiscountSearch: simulateAppDiscountSearch,
  WafaAppDiscountCreate: simulateAppDiscountCreate,
  WafaAppDiscountUpdate: simulateAppDiscountUpdate,
  WafaReservationMetafieldsSet: (_shop, variables) => metafieldsSet(variables),
};
let calls: string[] = [];
let script: Scripted[] = [];
const cost = (currentlyAvailable: number, requestedQueryCost = 10) => ({
  cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 } },
});
const sandboxShopify = (shop: string): AdminGraphql => ({
  async graphql(query, options) {
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
    calls.push(name);
    if (script[0]?.name === name) return Response.json(script.shift()?.body);
    const simulate = SIMULATED[name];
    if (!simulate) throw new Error(`unexpected Admin API call ${name}`);
    return Response.json({ data: simulate(shop, options?.variables ?? {}), extensions: cost(1990) });
  },
});

describe.each(DATABASE_KINDS)("the shop's Wafa rewards discount on %s", (kind) => {
  let database: TestDatabase;
  let shopId = 0;
  const shop = `app-discount-${kind}.myshopify.com`;
  let waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const ensure = (at = NOW) => ensureAppDiscount(database, shop, async (domain) => sandboxShopify(domain), at, { sleep });
  const discounts = () => sandboxAutomaticDiscounts(shop);
  const variablesOf = (id: string) => JSON.parse(sandboxMetafield(id, "$app:wafa", "function-variables") ?? "null") as unknown;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shopId = (await installTestShop(database, shop)).id;
    await addProgramVersion(database.db, shopId, { rules: { ...defaultProgramRules("USD"), rewards: [FIVE_OFF, SUMMER] }, effectiveAt: new Date("2026-02-01T00:00:00Z"), createdBy: "test" }, NOW);
  });
  afterAll(async () => database?.drop());
  beforeEach(() => {
    calls = [];
    script = [];
    waits = [];
  });

  it("GIVEN a program not yet launched THEN no discount is made (shoppers cannot redeem yet)", async () => {
    expect(await ensure()).toEqual({ status: "not_live" });
    expect(calls).toEqual([]);
  });

  it("GIVEN the launch THEN one automatic discount runs the Function, titled as orders are matched, with the three classes and the reward collections", async () => {
    await launchProgram(database, shop, NOW);
    const result = await ensure();
    expect(result).toMatchObject({ status: "created" });
    expect(calls).toEqual(["WafaAppDiscountSearch", "WafaAppDiscountCreate"]);
    expect(discounts()).toEqual([
      expect.objectContaining({
        title: WAFA_DISCOUNT_TITLE, status: "ACTIVE", discountClasses: ["ORDER", "PRODUCT", "SHIPPING"], combinesWith: APP_DISCOUNT_COMBINES_WITH, startsAt: NOW.toISOString(),
      }),
    ]);
    const id = discounts()[0]?.id ?? "";
    expect(result).toEqual({ status: "created", discountId: id });
    expect(variablesOf(id)).toEqual({ collectionIds: ["gid://shopify/Collection/100", "gid://shopify/Collection/300"] });
    expect(await readAppDiscountId(database.db, shopId)).toBe(id);
  });

  it("GIVEN the discount exists WHEN the job runs again THEN it reads it by its id and changes nothing: no duplicate", async () => {
    const id = await readAppDiscountId(database.db, shopId);
    expect(await ensure()).toEqual({ status: "unchanged", discountId: id });
    expect(calls).toEqual(["WafaAppDiscountById"]);
    expect(discounts()).toHaveLength(1);
  });

  it("GIVEN the stored id was lost WHEN the job runs THEN it finds the discount by the Function it runs, not another app's, and keeps it", async () => {
    const otherApps = editSandboxAutomaticDiscount(shop, { title: WAFA_DISCOUNT_TITLE, functionId: "another-apps-function" });
    const ours = discounts().find((discount) => discount.id !== otherApps)?.id;
    await saveAppDiscountId(database.db, shopId, null, NOW);
    expect(await ensure()).toEqual({ status: "unchanged", discountId: ours });
    expect(calls).toEqual(["WafaAppDiscountSearch"]);
    expect(discounts()).toHaveLength(2);
    expect(await readAppDiscountId(database.db, shopId)).toBe(ours);
  });

  it("GIVEN the merchant renamed it and changed what it combines with THEN Wafa's settings are put back", async () => {
    const id = (await readAppDiscountId(database.db, shopId)) ?? "";
    editSandboxAutomaticDiscount(shop, { id, title: "Loyalty", combinesWith: { orderDiscounts: true, productDiscounts: false, shippingDiscounts: false } });
    expect(await ensure()).toEqual({ status: "updated", discountId: id });
    expect(calls).toEqual(["WafaAppDiscountById", "WafaAppDiscountUpdate"]);
    expect(discounts().find((discount) => discount.id === id)).toMatchObject({ title: WAFA_DISCOUNT_TITLE, combinesWith: APP_DISCOUNT_COMBINES_WITH });
  });

  it("GIVEN a new program version and an open redemption of a reward it dropped THEN the Function learns both rewards' collections", async () => {
    const customer = "gid://shopify/Customer/9301";
    await recordPaidOrder(database, shop, { customer: "9301", subtotalMinor: 30_000, at: new Date("2026-03-01T00:00:00Z") });
    const request = { rewardId: "summer", points: null, idempotencyKey: "summer-hold-1", channel: "checkout" as const };
    expect(await reserveRedemption(database, shop, customer, request, NOW)).toMatchObject({ ok: true, redemption: { status: "reserved" } });
    const autumn: Reward = { ...SUMMER, id: "autumn", name: "Autumn", conditions: { minimumOrderMinor: 0, collectionIds: ["gid://shopify/Collection/200"] } };
    await addProgramVersion(database.db, shopId, { rules: { ...defaultProgramRules("USD"), rewards: [FIVE_OFF, autumn] }, effectiveAt: NOW, createdBy: "test" }, NOW);
    const id = (await readAppDiscountId(database.db, shopId)) ?? "";
    expect(await ensure(new Date(NOW.getTime() + 1000))).toEqual({ status: "updated", discountId: id });
    expect(calls).toEqual(["WafaAppDiscountById", "WafaReservationMetafieldsSet"]);
    expect(variablesOf(id)).toEqual({ collectionIds: ["gid://shopify/Collection/100", "gid://shopify/Collection/200", "gid://shopify/Collection/300"] });
  });

  it("GIVEN Shopify throttles the lookup THEN it waits for the bucket to refill and carries on", async () => {
    script = [{ name: "WafaAppDiscountById", body: { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: cost(4, 104) } }];
    expect(await ensure(new Date(NOW.getTime() + 2000))).toMatchObject({ status: "unchanged" });
    expect(calls).toEqual(["WafaAppDiscountById", "WafaAppDiscountById"]);
    // 104 points requested, 4 available, 100 restored per second: one second.
    expect(waits).toEqual([1000]);
  });

  it("GIVEN Shopify stays throttled THEN a failure the job retries, and nothing is created", async () => {
    const throttled = { name: "WafaAppDiscountById", body: { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: cost(0, 50) } };
    script = Array.from({ length: 5 }, () => throttled);
    expect(await ensure()).toEqual({ status: "failed", message: "the Admin API stayed throttled" });
    expect(waits).toHaveLength(4);
    expect(discounts()).toHaveLength(2);
  });

  it("GIVEN the merchant ended Wafa's discount THEN it is reported, not switched back on", async () => {
    const id = (await readAppDiscountId(database.db, shopId)) ?? "";
    editSandboxAutomaticDiscount(shop, { id, status: "EXPIRED" });
    expect(await ensure()).toEqual({ status: "inactive", discountId: id });
    expect(calls).toEqual(["WafaAppDiscountById"]);
    editSandboxAutomaticDiscount(shop, { id, status: "ACTIVE" });
  });

  it("GIVEN a paused program THEN nothing is called", async () => {
    await pauseProgram(database, shop, NOW);
    expect(await ensure()).toEqual({ status: "not_live" });
    expect(calls).toEqual([]);
    await launchProgram(database, shop, NOW);
  });
});

describe.each(DATABASE_KINDS)("Shopify refusing the Wafa rewards discount on %s", (kind) => {
  let database: TestDatabase;
  const shop = `app-discount-refused-${kind}.myshopify.com`;
  const ensure = () => ensureAppDiscount(database, shop, async (domain) => sandboxShopify(domain), NOW, { sleep: async () => undefined });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    await launchProgram(database, shop, NOW);
  });
  afterAll(async () => database?.drop());
  beforeEach(() => {
    calls = [];
    script = [];
  });

  it("GIVEN the Function is not deployed THEN Shopify's user error is reported, and no id is stored", async () => {
    const notFound = { discountAutomaticAppCreate: { automaticAppDiscount: null, userErrors: [{ field: ["automaticAppDiscount", "functionHandle"], message: "Function not found.", code: "INVALID" }] } };
    script = [{ name: "WafaAppDiscountSearch", body: { data: simulateAppDiscountSearch(shop), extensions: cost(1990) } }, { name: "WafaAppDiscountCreate", body: { data: notFound, extensions: cost(1990) } }];
    expect(await ensure()).toEqual({ status: "failed", message: "could not create the Wafa rewards discount: Function not found." });
    const record = await findShop(database.db, shop);
    expect(await readAppDiscountId(database.db, record?.id ?? 0)).toBeNull();
    expect(sandboxAutomaticDiscounts(shop)).toEqual([]);
  });

  it("GIVEN a top-level GraphQL error THEN its message is reported", async () => {
    script = [{ name: "WafaAppDiscountSearch", body: { errors: [{ message: "Access denied for automaticDiscountNodes field." }] } }];
    expect(await ensure()).toEqual({ status: "failed", message: "Access denied for automaticDiscountNodes field." });
  });

  it("GIVEN the refusal has passed and another app's discount has Wafa's title THEN the next run creates Wafa's own, and leaves the other alone", async () => {
    const otherApps = editSandboxAutomaticDiscount(shop, { title: WAFA_DISCOUNT_TITLE, functionId: "another-apps-function" });
    const result = await ensure();
    expect(result).toMatchObject({ status: "created" });
    expect(result).not.toMatchObject({ discountId: otherApps });
    expect(sandboxAutomaticDiscounts(shop).map((discount) => discount.functionId)).toEqual(["another-apps-function", "01J0SANDBOXWAFADISCOUNTFN"]);
  });

  it("GIVEN a shop that is not installed THEN nothing is called", async () => {
    expect(await ensureAppDiscount(database, "unknown.myshopify.com", async (domain) => sandboxShopify(domain), NOW)).toEqual({ status: "shop_not_installed" });
    expect(calls).toEqual([]);
  });
});
