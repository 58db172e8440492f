import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type AppDatabase } from "../db/database.server";
import { addMember, earnPoints, journalsOfKind, shopWithRules } from "../services/scheduled-work.fixture";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectProjectionMatchesLedger } from "../test/shops";
import { FAST_SCHEDULER_OPTIONS } from "./fast-scheduler-options.fixture";
import { assertValidJobs } from "./job";
import { EXPIRE_POINTS_JOB, GRANT_ANNUAL_BONUSES_JOB, loyaltyJobs } from "./loyalty-jobs.server";
import { eventually, recordingLogger } from "./recording-logger.fixture";
import { JOBS_CALLING_SHOPIFY, registryScheduler, scheduledJobs } from "./registry.server";
import type { Scheduler } from "./scheduler.server";

const DAY = new Date("2026-03-01T09:00:00Z");

describe("the registered jobs", () => {
  it("GIVEN the registry THEN it holds the loyalty jobs, per shop, with supported periods and unique names", () => {
    expect(() => assertValidJobs(scheduledJobs)).not.toThrow();
    for (const job of loyaltyJobs) expect(scheduledJobs).toContain(job);
    expect(loyaltyJobs.map((job) => [job.name, job.everyMinutes, job.perShop])).toEqual([
      ["release-pending-points", 60, true],
      ["expire-points", 60, true],
      ["grant-annual-bonuses", 180, true],
      ["reevaluate-tiers", 360, true],
      ["sync-member-tiers", 15, true],
    ]);
  });
});

describe.each(DATABASE_KINDS)("the loyalty jobs on the %s scheduler", (kind) => {
  let database: TestDatabase;
  let secondInstance: AppDatabase;
  const running: Scheduler[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // PostgreSQL: a second app instance with its own connections and its own pg-boss.
    secondInstance = kind === "postgres" ? openDatabase(database.url, { poolSize: 5 }) : database;
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((scheduler) => scheduler.stop()));
  });
  afterAll(async () => {
    if (secondInstance !== database) await secondInstance.close();
    await database.drop();
  });

  function instance(connection: AppDatabase) {
    const recorder = recordingLogger();
    const scheduler = registryScheduler(connection, { ...FAST_SCHEDULER_OPTIONS, now: () => DAY, logger: recorder.logger });
    running.push(scheduler);
    return { scheduler, ...recorder };
  }

  it("GIVEN a birthday today and points past their expiry WHEN the real jobs start on every instance and run again THEN the bonus and the expiry are written once", async () => {
    const shop = await shopWithRules(database, `jobs-${kind}.myshopify.com`, (rules) => ({
      ...rules,
      earning: { ...rules.earning, birthday: { enabled: true, points: 75 } },
      expiry: { policy: "per_batch", months: 1, reminderDaysBefore: [7] },
    }));
    const birthday = await addMember(database, shop, { enrolledAt: new Date("2025-06-01T00:00:00Z"), birthday: { month: 3, day: 1, setAt: new Date("2025-06-01T00:00:00Z") } });
    const expiring = await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z") });
    await earnPoints(database, shop, expiring, 120, new Date("2026-01-20T12:00:00Z"));

    const instances = kind === "postgres" ? [instance(database), instance(secondInstance)] : [instance(database)];
    await Promise.all(instances.map(({ scheduler }) => scheduler.start()));
    await eventually("the birthday bonus and the expiry", async () => {
      const [bonuses, expiries] = await Promise.all([journalsOfKind(database, shop, "bonus"), journalsOfKind(database, shop, "expire")]);
      return bonuses.length > 0 && expiries.length > 0 ? true : undefined;
    });
    await Promise.all(instances.flatMap(({ scheduler }) => [scheduler.runNow(GRANT_ANNUAL_BONUSES_JOB, shop.id), scheduler.runNow(EXPIRE_POINTS_JOB, shop.id)]));

    expect(await journalsOfKind(database, shop, "bonus")).toEqual([
      { key: `customer:${birthday.gid}:birthday:2026`, kind: "bonus", points: 75, programVersion: 2, actor: "system:grant-annual-bonuses" },
    ]);
    expect((await journalsOfKind(database, shop, "expire")).map((journal) => [journal.key, journal.points])).toEqual([
      [`customer:${expiring.gid}:expire:batch:test:earn:${expiring.gid}:2026-01-20T12:00:00.000Z`, -120],
    ]);
    await expectProjectionMatchesLedger(database, shop.domain);
    // Jobs that call Shopify have no session here (their own tests simulate Shopify's edge).
    const failed = instances.flatMap(({ named }) => named("job.failed")).filter((entry) => !JOBS_CALLING_SHOPIFY.has(String(entry.fields.job)));
    expect(failed).toEqual([]);
  });
});
