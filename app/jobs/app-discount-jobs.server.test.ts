import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxAutomaticDiscounts, simulateAppDiscountById, simulateAppDiscountCreate, simulateAppDiscountSearch } from "../sandbox/admin/app-discount";
import { launchProgram } from "../services/launch-program.server";
import type { AdminGraphql } from "../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { appDiscountJobs, ENSURE_APP_DISCOUNT_JOB } from "./app-discount-jobs.server";
import { scheduledJobs } from "./registry.server";

/** Shopify's Admin API edge for the lookups and the create, answered by the sandbox's simulation. */
const sandboxAdmin = (shop: string, calls: string[], failing = false): AdminGraphql => ({
  async graphql(query, options) {
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
    calls.push(name);
    if (failing) return Response.json({ errors: [{ message: "Internal error" }] });
    const variables = options?.variables ?? {};
    const simulated: Record<string, () => unknown> = {
      WafaAppDiscountById: () => simulateAppDiscountById(shop, variables),
      WafaAppDiscountSearch: () => simulateAppDiscountSearch(shop),
      WafaAppDiscountCreate: () => simulateAppDiscountCreate(shop, variables),
    };
    const simulate = simulated[name];
    if (!simulate) throw new Error(`unexpected Admin API call ${name}`);
    return Response.json({ data: simulate() });
  },
});

describe.each(DATABASE_KINDS)("the Wafa rewards discount job on %s", (kind) => {
  let database: TestDatabase;
  let shopId = 0;
  const shop = `app-discount-job-${kind}.myshopify.com`;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shopId = (await installTestShop(database, shop)).id;
  });
  afterAll(() => database.drop());

  const run = (calls: string[], failing = false, id = shopId) => {
    const [job] = appDiscountJobs(async (domain) => sandboxAdmin(domain, calls, failing));
    if (!job?.perShop || job.name !== ENSURE_APP_DISCOUNT_JOB) throw new Error("expected the per-shop app discount job");
    return job.run({ database, shopId: id, now: new Date("2026-06-01T00:00:00Z"), signal: new AbortController().signal });
  };

  it("GIVEN the registry THEN the job runs hourly for every shop", () => {
    expect(scheduledJobs.filter((job) => job.name === ENSURE_APP_DISCOUNT_JOB).map((job) => [job.everyMinutes, job.perShop])).toEqual([[60, true]]);
  });

  it("GIVEN a program not launched THEN nothing to do, and Shopify is not called", async () => {
    const calls: string[] = [];
    expect(await run(calls)).toEqual({ processed: 0, complete: true });
    expect(calls).toEqual([]);
  });

  it("GIVEN a launched program THEN the first run creates the discount and the next finds it", async () => {
    await launchProgram(database, shop, new Date("2026-05-01T00:00:00Z"));
    const first: string[] = [];
    expect(await run(first)).toEqual({ processed: 1, complete: true });
    expect(first).toEqual(["WafaAppDiscountSearch", "WafaAppDiscountCreate"]);
    const second: string[] = [];
    expect(await run(second)).toEqual({ processed: 0, complete: true });
    expect(second).toEqual(["WafaAppDiscountById"]);
    expect(sandboxAutomaticDiscounts(shop)).toHaveLength(1);
  });

  it("GIVEN Shopify refuses THEN the run fails loudly for the scheduler to log and retry", async () => {
    await expect(run([], true)).rejects.toThrow(/Wafa rewards discount for .*Internal error/);
  });

  it("GIVEN a shop id that no longer exists THEN nothing to do", async () => {
    expect(await run([], false, shopId + 10_000)).toEqual({ processed: 0, complete: true });
  });
});
