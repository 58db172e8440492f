import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCustomerDataExports } from "../repositories/data-exports.server";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordPaidOrder } from "../test/member-orders";
import { installTestShop } from "../test/shops";
import { exportCustomerData } from "./compliance.server";
import { customerDataDownload, DATA_REQUESTS_SHOWN, listCustomerDataRequests } from "./customer-data-requests.server";
import { uninstallShop } from "./uninstall-shop.server";

describe.each(DATABASE_KINDS)("the merchant's customer data requests on %s", (kind) => {
  let database: TestDatabase;
  const shop = `data-requests-service-${kind}.myshopify.com`;
  const otherShop = `data-requests-service-other-${kind}.myshopify.com`;
  const busyShop = `data-requests-service-busy-${kind}.myshopify.com`;
  const leftShop = `data-requests-service-left-${kind}.myshopify.com`;
  const at = (minutes: number) => new Date(Date.UTC(2026, 3, 1, 9, minutes));

  /** customers/data_request as the webhook records it, through the compliance service. */
  const request = async (domain: string, customerNumber: number | string, dataRequestId: string | null, now: Date, orders: readonly string[] = []) => {
    const result = await exportCustomerData(database, domain, { customerGid: `gid://shopify/Customer/${customerNumber}`, dataRequestId, ordersRequested: orders }, now);
    if (result.status !== "exported") throw new Error(`data request not recorded: ${result.status}`);
    return result.exportId;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    for (const domain of [shop, otherShop, busyShop, leftShop]) await installTestShop(database, domain);
    // Customer 801 shopped once (so Wafa holds a profile with an email); 899 never did.
    await recordPaidOrder(database, shop, 801, 8_000, at(0));
  });
  afterAll(() => database?.drop());

  it("GIVEN a shop Wafa does not know THEN there is neither a list nor a download", async () => {
    expect(await listCustomerDataRequests(database, "nobody.myshopify.com")).toBeNull();
    expect(await customerDataDownload(database, "nobody.myshopify.com", 1)).toBeNull();
  });

  it("GIVEN a shop that uninstalled the app THEN its requests are neither listed nor downloadable", async () => {
    const id = await request(leftShop, 801, "70", at(1));
    await uninstallShop(database, leftShop, at(2));
    expect(await listCustomerDataRequests(database, leftShop)).toBeNull();
    expect(await customerDataDownload(database, leftShop, id)).toBeNull();
  });

  it("GIVEN an installed shop without requests THEN the list is empty", async () => {
    expect(await listCustomerDataRequests(database, otherShop)).toEqual([]);
  });

  it("GIVEN a request for a customer Wafa holds THEN it is listed with their email, when it came, the orders asked about and that data is held", async () => {
    const id = await request(shop, 801, "61", at(10), ["gid://shopify/Order/9301"]);
    const [listed] = (await listCustomerDataRequests(database, shop)) ?? [];
    expect(listed).toEqual({
      id,
      customerGid: "gid://shopify/Customer/801",
      email: "c801@example.com",
      dataRequestId: "61",
      receivedAt: at(10),
      ordersRequested: ["gid://shopify/Order/9301"],
      held: true,
    });
  });

  it("GIVEN a request for a customer Wafa never saw THEN it is listed without an email, holding nothing", async () => {
    const id = await request(shop, 899, null, at(11));
    const [listed] = (await listCustomerDataRequests(database, shop)) ?? [];
    expect(listed).toEqual({ id, customerGid: "gid://shopify/Customer/899", email: null, dataRequestId: null, receivedAt: at(11), ordersRequested: [], held: false });
  });

  it("GIVEN several requests THEN the newest is listed first", async () => {
    const older = await request(shop, 801, "62", at(12));
    const newer = await request(shop, 899, "63", at(13));
    const listed = (await listCustomerDataRequests(database, shop)) ?? [];
    expect(listed.slice(0, 2).map((row) => [row.id, row.dataRequestId, row.receivedAt])).toEqual([
      [newer, "63", at(13)],
      [older, "62", at(12)],
    ]);
    expect(listed.map((row) => row.id)).toEqual([...listed.map((row) => row.id)].sort((a, b) => b - a));
    expect(listed).toHaveLength(4);
  });

  it(`GIVEN more than ${DATA_REQUESTS_SHOWN} requests THEN the newest ${DATA_REQUESTS_SHOWN} are listed, and the oldest can still be downloaded`, async () => {
    const ids: number[] = [];
    for (let index = 0; index <= DATA_REQUESTS_SHOWN; index += 1) ids.push(await request(busyShop, 5_000 + index, String(index), new Date(at(20).getTime() + index * 1_000)));
    const listed = (await listCustomerDataRequests(database, busyShop)) ?? [];
    expect(listed).toHaveLength(DATA_REQUESTS_SHOWN);
    expect(listed[0]?.id).toBe(ids[DATA_REQUESTS_SHOWN]);
    expect(listed.at(-1)?.id).toBe(ids[1]);
    expect(listed.map((row) => row.id)).not.toContain(ids[0]);
    expect((await customerDataDownload(database, busyShop, ids[0] ?? -1))?.filename).toBe(`wafa-customer-5000-request-${ids[0]}.json`);
  }, 120_000);

  it("GIVEN another shop's request id THEN this shop downloads nothing, and neither does an id that does not exist", async () => {
    const theirs = await request(shop, 801, "64", at(14));
    expect(await customerDataDownload(database, otherShop, theirs)).toBeNull();
    expect(await customerDataDownload(database, shop, theirs + 10_000)).toBeNull();
    expect(await customerDataDownload(database, shop, theirs)).not.toBeNull();
  });

  it("WHEN the merchant downloads a request THEN the file is named for the customer and the request, and holds the stored export as indented JSON", async () => {
    const id = await request(shop, 801, "65", at(15), ["gid://shopify/Order/9301"]);
    const download = await customerDataDownload(database, shop, id);
    expect(download?.filename).toBe(`wafa-customer-801-request-${id}.json`);
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    const stored = (await listCustomerDataExports(database.db, shopId)).find((row) => row.id === id);
    const body = download?.body ?? "";
    expect(JSON.parse(body)).toEqual(JSON.parse(stored?.export ?? "null"));
    expect(body).toBe(`${JSON.stringify(JSON.parse(stored?.export ?? "null"), null, 2)}\n`);
    expect(JSON.parse(body)).toMatchObject({
      requestedAt: at(15).toISOString(),
      shop,
      customerGid: "gid://shopify/Customer/801",
      dataRequestId: "65",
      ordersRequested: ["gid://shopify/Order/9301"],
      held: true,
      profile: { email: "c801@example.com" },
      membership: { points: { available: 80 } },
    });
  });

  it("GIVEN a customer id that is not a number THEN the file is still named, for 'customer'", async () => {
    const id = await request(shop, "unknown", null, at(16));
    expect((await customerDataDownload(database, shop, id))?.filename).toBe(`wafa-customer-customer-request-${id}.json`);
  });
});
