import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfLocalDay } from "../loyalty/calendar/calendar";
import type { ExpiryRule } from "../loyalty/program/program";
import { listMemberEvents } from "../repositories/member-events.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectProjectionMatchesLedger } from "../test/shops";
import { EXPIRY_ACTOR, expirePoints } from "./expire-points.server";
import { addMember, availablePoints, earnPoints, journalsOfKind, shopWithRules, type MemberRow, type TestShop } from "./scheduled-work.fixture";

const MS = 1;
const TOKYO = "Asia/Tokyo";

describe.each(DATABASE_KINDS)("expirePoints on %s", (kind) => {
  let database: TestDatabase;
  let shopCounter = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const shopExpiring = (expiry: ExpiryRule, timeZone = "UTC") =>
    shopWithRules(database, `expiry-${kind}-${shopCounter++}.myshopify.com`, (rules) => ({ ...rules, expiry }), timeZone);
  const run = (shop: TestShop, now: Date) => expirePoints(database, { shopId: shop.id, now });
  const reminders = async (member: MemberRow) =>
    (await listMemberEvents(database.db, member.id)).filter((event) => event.kind === "points_expiring").map((event) => event.key).sort();

  it("GIVEN points earned in two batches with 1-month expiry in a Tokyo shop WHEN the sweep runs around the expiry day THEN the first batch expires at Tokyo's midnight, once, and only what is left of it", async () => {
    const shop = await shopExpiring({ policy: "per_batch", months: 1, reminderDaysBefore: [] }, TOKYO);
    const member = await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z") });
    // 15 January 10:00 in Tokyo: the lot expires at the start of 15 February there (14 February 15:00 UTC).
    await earnPoints(database, shop, member, 100, new Date("2026-01-15T01:00:00Z"));
    await earnPoints(database, shop, member, 40, new Date("2026-02-10T01:00:00Z"));
    const expiresAt = startOfLocalDay({ year: 2026, month: 2, day: 15 }, TOKYO);
    expect(expiresAt.toISOString()).toBe("2026-02-14T15:00:00.000Z");

    await run(shop, new Date(expiresAt.getTime() - MS));
    expect(await journalsOfKind(database, shop, "expire")).toEqual([]);

    await run(shop, expiresAt);
    await run(shop, new Date(expiresAt.getTime() + 3_600_000));
    const lot = `test:earn:${member.gid}:2026-01-15T01:00:00.000Z`;
    expect(await journalsOfKind(database, shop, "expire")).toEqual([
      { key: `customer:${member.gid}:expire:batch:${lot}`, kind: "expire", points: -100, programVersion: 2, actor: EXPIRY_ACTOR },
    ]);
    expect(await availablePoints(database, member)).toBe(40);
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN reminders 30 and 7 days ahead WHEN the sweep runs daily THEN each reminder is recorded once, before the expiry, and none after it", async () => {
    const shop = await shopExpiring({ policy: "per_batch", months: 2, reminderDaysBefore: [30, 7] });
    const member = await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z") });
    await earnPoints(database, shop, member, 100, new Date("2026-01-10T12:00:00Z"));
    // Expires 10 March 00:00 UTC: the 30-day reminder is due from 8 February, the 7-day one from 3 March.
    await run(shop, new Date("2026-02-07T23:59:59.999Z"));
    expect(await reminders(member)).toEqual([]);
    for (const day of ["2026-02-08T00:00:00Z", "2026-02-08T01:00:00Z", "2026-02-20T00:00:00Z", "2026-03-03T00:00:00Z", "2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z"]) {
      await run(shop, new Date(day));
    }
    expect(await reminders(member)).toEqual([
      `customer:${member.gid}:expiry-reminder:2026-03-10:30`,
      `customer:${member.gid}:expiry-reminder:2026-03-10:7`,
    ]);
    const [latest] = await listMemberEvents(database.db, member.id);
    expect(JSON.parse(latest?.payload ?? "{}")).toEqual({ points: 100, expiresAt: "2026-03-10T00:00:00.000Z", expiryDate: "2026-03-10", daysBefore: 7, programVersion: 2 });
    expect((await journalsOfKind(database, shop, "expire")).map((journal) => journal.points)).toEqual([-100]);
  });

  it("GIVEN the inactivity policy WHEN two sweeps run at once after the dormant period THEN the whole balance expires once, and new activity starts a new period", async () => {
    const shop = await shopExpiring({ policy: "inactivity", months: 3, reminderDaysBefore: [14] });
    const member = await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z") });
    const idle = await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z") });
    await earnPoints(database, shop, member, 70, new Date("2026-01-20T12:00:00Z"));
    await earnPoints(database, shop, member, 30, new Date("2026-02-01T12:00:00Z"));
    await earnPoints(database, shop, idle, 10, new Date("2026-04-01T12:00:00Z"));

    await run(shop, new Date("2026-04-30T23:59:59.999Z"));
    expect(await journalsOfKind(database, shop, "expire")).toEqual([]);
    expect(await reminders(member)).toEqual([`customer:${member.gid}:expiry-reminder:2026-05-01:14`]);

    const due = new Date("2026-05-01T00:00:00Z");
    await Promise.all([run(shop, due), run(shop, due)]);
    await run(shop, due);
    expect(await journalsOfKind(database, shop, "expire")).toEqual([
      { key: `customer:${member.gid}:expire:inactive:2026-02-01`, kind: "expire", points: -100, programVersion: 2, actor: EXPIRY_ACTOR },
    ]);
    expect(await availablePoints(database, idle)).toBe(10);

    await earnPoints(database, shop, member, 5, new Date("2026-06-01T12:00:00Z"));
    await run(shop, new Date("2026-09-01T00:00:00Z"));
    expect((await journalsOfKind(database, shop, "expire")).map((journal) => [journal.key, journal.points])).toEqual([
      [`customer:${member.gid}:expire:inactive:2026-02-01`, -100],
      [`customer:${member.gid}:expire:inactive:2026-06-01`, -5],
      [`customer:${idle.gid}:expire:inactive:2026-04-01`, -10],
    ]);
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN many members with expiring lots WHEN two sweeps in small batches run concurrently THEN each lot expires exactly once", async () => {
    const shop = await shopExpiring({ policy: "per_batch", months: 1, reminderDaysBefore: [7] });
    const members: MemberRow[] = [];
    for (let index = 0; index < 11; index++) {
      const member = await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z") });
      await earnPoints(database, shop, member, 10 + index, new Date("2026-01-05T12:00:00Z"));
      members.push(member);
    }
    const now = new Date("2026-02-06T00:00:00Z");
    await Promise.all([expirePoints(database, { shopId: shop.id, now, batchSize: 4 }), expirePoints(database, { shopId: shop.id, now, batchSize: 3 })]);
    const expired = await journalsOfKind(database, shop, "expire");
    expect(expired).toHaveLength(members.length);
    expect(expired.reduce((sum, journal) => sum + journal.points, 0)).toBe(-members.reduce((sum, _member, index) => sum + 10 + index, 0));
    for (const member of members) expect(await availablePoints(database, member)).toBe(0);
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN a shop whose points never expire WHEN the sweep runs years later THEN nothing expires and nobody is read", async () => {
    const shop = await shopWithRules(database, `expiry-never-${kind}.myshopify.com`, (rules) => rules);
    const member = await addMember(database, shop, { enrolledAt: new Date("2026-01-01T00:00:00Z") });
    await earnPoints(database, shop, member, 100, new Date("2026-01-15T12:00:00Z"));
    expect(await run(shop, new Date("2030-01-01T00:00:00Z"))).toEqual({ processed: 0, complete: true });
    expect(await journalsOfKind(database, shop, "expire")).toEqual([]);
    expect(await reminders(member)).toEqual([]);
  });
});
