import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findShop } from "../../repositories/shops.server";
import { searchTextOf } from "../../repositories/customers.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { installTestShop } from "../../test/shops";
import { recordCustomer } from "../record-customer.server";
import { allMatchingMembers, listMembers, MEMBER_SORTS, MemberListQuerySchema, type MemberListQuery, type MemberSummary } from "./list-members.server";

const NOW = new Date("2026-06-01T00:00:00Z");
const query = (overrides: Partial<Record<keyof MemberListQuery, string>> = {}): MemberListQuery => MemberListQuerySchema.parse(overrides);

describe.each(DATABASE_KINDS)("the members list on %s", (kind) => {
  let database: TestDatabase;
  const shop = "members-list.myshopify.com";

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    const people = [["Amina", "Salem", "amina@example.com"], ["Yusuf", "100%", "yusuf@example.com"], ["Zoe", "Ng", "zoe_ng@example.com"]] as const;
    for (const [index, [firstName, lastName, email]] of people.entries()) {
      const at = new Date(Date.UTC(2026, 1, 1 + index));
      await recordCustomer(
        database,
        shop,
        { customerGid: `gid://shopify/Customer/${index + 1}`, email, firstName, lastName, phone: null, shopifyCreatedAt: at, shopifyUpdatedAt: at },
        { topic: "customers/create", receivedAt: at },
      );
    }
    // 40 more, with ties on every sort column, some without orders and some not members.
    const shopRow = await findShop(database.db, shop);
    if (!shopRow) throw new Error("no shop");
    await database.db
      .insertInto("Customer")
      .values(
        Array.from({ length: 40 }, (_unused, index) => {
          const names = { firstName: `Member${String(index % 7).padStart(2, "0")}`, lastName: "Test", email: `m${index}@example.com` };
          return {
            shopId: shopRow.id, customerGid: `gid://shopify/Customer/${100 + index}`, ...names, searchText: searchTextOf(names),
            enrolledAt: index % 10 === 9 ? null : new Date(Date.UTC(2026, 2, 1 + (index % 5))), enrollmentSource: "customers/create",
            pointsAvailable: (index * 37) % 11, pointsPending: index % 3, pointsLifetime: (index * 13) % 17, orderCount: index % 4,
            lastOrderAt: index % 4 === 0 ? null : new Date(Date.UTC(2026, 3, 1 + (index % 6))), tierId: index % 5 === 0 ? "gold" : null,
            createdAt: NOW, updatedAt: NOW,
          };
        }),
      )
      .execute();
  });
  afterAll(() => database.drop());

  const all = async (q: MemberListQuery) => {
    const members: MemberSummary[] = [];
    const shopRow = await findShop(database.db, shop);
    if (!shopRow) throw new Error("no shop");
    for await (const member of allMatchingMembers(database, shopRow, q, NOW, 7)) members.push(member);
    return members;
  };

  it("pages through members newest first with a cursor, forwards and back", async () => {
    const first = await listMembers(database, shop, query({ q: "example" }), NOW, { limit: 2 });
    // The latest enrolment day (1 March + 4) holds rows 4, 14, 24 and 34: the highest ids first.
    expect(first.members.map((member) => member.name)).toEqual(["Member06 Test", "Member03 Test"]);
    expect(first.previousCursor).toBeNull();
    const seen = [...first.members];
    let page = first;
    while (page.nextCursor) {
      page = await listMembers(database, shop, query({ q: "example", after: page.nextCursor }), NOW, { limit: 2 });
      seen.push(...page.members);
    }
    expect(seen).toHaveLength(39); // 36 inserted members + the 3 recorded ones
    expect(new Set(seen.map((member) => member.id)).size).toBe(39);
    const back = await listMembers(database, shop, query({ q: "example", before: page.previousCursor ?? "" }), NOW, { limit: 2 });
    expect(back.members).toEqual(seen.slice(-1 - 2, -1));
  });

  it("searches names and emails, case-insensitively, with every word and LIKE wildcards taken literally", async () => {
    const emails = async (q: string) => (await listMembers(database, shop, query({ q }), NOW)).members.map((member) => member.email);
    expect(await emails("AMINA")).toEqual(["amina@example.com"]);
    expect(await emails("salem amina")).toEqual(["amina@example.com"]);
    expect(await emails("100%")).toEqual(["yusuf@example.com"]);
    expect(await emails("_ng")).toEqual(["zoe_ng@example.com"]);
    expect(await emails("%")).toEqual(["yusuf@example.com"]);
    expect(await emails("nobody")).toEqual([]);
  });

  it.each(MEMBER_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((direction) => [sort, direction] as const)))(
    "sorted by %s %s, pages of 5 both ways give the same list as one walk, ties broken by id",
    async (sort, direction) => {
      const q = query({ sort, direction, status: "all" });
      const expected = await all(q);
      expect(expected).toHaveLength(43);
      const forward: MemberSummary[] = [];
      let page = await listMembers(database, shop, q, NOW, { limit: 5 });
      forward.push(...page.members);
      while (page.nextCursor) {
        page = await listMembers(database, shop, { ...q, after: page.nextCursor }, NOW, { limit: 5 });
        forward.push(...page.members);
      }
      expect(forward.map((member) => member.id)).toEqual(expected.map((member) => member.id));
      const backward: MemberSummary[] = [...page.members];
      while (page.previousCursor) {
        page = await listMembers(database, shop, { ...q, before: page.previousCursor }, NOW, { limit: 5 });
        backward.unshift(...page.members);
      }
      expect(backward.map((member) => member.id)).toEqual(expected.map((member) => member.id));
      const value = (member: MemberSummary) =>
        ({ name: null, balance: member.available, lifetime: member.lifetime, lastOrder: member.lastOrderAt?.getTime() ?? null, enrolled: member.enrolledAt?.getTime() ?? null })[sort];
      for (const [index, member] of expected.entries()) {
        const next = expected[index + 1];
        if (!next || sort === "name") continue;
        const [a, b] = [value(member), value(next)];
        // Members without a value come last, in either direction.
        if (a === null) expect(b).toBeNull();
        else if (b !== null) expect(direction === "asc" ? a <= b && (a < b || member.id < next.id) : a >= b && (a > b || member.id > next.id)).toBe(true);
      }
    },
  );

  it("filters by tier, no tier, available points, last order dates and membership", async () => {
    const ids = async (filters: Partial<Record<keyof MemberListQuery, string>>) => (await all(query(filters))).map((member) => member.id).sort((a, b) => a - b);
    const everyone = await all(query({ status: "all" }));
    const matching = (predicate: (member: MemberSummary) => boolean) => everyone.filter(predicate).map((member) => member.id).sort((a, b) => a - b);
    expect(await ids({ tier: "gold" })).toEqual(matching((member) => member.tierId === "gold" && member.enrolledAt !== null));
    expect(await ids({ tier: "_none", status: "all" })).toEqual(matching((member) => member.tierId === null));
    expect(await ids({ minPoints: "3", maxPoints: "6" })).toEqual(matching((member) => member.available >= 3 && member.available <= 6 && member.enrolledAt !== null));
    expect(await ids({ lastOrderFrom: "2026-04-03", lastOrderTo: "2026-04-04", status: "all" })).toEqual(
      matching((member) => member.lastOrderAt !== null && member.lastOrderAt >= new Date("2026-04-03T00:00:00Z") && member.lastOrderAt < new Date("2026-04-05T00:00:00Z")),
    );
    expect((await ids({})).length).toBe(39);
    expect(await ids({ minPoints: "abc", tier: "Not A Slug" })).toEqual(await ids({}));
  });

  it("ignores a cursor from another sort or a forged one: the first page", async () => {
    const byBalance = await listMembers(database, shop, query({ sort: "balance" }), NOW, { limit: 5 });
    const first = await listMembers(database, shop, query({}), NOW, { limit: 5 });
    expect(await listMembers(database, shop, query({ after: byBalance.nextCursor ?? "" }), NOW, { limit: 5 })).toEqual(first);
    expect(await listMembers(database, shop, query({ after: "not-a-cursor" }), NOW, { limit: 5 })).toEqual(first);
  });
});
