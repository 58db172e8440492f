import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { bonusKeys, expectGrantedOncePerDay } from "./expect-bonuses.fixture";
import { sweepInBatches } from "./sweep.server";
import { seedMembers, testBonusJob } from "./test-bonus-job.fixture";

const DAY = new Date("2026-03-01T09:00:00Z");

describe.each(DATABASE_KINDS)("sweepInBatches on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  async function shopWithMembers(domain: string, count: number) {
    const shop = await installTestShop(database, domain);
    return { shop, members: await seedMembers(database, shop.id, count) };
  }
  const sweep = (shopId: number, options: Parameters<typeof testBonusJob>[0] = {}, signal = new AbortController().signal) => {
    const job = testBonusJob(options);
    if (!job.perShop) throw new Error("test-bonus is a per-shop job");
    return job.run({ database, now: DAY, shopId, signal });
  };

  it("GIVEN 25 due members and batches of 10 THEN three batches commit (10, 10, 5) and each member is granted once", async () => {
    const { shop, members } = await shopWithMembers("pages.myshopify.com", 25);
    const batches: number[] = [];
    expect(await sweep(shop.id, { batchSize: 10, onBatchCommitted: (progress) => batches.push(progress.items) })).toEqual({ processed: 25, complete: true });
    expect(batches).toEqual([10, 10, 5]);
    await expectGrantedOncePerDay(database, shop, members, [DAY]);
  });

  it("GIVEN a crash in the third batch THEN the first two batches stay, the third is rolled back whole, and a rerun finishes without granting twice", async () => {
    const { shop, members } = await shopWithMembers("crashes.myshopify.com", 25);
    const crashAt = members[23];
    await expect(sweep(shop.id, { batchSize: 10, failOnCustomerGid: crashAt })).rejects.toThrow(/simulated crash/);
    expect(await bonusKeys(database, shop.id)).toHaveLength(20);

    expect(await sweep(shop.id, { batchSize: 10 })).toEqual({ processed: 5, complete: true });
    expect(await sweep(shop.id, { batchSize: 10 })).toEqual({ processed: 0, complete: true });
    await expectGrantedOncePerDay(database, shop, members, [DAY]);
  });

  it("GIVEN the signal fires during a batch THEN that batch commits, the sweep stops before the next and says it is incomplete", async () => {
    const { shop, members } = await shopWithMembers("stops.myshopify.com", 25);
    const controller = new AbortController();
    const result = await sweep(shop.id, { batchSize: 10, onBatchCommitted: () => controller.abort() }, controller.signal);
    expect(result).toEqual({ processed: 10, complete: false });
    expect(await bonusKeys(database, shop.id)).toHaveLength(10);

    expect(await sweep(shop.id, { batchSize: 10 })).toEqual({ processed: 15, complete: true });
    await expectGrantedOncePerDay(database, shop, members, [DAY]);
  });

  it("GIVEN items that stay due after processing THEN the keyset cursor still ends the sweep", async () => {
    const { shop } = await shopWithMembers("stays-due.myshopify.com", 7);
    const seen: number[] = [];
    const result = await sweepInBatches<{ id: number }, number>({
      database,
      signal: new AbortController().signal,
      batchSize: 3,
      fetchBatch: (tx, after, limit) =>
        tx.selectFrom("Customer").select("id").where("shopId", "=", shop.id).where("id", ">", after ?? 0).orderBy("id").limit(limit).execute(),
      cursorOf: (item) => item.id,
      processItem: async (_tx, item) => void seen.push(item.id),
    });
    // Seven members and the one customer who is not a member.
    expect(result).toEqual({ processed: 8, complete: true });
    expect(new Set(seen).size).toBe(8);
  });
});
