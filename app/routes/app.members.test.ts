import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchTextOf } from "../repositories/customers.server";
import { findShop } from "../repositories/shops.server";
import { recordCustomer } from "../services/record-customer.server";
import { adminFetch, loadRoute, submitRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, postWebhook } from "../test/requests";
import { expectProjectionMatchesLedger } from "../test/shops";

const LIST = "routes/app.members._index";
const DETAIL = "routes/app.members.$id";

type ListData = {
  members: Array<{ id: number; name: string; email: string | null; available: number; lifetime: number; tierName: string | null }>;
  nextCursor: string | null;
  previousCursor: string | null;
};
type DetailData = {
  member: {
    id: number;
    name: string;
    balance: { available: number; pending: number; lifetime: number };
    ledger: { entries: Array<{ kind: string; orderName: string | null; memo: string | null; actorName: string | null; available: number }>; nextBefore: number | null };
    birthday: { month: number; day: number; year: number | null } | null;
  };
  idempotencyKey: string;
};
type ActionData = { ok: boolean; errors: Record<string, string | undefined> };

describe.each(DATABASE_KINDS)("the members pages through signed requests on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `members-${kind}.myshopify.com`;
  const otherShop = `members-other-${kind}.myshopify.com`;
  const ids = new Map<string, number>();

  const customer = async (domain: string, number: number, firstName: string, lastName: string) => {
    const at = new Date(`2026-02-0${(number % 9) + 1}T00:00:00Z`);
    await recordCustomer(
      database,
      domain,
      // Newer than the order payloads' customer, so the order does not rename them.
      { customerGid: `gid://shopify/Customer/${number}`, email: `${firstName.toLowerCase().replace(/\W/g, "")}@example.com`, firstName, lastName, phone: null, shopifyCreatedAt: at, shopifyUpdatedAt: new Date("2026-05-01T00:00:00Z") },
      { topic: "customers/create", receivedAt: at },
    );
    const row = await database.db.selectFrom("Customer").select("id").where("customerGid", "=", `gid://shopify/Customer/${number}`).executeTakeFirstOrThrow();
    ids.set(`${domain}:${number}`, row.id);
    return row.id;
  };
  const list = async (query: string) => {
    const result = await loadRoute(server, shop, `/app/members${query}`, LIST);
    expect(result.status).toBe(200);
    return result.data as ListData;
  };
  const detail = async (id: number) => {
    const result = await loadRoute(server, shop, `/app/members/${id}`, DETAIL);
    expect(result.status).toBe(200);
    return result.data as DetailData;
  };
  const adjust = (id: number, fields: Record<string, string>) => submitRoute(server, shop, `/app/members/${id}`, { intent: "adjust", ...fields });
  const amina = () => ids.get(`${shop}:1`) ?? 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    await arrangeInstalledShop(database, otherShop);
    await customer(shop, 1, "Amina", "Salem");
    await customer(shop, 2, "Yusuf", "Haddad");
    await customer(shop, 3, "=HYPERLINK(\"http://evil\")", "Smith, \"Jr\"");
    await customer(otherShop, 9, "Other", "Shopper");
    // 52 more members: the list has two pages of 50.
    const shopRow = await findShop(database.db, shop);
    if (!shopRow) throw new Error("no shop");
    const now = new Date("2026-02-15T00:00:00Z");
    await database.db
      .insertInto("Customer")
      .values(
        Array.from({ length: 52 }, (_unused, index) => {
          const names = { firstName: "Bulk", lastName: `Member ${index}`, email: `bulk${index}@example.com` };
          return { shopId: shopRow.id, customerGid: `gid://shopify/Customer/${1000 + index}`, ...names, searchText: searchTextOf(names), enrolledAt: now, pointsAvailable: 0, createdAt: now, updatedAt: now };
        }),
      )
      .execute();
    server = await startAppServer({ databaseUrl: database.url });
    const response = await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9101, customerId: 1, subtotal: "120.00" }) });
    expect(response.status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GIVEN a search THEN only members whose name or email match, with their points", async () => {
    const page = await list("?q=AMINA");
    expect(page.members).toEqual([expect.objectContaining({ name: "Amina Salem", email: "amina@example.com", available: 120, lifetime: 120 })]);
    expect((await list("?q=salem%20amina")).members.map((member) => member.name)).toEqual(["Amina Salem"]);
    expect((await list("?q=nobody")).members).toEqual([]);
  });

  it("GIVEN filters and a sort THEN the list follows them", async () => {
    expect((await list("?minPoints=100")).members.map((member) => member.name)).toEqual(["Amina Salem"]);
    expect((await list("?sort=balance&direction=desc")).members[0]?.name).toBe("Amina Salem");
    expect((await list("?sort=name&direction=asc&q=yusuf")).members.map((member) => member.name)).toEqual(["Yusuf Haddad"]);
    expect((await list("?tier=_none&q=amina")).members).toHaveLength(1);
    expect((await list("?tier=gold")).members).toEqual([]);
    expect((await list("?lastOrderFrom=2026-03-01&lastOrderTo=2026-03-01")).members.map((member) => member.name)).toEqual(["Amina Salem"]);
  });

  it("GIVEN 55 members THEN pages of 50, forwards and back, each member once", async () => {
    const first = await list("?sort=name&direction=asc");
    expect(first.members).toHaveLength(50);
    expect(first.previousCursor).toBeNull();
    const second = await list(`?sort=name&direction=asc&after=${encodeURIComponent(first.nextCursor ?? "")}`);
    expect(second.members).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.members, ...second.members].map((member) => member.id)).size).toBe(55);
    const back = await list(`?sort=name&direction=asc&before=${encodeURIComponent(second.previousCursor ?? "")}`);
    expect(back.members.map((member) => member.id)).toEqual(first.members.map((member) => member.id));
  });

  it("GIVEN a member THEN the page shows the balance and the ledger entry with its order", async () => {
    const data = await detail(amina());
    expect(data.member).toMatchObject({ name: "Amina Salem", balance: { available: 120, pending: 0, lifetime: 120 } });
    expect(data.member.ledger.entries).toEqual([expect.objectContaining({ kind: "earn", orderName: "#9101", available: 120 })]);
    expect(data.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("GIVEN an adjustment of +25 and then −45 THEN the balance moves and the history names the staff member and the reason", async () => {
    const added = await adjust(amina(), { points: "25", reason: "Goodwill for a late parcel", idempotencyKey: "route-test-add-1" });
    expect(added.status).toBe(200);
    expect(added.data).toMatchObject({ ok: true });
    const removed = await adjust(amina(), { points: "-45", reason: "Points given twice by mistake", idempotencyKey: "route-test-remove-1" });
    expect(removed.data).toMatchObject({ ok: true });
    const data = await detail(amina());
    expect(data.member.balance).toEqual({ available: 100, pending: 0, lifetime: 100 });
    expect(data.member.ledger.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: "adjust", available: -45, memo: "Points given twice by mistake", actorName: "Test Staff" }),
      expect.objectContaining({ kind: "adjust", available: 25, memo: "Goodwill for a late parcel", actorName: "Test Staff" }),
    ]);
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN a deduction larger than the balance THEN it is refused with the reason, and nothing is written", async () => {
    const before = (await detail(amina())).member.balance.available;
    const result = await adjust(amina(), { points: "-5000", reason: "Too much", idempotencyKey: "route-test-too-much" });
    expect(result.status).toBe(400);
    expect((result.data as ActionData).errors.points).toContain(`has ${before} points available`);
    expect((await detail(amina())).member.balance.available).toBe(before);
  });

  it("GIVEN no reason, zero points or too many points THEN each field says what is wrong", async () => {
    const noReason = await adjust(amina(), { points: "10", reason: "  ", idempotencyKey: "route-test-no-reason" });
    expect(noReason.status).toBe(400);
    expect((noReason.data as ActionData).errors).toEqual({ reason: "Enter a reason: the member's history shows it." });
    const zero = await adjust(amina(), { points: "0", reason: "Nothing", idempotencyKey: "route-test-zero" });
    expect((zero.data as ActionData).errors.points).toBe("Enter a number of points other than 0.");
    const huge = await adjust(amina(), { points: "2000000", reason: "Typo", idempotencyKey: "route-test-huge" });
    expect((huge.data as ActionData).errors.points).toBe("You can add at most 1,000,000 points at a time.");
    const fraction = await adjust(amina(), { points: "1.5", reason: "Half", idempotencyKey: "route-test-half" });
    expect((fraction.data as ActionData).errors.points).toBe("Points must be a whole number.");
  });

  it("GIVEN the same form submitted twice at once THEN one journal and one change of balance", async () => {
    const before = (await detail(amina())).member.balance.available;
    const fields = { points: "7", reason: "Double click", idempotencyKey: "route-test-double-submit" };
    const results = await Promise.all([adjust(amina(), fields), adjust(amina(), fields)]);
    expect(results.map((result) => result.status)).toEqual([200, 200]);
    const journals = await database.db.selectFrom("LedgerJournal").select("key").where("key", "like", "adjust:%:route-test-double-submit").execute();
    expect(journals).toHaveLength(1);
    expect((await detail(amina())).member.balance.available).toBe(before + 7);
  });

  it("GIVEN a birthday THEN it is saved, a 30 February is refused, and it can be cleared", async () => {
    const yusuf = ids.get(`${shop}:2`) ?? 0;
    const saved = await submitRoute(server, shop, `/app/members/${yusuf}`, { intent: "birthday", month: "7", day: "14", year: "" });
    expect(saved.data).toMatchObject({ ok: true });
    expect((await detail(yusuf)).member.birthday).toEqual(expect.objectContaining({ month: 7, day: 14, year: null }));
    const invalid = await submitRoute(server, shop, `/app/members/${yusuf}`, { intent: "birthday", month: "2", day: "30", year: "" });
    expect(invalid.status).toBe(400);
    expect((invalid.data as ActionData).errors.day).toBe("February has only 29 days.");
    await submitRoute(server, shop, `/app/members/${yusuf}`, { intent: "clear-birthday" });
    expect((await detail(yusuf)).member.birthday).toBeNull();
  });

  it("GIVEN the CSV export THEN every matching member, RFC 4180 quoted and safe from spreadsheet formulas", async () => {
    const response = await adminFetch(server, shop, "/app/members/export.csv?sort=name&direction=asc");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = (await response.text()).replace(/^\uFEFF/, "");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("Customer ID,Name,Email,Tier,Available points,Pending points,Points earned,Orders,Last order,Member since");
    expect(lines.filter(Boolean)).toHaveLength(56);
    expect(lines).toContain("1,Amina Salem,amina@example.com,,107,0,107,1,2026-03-01,2026-02-02");
    expect(lines).toContain(`3,"'=HYPERLINK(""http://evil"") Smith, ""Jr""",hyperlinkhttpevil@example.com,,0,0,0,0,,2026-02-04`);
    const filtered = await (await adminFetch(server, shop, "/app/members/export.csv?q=yusuf")).text();
    expect(filtered.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean)).toHaveLength(2);
  });

  it("GIVEN another shop's member THEN 404, for the page and for an adjustment", async () => {
    const other = ids.get(`${otherShop}:9`) ?? 0;
    // Thrown responses come back as single fetch errors: the HTTP status is what matters here.
    const page = (id: string) => adminFetch(server, shop, `/app/members/${id}.data?_routes=${encodeURIComponent(DETAIL)}`);
    expect((await page(String(other))).status).toBe(404);
    expect((await page("not-a-number")).status).toBe(404);
    const submit = await adminFetch(server, shop, `/app/members/${other}.data`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "adjust", points: "10", reason: "Not mine", idempotencyKey: "route-test-other-shop" }).toString(),
    });
    expect(submit.status).toBe(404);
    expect(await database.db.selectFrom("LedgerJournal").select("key").where("key", "like", "%route-test-other-shop").execute()).toEqual([]);
    expect((await loadRoute(server, otherShop, `/app/members/${other}`, DETAIL)).status).toBe(200);
  });
});
