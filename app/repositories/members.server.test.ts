import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { searchTextOf } from "./customers.server";
import { findSearchMatches, positionOf, SEARCH_ID_LIMIT, walkMembers, type KeysetPosition, type MemberFilters } from "./members.server";
import { findShop } from "./shops.server";

const NOW = new Date("2026-06-01T00:00:00Z");
const COMMON = SEARCH_ID_LIMIT + 150;
const RARE = 30;

type Seeded = { readonly id: number; readonly searchText: string; readonly pointsAvailable: number; readonly tierId: string | null };

// The search resolves up to SEARCH_ID_LIMIT matches to ids before reading a page, and leaves
// more to the sort's index walk (docs/decisions/0010-members.md): both paths must page alike.
describe.each(DATABASE_KINDS)("the members search on %s", (kind) => {
  let database: TestDatabase;
  let shopId: number;
  let seeded: Seeded[];

  async function seed(shop: string, people: readonly { firstName: string; lastName: string; email: string }[]): Promise<number> {
    await installTestShop(database, shop);
    const shopRow = await findShop(database.db, shop);
    if (!shopRow) throw new Error("no shop");
    for (let start = 0; start < people.length; start += 200) {
      const rows = people.slice(start, start + 200).map((names, offset) => ({
        shopId: shopRow.id, customerGid: `gid://shopify/Customer/${start + offset + 1}`, ...names, searchText: searchTextOf(names),
        enrolledAt: NOW, pointsAvailable: (start + offset) % 17, tierId: (start + offset) % 3 === 0 ? "gold" : null, createdAt: NOW, updatedAt: NOW,
      }));
      await database.db.insertInto("Customer").values(rows).execute();
    }
    return shopRow.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shopId = await seed("members-search.myshopify.com", [
      ...Array.from({ length: COMMON }, (_unused, index) => ({ firstName: "Common", lastName: `Person${index}`, email: `common${index}@example.com` })),
      ...Array.from({ length: RARE }, (_unused, index) => ({ firstName: "Rare", lastName: `Zebra${index}`, email: `rare${index}@example.com` })),
    ]);
    // Another shop's customers match the same words and never show.
    await seed("members-search-other.myshopify.com", [{ firstName: "Rare", lastName: "Zebra", email: "common@example.com" }]);
    seeded = await database.db.selectFrom("Customer").select(["id", "searchText", "pointsAvailable", "tierId"]).where("shopId", "=", shopId).execute();
  });
  afterAll(() => database.drop());

  const filters = (terms: string[], extra: Partial<MemberFilters> = {}): MemberFilters => ({ terms, membersOnly: true, ...extra });

  /** Every page of 40, most points first, walked through keyset cursors. */
  async function walkAll(search: MemberFilters): Promise<number[]> {
    const ids: number[] = [];
    let after: KeysetPosition | null = null;
    for (;;) {
      const page = await walkMembers(database.db, shopId, search, "balance", "desc", after, 40, "forward");
      ids.push(...page.map((row) => row.id));
      const last = page.at(-1);
      if (page.length < 40 || !last) return ids;
      after = positionOf(last, "balance");
    }
  }

  const expected = (match: (row: Seeded) => boolean) =>
    seeded.filter(match).sort((a, b) => b.pointsAvailable - a.pointsAvailable || b.id - a.id).map((row) => row.id);

  it("GIVEN more matches than the id limit THEN the search is left to the sort's walk, unless the other filters leave few", async () => {
    expect(await findSearchMatches(database.db, shopId, filters(["common"]))).toEqual({ kind: "many" });
    const gold = await findSearchMatches(database.db, shopId, filters(["common"], { tier: { id: "gold" } }));
    expect(gold.kind === "ids" ? gold.ids.length : gold).toBe(seeded.filter((row) => row.searchText.includes("common") && row.tierId === "gold").length);
  });

  it("GIVEN a few matches THEN they are resolved to this shop's ids only", async () => {
    const matches = await findSearchMatches(database.db, shopId, filters(["zebra"]));
    const rareIds = seeded.filter((row) => row.searchText.includes("zebra")).map((row) => row.id);
    expect(matches.kind === "ids" ? [...matches.ids].sort((a, b) => a - b) : matches).toEqual(rareIds.sort((a, b) => a - b));
    expect(await findSearchMatches(database.db, shopId, filters(["nobody"]))).toEqual({ kind: "ids", ids: [] });
    expect(await findSearchMatches(database.db, shopId, filters([]))).toEqual({ kind: "all" });
  });

  it.each([
    ["many matches", filters(["common"]), (row: Seeded) => row.searchText.includes("common")],
    ["many matches and a tier", filters(["example"], { tier: { id: "gold" } }), (row: Seeded) => row.tierId === "gold"],
    ["many matches, few with the tier", filters(["common"], { tier: { id: "gold" } }), (row: Seeded) => row.searchText.includes("common") && row.tierId === "gold"],
    ["a few matches", filters(["zebra"]), (row: Seeded) => row.searchText.includes("zebra")],
    ["two words, one of two letters", filters(["rare", "a1"]), (row: Seeded) => row.searchText.includes("rare") && row.searchText.includes("a1")],
    ["no match", filters(["zebra", "common"]), () => false],
  ] as const)("GIVEN %s THEN the pages hold every match once, in order", async (_name, search, match) => {
    expect(await walkAll(search)).toEqual(expected(match));
  });
});
