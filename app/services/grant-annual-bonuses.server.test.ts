import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfLocalDay } from "../loyalty/calendar/calendar";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectProjectionMatchesLedger } from "../test/shops";
import { ANNUAL_ACTOR, birthdaysDueAround, enrolmentsDueAround, grantAnnualBonuses } from "./grant-annual-bonuses.server";
import { addMember, availablePoints, journalsOfKind, shopWithRules, type TestShop } from "./scheduled-work.fixture";

const NEW_YORK = "America/New_York";
/** 10 March 2026 starts at 04:00 UTC in New York (daylight saving time began on 8 March). */
const BIRTHDAY_START = startOfLocalDay({ year: 2026, month: 3, day: 10 }, NEW_YORK);
const MS = 1;

describe.each(DATABASE_KINDS)("grantAnnualBonuses on %s", (kind) => {
  let database: TestDatabase;
  let shopCounter = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const annualShop = () =>
    shopWithRules(
      database,
      `annual-${kind}-${shopCounter++}.myshopify.com`,
      (rules) => ({
        ...rules,
        earning: { ...rules.earning, birthday: { enabled: true, points: 50 }, anniversary: { enabled: true, points: 100, increasePerYear: 10 } },
      }),
      NEW_YORK,
    );
  const run = (shop: TestShop, now: Date) => grantAnnualBonuses(database, { shopId: shop.id, now });

  it("GIVEN a birthday on 10 March in a New York shop WHEN the sweep runs just before and at the shop's midnight THEN the bonus comes at 04:00 UTC, once, under the program version", async () => {
    const shop = await annualShop();
    const member = await addMember(database, shop, { enrolledAt: new Date("2026-01-05T15:00:00Z"), birthday: { month: 3, day: 10, year: 1990, setAt: new Date("2026-01-05T15:00:00Z") } });
    expect(BIRTHDAY_START.toISOString()).toBe("2026-03-10T04:00:00.000Z");

    await run(shop, new Date(BIRTHDAY_START.getTime() - MS));
    expect(await journalsOfKind(database, shop, "bonus")).toEqual([]);

    await run(shop, BIRTHDAY_START);
    await run(shop, new Date("2026-03-10T20:00:00Z"));
    await run(shop, new Date("2026-03-25T20:00:00Z"));
    expect(await journalsOfKind(database, shop, "bonus")).toEqual([
      { key: `customer:${member.gid}:birthday:2026`, kind: "bonus", points: 50, programVersion: 2, actor: ANNUAL_ACTOR },
    ]);
    expect(await availablePoints(database, member)).toBe(50);
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN a membership anniversary WHEN two sweeps run at once, then again THEN each anniversary is granted once, growing by year", async () => {
    const shop = await annualShop();
    const member = await addMember(database, shop, { enrolledAt: new Date("2024-03-10T15:00:00Z") });
    const second = new Date("2026-03-10T12:00:00Z");
    await Promise.all([run(shop, second), run(shop, second)]);
    await run(shop, second);
    expect(await journalsOfKind(database, shop, "bonus")).toEqual([
      { key: `customer:${member.gid}:anniversary:2`, kind: "bonus", points: 110, programVersion: 2, actor: ANNUAL_ACTOR },
    ]);
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN many members due WHEN two sweeps in small batches run concurrently THEN every member gets exactly one birthday bonus", async () => {
    const shop = await annualShop();
    const members = [];
    for (let index = 0; index < 12; index++) {
      members.push(await addMember(database, shop, { enrolledAt: new Date("2026-01-02T00:00:00Z"), birthday: { month: 3, day: 10, setAt: new Date("2026-01-02T00:00:00Z") } }));
    }
    const now = new Date("2026-03-11T12:00:00Z");
    const results = await Promise.all([
      grantAnnualBonuses(database, { shopId: shop.id, now, batchSize: 5 }),
      grantAnnualBonuses(database, { shopId: shop.id, now, batchSize: 3 }),
    ]);
    expect(results.every((result) => result.complete)).toBe(true);
    const keys = (await journalsOfKind(database, shop, "bonus")).map((journal) => journal.key);
    expect(keys).toEqual(members.map((member) => `customer:${member.gid}:birthday:2026`).sort());
    await expectProjectionMatchesLedger(database, shop.domain);
  });

  it("GIVEN the catch-up window WHEN a birthday is 30 days or 31 days past THEN only the one 30 days past is granted", async () => {
    const shop = await annualShop();
    const setAt = new Date("2025-06-01T00:00:00Z");
    const enrolledAt = new Date("2025-06-01T00:00:00Z");
    const thirty = await addMember(database, shop, { enrolledAt, birthday: { month: 2, day: 8, setAt } });
    await addMember(database, shop, { enrolledAt, birthday: { month: 2, day: 7, setAt } });
    await run(shop, new Date("2026-03-10T12:00:00Z"));
    expect((await journalsOfKind(database, shop, "bonus")).map((journal) => journal.key)).toEqual([`customer:${thirty.gid}:birthday:2026`]);
  });

  it("GIVEN a birthday set too late, a member who joined after it and a customer who is not a member THEN none of them is granted", async () => {
    const shop = await annualShop();
    await addMember(database, shop, { enrolledAt: new Date("2026-01-02T00:00:00Z"), birthday: { month: 3, day: 10, setAt: new Date("2026-02-20T00:00:00Z") } });
    await addMember(database, shop, { enrolledAt: new Date("2026-03-11T18:00:00Z"), birthday: { month: 3, day: 10, setAt: new Date("2025-01-01T00:00:00Z") } });
    await addMember(database, shop, { enrolledAt: null, birthday: { month: 3, day: 10, setAt: new Date("2025-01-01T00:00:00Z") } });
    await run(shop, new Date("2026-03-12T20:00:00Z"));
    expect(await journalsOfKind(database, shop, "bonus")).toEqual([]);
  });

  it("GIVEN a shop whose program has neither bonus WHEN the sweep runs THEN it reads nobody and grants nothing", async () => {
    const shop = await shopWithRules(database, `annual-off-${kind}.myshopify.com`, (rules) => rules);
    await addMember(database, shop, { enrolledAt: new Date("2025-03-10T00:00:00Z"), birthday: { month: 3, day: 10, setAt: new Date("2025-01-01T00:00:00Z") } });
    expect(await run(shop, new Date("2026-03-10T12:00:00Z"))).toEqual({ processed: 0, complete: true });
    expect(await journalsOfKind(database, shop, "bonus")).toEqual([]);
  });
});

describe("the annual bonus candidate window", () => {
  it("GIVEN 1 March 2026 THEN birthdays from 30 January to 1 March are read, 29 February with 28 February", () => {
    const days = birthdaysDueAround({ year: 2026, month: 3, day: 1 });
    expect(days[0]).toEqual({ month: 1, day: 30 });
    expect(days.at(-1)).toEqual({ month: 3, day: 1 });
    expect(days).toContainEqual({ month: 2, day: 29 });
    expect(days).not.toContainEqual({ month: 1, day: 29 });
  });

  it("GIVEN members since 2024 THEN enrolments one and two years back (and the year before, for windows crossing New Year) are read", () => {
    const ranges = enrolmentsDueAround({ year: 2026, month: 3, day: 10 }, 2024, "UTC");
    expect(ranges.map((range) => [range.from.toISOString(), range.to.toISOString()])).toEqual([
      ["2025-02-07T00:00:00.000Z", "2025-03-12T00:00:00.000Z"],
      ["2024-02-07T00:00:00.000Z", "2024-03-12T00:00:00.000Z"],
      ["2023-02-07T00:00:00.000Z", "2023-03-12T00:00:00.000Z"],
    ]);
  });
});
