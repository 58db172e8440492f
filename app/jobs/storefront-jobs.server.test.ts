import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_SHOP_GID, sandboxShopMetafields, simulateShopId, simulateShopMetafieldsSet } from "../sandbox/admin/shop-metafields";
import type { AdminGraphql } from "../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { launchProgram, pauseProgram } from "../services/launch-program.server";
import { SYNC_STOREFRONT_CONFIG_JOB, storefrontJobs } from "./storefront-jobs.server";

/** Shopify's Admin API edge for the two operations the sync makes, answered by the sandbox's simulation. */
const sandboxAdmin = (calls: string[], failing = false): AdminGraphql => ({
  async graphql(query, options) {
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
    calls.push(name);
    if (failing) return Response.json({ errors: [{ message: "Internal error" }] });
    const data = name === "WafaShopId" ? simulateShopId() : simulateShopMetafieldsSet("", options?.variables ?? {});
    return Response.json({ data });
  },
});

describe.each(DATABASE_KINDS)("the storefront sync job on %s", (kind) => {
  let database: TestDatabase;
  let shopId = 0;
  const shop = `storefront-job-${kind}.myshopify.com`;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shopId = (await installTestShop(database, shop)).id;
  });
  afterAll(() => database.drop());

  const run = (calls: string[], failing = false) => {
    const [job] = storefrontJobs(async () => sandboxAdmin(calls, failing));
    if (!job?.perShop || job.name !== SYNC_STOREFRONT_CONFIG_JOB) throw new Error("expected the per-shop storefront job");
    return job.run({ database, shopId, now: new Date("2026-06-01T00:00:00Z"), signal: new AbortController().signal });
  };

  it("GIVEN a launched program THEN the shop's storefront metafield says it is live, with the earning rate", async () => {
    await launchProgram(database, shop, new Date("2026-05-01T00:00:00Z"));
    const calls: string[] = [];
    expect(await run(calls)).toEqual({ processed: 1, complete: true });
    expect(calls).toEqual(["WafaShopId", "WafaShopMetafieldsSet"]);
    const stored = Object.values(sandboxShopMetafields())[0];
    expect(stored?.type).toBe("json");
    expect(JSON.parse(stored?.value ?? "{}")).toMatchObject({ live: true });
    expect(SANDBOX_SHOP_GID).toMatch(/^gid:\/\/shopify\/Shop\/\d+$/);
  });

  it("GIVEN nothing changed THEN no call; GIVEN a pause Shopify refuses THEN the run fails loudly for the scheduler to log and retry", async () => {
    const calls: string[] = [];
    expect(await run(calls)).toEqual({ processed: 0, complete: true });
    expect(calls).toEqual([]);
    await pauseProgram(database, shop, new Date("2026-05-02T00:00:00Z"));
    await expect(run([], true)).rejects.toThrow(/storefront config/);
  });

  it("GIVEN a shop id that no longer exists THEN nothing to do", async () => {
    const [job] = storefrontJobs(async () => sandboxAdmin([]));
    if (!job?.perShop) throw new Error("expected a per-shop job");
    expect(await job.run({ database, shopId: shopId + 10_000, now: new Date(), signal: new AbortController().signal })).toEqual({ processed: 0, complete: true });
  });
});
