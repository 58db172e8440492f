import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type AppDatabase } from "../db/database.server";
import { markShopUninstalled } from "../repositories/shops.server";
import { createTestDatabase, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { bonusKeys, expectGrantedOncePerDay } from "./expect-bonuses.fixture";
import { FAST_SCHEDULER_OPTIONS } from "./fast-scheduler-options.fixture";
import { queueName } from "./pg-boss-scheduler.server";
import { eventually, recordingLogger } from "./recording-logger.fixture";
import { createScheduler, type Scheduler, type SchedulerOptions } from "./scheduler.server";
import { seedMembers, TEST_BONUS_JOB, testBonusJob, type TestBonusOptions } from "./test-bonus-job.fixture";

const DAY = new Date("2026-03-01T09:00:00Z");
const QUEUE = queueName({ name: TEST_BONUS_JOB });

/** Queued, retrying or running jobs of a queue, and failed ones. */
async function queueStates(database: AppDatabase, queue = QUEUE) {
  const { rows } = await sql<{ pending: number; failed: number }>`
    SELECT count(*) FILTER (WHERE state IN ('created', 'retry', 'active'))::int AS pending,
           count(*) FILTER (WHERE state = 'failed')::int AS failed
    FROM pgboss.job WHERE name = ${queue}`.execute(database.db);
  return rows[0] ?? { pending: 0, failed: 0 };
}

/** Resolves every waiter once `parties` have arrived: lines two sweeps up on the same moment. */
function barrier(parties: number): () => Promise<void> {
  const waiting: Array<() => void> = [];
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === parties) for (const release of waiting) release();
    });
}

describe("the pg-boss scheduler: several app instances on one PostgreSQL", () => {
  let database: TestDatabase;
  let secondConnection: AppDatabase;
  const running: Scheduler[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    // A second app instance has its own connections.
    secondConnection = openDatabase(database.url, { poolSize: 10 });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((scheduler) => scheduler.stop()));
  });
  afterAll(async () => {
    await secondConnection.close();
    await database.drop();
  });

  let shopCounter = 0;
  async function shopWithMembers(count: number) {
    const shop = await installTestShop(database, `instances-${shopCounter++}.myshopify.com`);
    return { shop, members: await seedMembers(database, shop.id, count) };
  }
  function instance(connection: AppDatabase, bonus: TestBonusOptions, options: SchedulerOptions = {}) {
    const recorder = recordingLogger();
    const scheduler = createScheduler(connection, [testBonusJob({ batchSize: 7, ...bonus })], { now: () => DAY, logger: recorder.logger, ...FAST_SCHEDULER_OPTIONS, ...options });
    running.push(scheduler);
    return { scheduler, ...recorder };
  }
  const drained = () => eventually("the queue to drain", async () => ((await queueStates(database)).pending === 0 ? true : undefined));

  it("GIVEN two instances starting together THEN the catch-up tick fans out one job per installed shop, and every member is granted once", async () => {
    const shops = [await shopWithMembers(30), await shopWithMembers(30), await shopWithMembers(30)];
    const gone = await shopWithMembers(5);
    await markShopUninstalled(database.db, gone.shop.domain, DAY);
    const first = instance(database, {});
    const second = instance(secondConnection, {});

    await Promise.all([first.scheduler.start(), second.scheduler.start()]);
    await eventually("every grant", async () => {
      const granted = await Promise.all(shops.map(({ shop }) => bonusKeys(database, shop.id)));
      return granted.every((keys) => keys.length === 30) ? true : undefined;
    });
    await drained();

    for (const { shop, members } of shops) await expectGrantedOncePerDay(database, shop, members, [DAY]);
    expect(await bonusKeys(database, gone.shop.id)).toEqual([]);
    const swept = [...first.named("job.finished"), ...second.named("job.finished")].map((entry) => entry.fields.shopId);
    expect(new Set(swept)).toEqual(new Set(shops.map(({ shop }) => shop.id)));
    expect([...first.named("job.failed"), ...second.named("job.failed")]).toEqual([]);
    expect((await queueStates(database)).failed).toBe(0);
  });

  it("GIVEN two instances running the same sweeps at once, many times over five days (runNow on both, and queued runs) THEN each member is granted exactly once a day", async () => {
    const shops = [await shopWithMembers(40), await shopWithMembers(40)];
    let today = DAY;
    const first = instance(database, {}, { now: () => today });
    const second = instance(secondConnection, {}, { now: () => today });
    await Promise.all([first.scheduler.start(), second.scheduler.start()]);

    const days: Date[] = [];
    for (let day = 0; day < 5; day++) {
      today = new Date(DAY.getTime() + day * 86_400_000);
      days.push(today);
      const runs = shops.flatMap(({ shop }) => [
        first.scheduler.runNow(TEST_BONUS_JOB, shop.id),
        second.scheduler.runNow(TEST_BONUS_JOB, shop.id),
        first.scheduler.trigger(TEST_BONUS_JOB, shop.id),
        second.scheduler.trigger(TEST_BONUS_JOB, shop.id),
      ]);
      runs.push(first.scheduler.runNow(TEST_BONUS_JOB), second.scheduler.runNow(TEST_BONUS_JOB));
      await Promise.all(runs);
    }
    await drained();

    for (const { shop, members } of shops) await expectGrantedOncePerDay(database, shop, members, days);
    expect([...first.named("job.failed"), ...second.named("job.failed")]).toEqual([]);
  });

  it("GIVEN two sweeps that read the same due members at the same moment, without row locks THEN the ledger's unique key lets one grant through and the other finds nothing left", async () => {
    const { shop, members } = await shopWithMembers(7);
    const together = barrier(2);
    const first = instance(database, { lockRows: false, beforeFirstWrite: together }, { runAtStart: false });
    const second = instance(secondConnection, { lockRows: false, beforeFirstWrite: together }, { runAtStart: false });

    const results = await Promise.all([first.scheduler.runNow(TEST_BONUS_JOB, shop.id), second.scheduler.runNow(TEST_BONUS_JOB, shop.id)]);

    expect(results.map((result) => result.processed).sort()).toEqual([0, 7]);
    await expectGrantedOncePerDay(database, shop, members, [DAY]);
  });

  it("GIVEN a sweep longer than half its lease THEN it stops at the budget, queues its continuation, and the sweep completes once", async () => {
    const { shop, members } = await shopWithMembers(24);
    const slow = instance(database, { batchSize: 2, delayMs: 200 }, { leaseSeconds: 2, runAtStart: false, concurrency: 1 });
    await slow.scheduler.start();

    await slow.scheduler.trigger(TEST_BONUS_JOB, shop.id);
    await eventually("every grant", async () => ((await bonusKeys(database, shop.id)).length === 24 ? true : undefined), 20_000);
    await drained();

    expect(slow.named("job.continued").length).toBeGreaterThanOrEqual(1);
    expect(slow.named("job.failed")).toEqual([]);
    await expectGrantedOncePerDay(database, shop, members, [DAY]);
  });

  it("GIVEN an instance that shuts down mid-sweep THEN its run stops between batches and another instance finishes the shop", async () => {
    const { shop, members } = await shopWithMembers(30);
    const leaving = instance(database, { batchSize: 3, delayMs: 100, onBatchCommitted: () => void leaving.scheduler.stop() }, { runAtStart: false });
    await leaving.scheduler.start();
    await leaving.scheduler.trigger(TEST_BONUS_JOB, shop.id);
    await eventually("the interrupted run", () => leaving.named("job.continued")[0]);
    await leaving.scheduler.stop();
    expect(leaving.named("job.finished")[0]?.fields).toMatchObject({ processed: 3, complete: false });

    const staying = instance(secondConnection, {}, { runAtStart: false });
    await staying.scheduler.start();
    await eventually("every grant", async () => ((await bonusKeys(database, shop.id)).length === 30 ? true : undefined));
    await drained();

    expect(staying.named("job.finished")[0]?.fields).toMatchObject({ shopId: shop.id, processed: 27, complete: true });
    await expectGrantedOncePerDay(database, shop, members, [DAY]);
  });
});
