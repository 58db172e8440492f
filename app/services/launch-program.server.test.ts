import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordPaidOrder } from "../test/paid-orders";
import { installTestShop } from "../test/shops";
import { isProgramLive, launchProgram, pauseProgram } from "./launch-program.server";

const NOW = new Date("2026-06-01T12:00:00Z");
const LATER = new Date("2026-06-02T12:00:00Z");

describe.each(DATABASE_KINDS)("launching the program on %s", (kind) => {
  let database: TestDatabase;
  const shop = `launch-${kind}.myshopify.com`;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
  });
  afterAll(() => database.drop());

  const pointsOf = async (customer: string) =>
    (await database.db.selectFrom("Customer").select("pointsLifetime").where("customerGid", "=", `gid://shopify/Customer/${customer}`).executeTakeFirst())?.pointsLifetime;

  it("GIVEN a program not yet launched THEN customers already earn on their orders", async () => {
    expect(isProgramLive((await findShop(database.db, shop)) ?? { launchedAt: new Date() })).toBe(false);
    await recordPaidOrder(database, shop, { customer: "early", subtotalMinor: 4_250, at: new Date("2026-05-01T00:00:00Z") });
    expect(await pointsOf("early")).toBe(42);
  });

  it("WHEN launched twice THEN it is live from the first launch", async () => {
    expect(await launchProgram(database, shop, NOW)).toMatchObject({ status: "live", launchedAt: NOW, alreadyLive: false });
    expect(await launchProgram(database, shop, LATER)).toEqual({ status: "live", launchedAt: NOW, alreadyLive: true, placement: null });
    const record = await findShop(database.db, shop);
    expect(record?.launchedAt).toEqual(NOW);
    expect(record && isProgramLive(record)).toBe(true);
  });

  it("WHEN paused THEN it is hidden again, points are kept and orders still earn", async () => {
    expect(await pauseProgram(database, shop, LATER)).toEqual({ status: "paused" });
    expect((await findShop(database.db, shop))?.launchedAt).toBeNull();
    await recordPaidOrder(database, shop, { customer: "early", subtotalMinor: 1_000, at: LATER });
    expect(await pointsOf("early")).toBe(52);
    expect(await pauseProgram(database, shop, LATER)).toEqual({ status: "paused" });
  });

  it("GIVEN a shop that is not installed THEN neither launches nor pauses", async () => {
    expect(await launchProgram(database, "nowhere.myshopify.com", NOW)).toEqual({ status: "shop_not_installed" });
    expect(await pauseProgram(database, "nowhere.myshopify.com", NOW)).toEqual({ status: "shop_not_installed" });
  });
});
