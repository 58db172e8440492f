import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseServerEnv } from "../env.server";
import { eventually } from "../jobs/recording-logger.fixture";
import { addMember, journalsOfKind, shopWithRules, type TestShop } from "../services/scheduled-work.fixture";
import { JOBS_CALLING_SHOPIFY } from "../jobs/registry.server";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";

const REQUIRED = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret", SHOPIFY_APP_URL: "https://wafa.example" };

describe("the WAFA_JOBS switch", () => {
  it("GIVEN no WAFA_JOBS THEN scheduled work is on; off switches it off; anything else is refused with a clear message", () => {
    expect(parseServerEnv(REQUIRED).WAFA_JOBS).toBe("on");
    expect(parseServerEnv({ ...REQUIRED, WAFA_JOBS: "off" }).WAFA_JOBS).toBe("off");
    expect(() => parseServerEnv({ ...REQUIRED, WAFA_JOBS: "maybe" })).toThrow(/WAFA_JOBS: WAFA_JOBS must be on or off/);
  });
});

describe.each(DATABASE_KINDS)("scheduled work in the production server on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer | undefined;
  let shop: TestShop;
  let member: { id: number; gid: string };
  // The server runs on the real clock: the member's birthday is today (UTC shop).
  const today = new Date();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shop = await shopWithRules(database, `server-jobs-${kind}.myshopify.com`, (rules) => ({ ...rules, earning: { ...rules.earning, birthday: { enabled: true, points: 40 } } }));
    const longAgo = new Date(today.getTime() - 400 * 86_400_000);
    member = await addMember(database, shop, { enrolledAt: longAgo, birthday: { month: today.getUTCMonth() + 1, day: today.getUTCDate(), setAt: longAgo } });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GIVEN WAFA_JOBS=on WHEN the server starts THEN its scheduler grants today's birthday once, and SIGTERM stops it cleanly", async () => {
    server = await startAppServer({ databaseUrl: database.url, env: { WAFA_JOBS: "on" } });
    const started = server;
    await eventually("the birthday bonus", async () => ((await journalsOfKind(database, shop, "bonus")).length > 0 ? true : undefined), 25_000);
    await started.stop();
    expect(started.output()).toContain("SIGTERM: closing");
    // No job failed, except those calling Shopify, which has no session for this shop here
    // (their own tests simulate Shopify's edge).
    const failedJobs = [...started.output().matchAll(/job\.failed \{\s*job: '([^']+)'/g)].map((match) => match[1] ?? "");
    expect(failedJobs.filter((name) => !JOBS_CALLING_SHOPIFY.has(name))).toEqual([]);
    expect(started.output()).not.toMatch(/unhandled|uncaught/i);
    expect(await journalsOfKind(database, shop, "bonus")).toEqual([
      { key: `customer:${member.gid}:birthday:${today.getUTCFullYear()}`, kind: "bonus", points: 40, programVersion: 2, actor: "system:grant-annual-bonuses" },
    ]);
  }, 60_000);
});
