import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { markShopUninstalled } from "../repositories/shops.server";
import { createTestDatabase, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { bonusKeys, expectGrantedOncePerDay } from "./expect-bonuses.fixture";
import type { JobDefinition } from "./job";
import { eventually, recordingLogger } from "./recording-logger.fixture";
import { createScheduler, type Scheduler, type SchedulerOptions } from "./scheduler.server";
import { seedMembers, TEST_BONUS_JOB, testBonusJob, type TestBonusOptions } from "./test-bonus-job.fixture";

const DAY = new Date("2026-03-01T09:00:00Z");

describe("the in-process scheduler (embedded database)", () => {
  let database: TestDatabase;
  const running: Scheduler[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((scheduler) => scheduler.stop()));
  });
  afterAll(() => database.drop());

  let shopCounter = 0;
  async function shopWithMembers(count: number) {
    const shop = await installTestShop(database, `in-process-${shopCounter++}.myshopify.com`);
    return { shop, members: await seedMembers(database, shop.id, count) };
  }
  function scheduler(jobs: JobDefinition[], options: SchedulerOptions = {}) {
    const recorder = recordingLogger();
    const created = createScheduler(database, jobs, { now: () => DAY, logger: recorder.logger, firstRunDelayMs: 0, ...options });
    running.push(created);
    return { scheduler: created, ...recorder };
  }
  const bonus = (options: TestBonusOptions = {}) => testBonusJob({ batchSize: 5, ...options });

  it("GIVEN installed and uninstalled shops WHEN the scheduler starts THEN every job runs once at once, for installed shops only", async () => {
    const first = await shopWithMembers(6);
    const second = await shopWithMembers(3);
    const gone = await shopWithMembers(4);
    await markShopUninstalled(database.db, gone.shop.domain, DAY);
    let globalRuns = 0;
    const global: JobDefinition = { name: "global-count", everyMinutes: 60, perShop: false, run: async () => ({ processed: ++globalRuns, complete: true }) };
    const { scheduler: jobs, named } = scheduler([bonus(), global]);

    await jobs.start();
    await eventually("both first runs", () => (named("job.finished").length === 2 ? true : undefined));

    expect(globalRuns).toBe(1);
    expect(named("job.finished").find((entry) => entry.fields.job === TEST_BONUS_JOB)?.fields).toMatchObject({ processed: 9, complete: true });
    await expectGrantedOncePerDay(database, first.shop, first.members, [DAY]);
    await expectGrantedOncePerDay(database, second.shop, second.members, [DAY]);
    expect(await bonusKeys(database, gone.shop.id)).toEqual([]);
  });

  it("GIVEN a slow run WHEN its next slot arrives and runNow and trigger are called meanwhile THEN runs never overlap and each member is granted once", async () => {
    const { shop, members } = await shopWithMembers(20);
    let active = 0;
    let most = 0;
    const onRun = (event: "begin" | "end") => {
      active += event === "begin" ? 1 : -1;
      most = Math.max(most, active);
    };
    // The clock starts 300 ms before an hourly slot, so the slot fires during the first run.
    const base = new Date("2026-03-01T09:59:59.700Z").getTime();
    const started = Date.now();
    const { scheduler: jobs, named } = scheduler([bonus({ delayMs: 150, onRun })], { now: () => new Date(base + Date.now() - started) });

    await jobs.start();
    await eventually("the first run", () => (active === 1 ? true : undefined));
    await Promise.all([jobs.runNow(TEST_BONUS_JOB, shop.id), jobs.runNow(TEST_BONUS_JOB), jobs.trigger(TEST_BONUS_JOB, shop.id), jobs.runNow(TEST_BONUS_JOB, shop.id)]);
    await eventually("every run", () => (named("job.finished").length === 5 ? true : undefined));

    expect(most).toBe(1);
    expect(named("job.skipped")).toEqual([{ level: "info", event: "job.skipped", fields: { job: TEST_BONUS_JOB, reason: "still running" } }]);
    await expectGrantedOncePerDay(database, shop, members, [new Date(base)]);
  });

  it("GIVEN a clock that reads just before an hourly slot when the slot's timer fires THEN the job runs once for that slot, not again at once", async () => {
    // The clock stands still 300 ms before the slot: when the timer fires, "now" is still
    // before the slot, as when a timer fires a millisecond early. The slot must not re-arm itself.
    const { shop, members } = await shopWithMembers(3);
    const frozen = new Date("2026-03-01T09:59:59.700Z");
    const { scheduler: jobs, named } = scheduler([bonus()], { now: () => frozen, runAtStart: false });

    await jobs.start();
    await eventually("the slot's run", () => (named("job.finished").length >= 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_200));

    expect(named("job.started")).toHaveLength(1);
    await expectGrantedOncePerDay(database, shop, members, [frozen]);
  });

  it("GIVEN a run in progress WHEN the scheduler stops THEN the run ends after its current batch, and the next scheduler finishes the rest once", async () => {
    const { shop, members } = await shopWithMembers(30);
    const { scheduler: jobs, named } = scheduler([bonus({ delayMs: 40, onBatchCommitted: () => void jobs.stop() })]);

    await jobs.start();
    await eventually("the interrupted run", () => named("job.finished")[0]);
    await jobs.stop();

    expect(named("job.finished")[0]?.fields).toMatchObject({ processed: 5, complete: false });
    expect(await bonusKeys(database, shop.id)).toHaveLength(5);
    await expect(jobs.runNow(TEST_BONUS_JOB)).rejects.toThrow(/stopped/);

    const { scheduler: restarted } = scheduler([bonus()]);
    expect(await restarted.runNow(TEST_BONUS_JOB, shop.id)).toEqual({ processed: 25, complete: true });
    await expectGrantedOncePerDay(database, shop, members, [DAY]);
  });

  it("GIVEN a run that crashes midway THEN its committed batches stay, and the run at the next start completes without granting twice", async () => {
    const { shop, members } = await shopWithMembers(18);
    const { scheduler: crashing, named: crashLog } = scheduler([bonus({ failOnCustomerGid: members[12] })]);
    await crashing.start();
    await eventually("the crash", () => crashLog("job.failed")[0]);
    await crashing.stop();
    expect(crashLog("job.failed")[0]?.fields.error).toMatch(/simulated crash/);
    expect(await bonusKeys(database, shop.id)).toHaveLength(10);

    const { scheduler: restarted, named } = scheduler([bonus()]);
    await restarted.start();
    const finished = await eventually("the catch-up run", () => named("job.finished")[0]);

    expect(finished.fields).toMatchObject({ processed: 8, complete: true });
    await expectGrantedOncePerDay(database, shop, members, [DAY]);
  });

  it("GIVEN one shop whose sweep fails THEN the other shops are still swept, and the failure names the shop", async () => {
    const failing = await shopWithMembers(4);
    const healthy = await shopWithMembers(4);
    const { scheduler: jobs } = scheduler([bonus({ failOnCustomerGid: failing.members[0] })], { runAtStart: false });

    await expect(jobs.runNow(TEST_BONUS_JOB)).rejects.toThrow(/failed for 1 shop/);
    await expectGrantedOncePerDay(database, healthy.shop, healthy.members, [DAY]);
  });

  it("GIVEN an unknown job name THEN runNow and trigger refuse it", async () => {
    const { scheduler: jobs } = scheduler([bonus()], { runAtStart: false });
    await expect(jobs.runNow("no-such-job")).rejects.toThrow(/no scheduled job/);
    await expect(jobs.trigger("no-such-job")).rejects.toThrow(/no scheduled job/);
  });
});
