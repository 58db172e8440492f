import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reward } from "../loyalty/program/rules-schema";
import { GOLD, SILVER, tierRules } from "../loyalty/tiers/tier-fixtures";
import { runLifecycle } from "../loyalty/testing/order-lifecycle";
import type { AdminGraphql } from "../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordOrderEvent } from "./record-order-event.server";
import { addMember, earnPoints, shopWithRules, type TestShop } from "./scheduled-work.fixture";
import { syncMemberTiers } from "./sync-member-tiers.server";

type Call = { readonly operation: string; readonly variables: Record<string, unknown> };

/** Shopify's Admin API edge, recorded: answers like Shopify, or with a user error for `refuse`d customers. */
function recordingAdmin(refuse: ReadonlySet<string> = new Set()) {
  const calls: Call[] = [];
  const admin: AdminGraphql = {
    async graphql(query, options) {
      const operation = /mutation (\w+)/.exec(query)?.[1] ?? "unknown";
      const variables = options?.variables ?? {};
      calls.push({ operation, variables });
      const owner = String(variables.id ?? (variables.metafields as Array<{ ownerId: string }> | undefined)?.[0]?.ownerId);
      const userErrors = refuse.has(owner) ? [{ field: ["id"], message: "Customer does not exist" }] : [];
      const root = operation === "WafaCustomerTagsAdd" ? "tagsAdd" : operation === "WafaCustomerTagsRemove" ? "tagsRemove" : "metafieldsSet";
      return Response.json({ data: { [root]: { userErrors } } });
    },
  };
  return { admin, calls };
}

const FIVE_OFF: Reward = { id: "five-off", name: "$5 off", enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null, kind: "fixed_amount", cost: 500, amountMinor: 500 };

const GOLD_EARLY = { ...GOLD, perks: { ...GOLD.perks, earlyAccess: true } };

describe.each(DATABASE_KINDS)("syncMemberTiers on %s", (kind) => {
  let database: TestDatabase;
  let shopCounter = 0;
  let orderCounter = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  const tierShop = () =>
    shopWithRules(database, `sync-${kind}-${shopCounter++}.myshopify.com`, (rules) => ({ ...rules, tiers: tierRules({ levels: [SILVER, GOLD_EARLY] }) }));

  async function paidOrder(shop: TestShop, customerGid: string, amountMinor: number, at: Date): Promise<void> {
    const { events } = runLifecycle({
      orderId: `gid://shopify/Order/${shop.id}${String(++orderCounter).padStart(4, "0")}`, customerId: customerGid, test: false, paidAtCreation: true,
      lines: [{ unitPriceMinor: amountMinor, quantity: 1, giftCard: false, discountMinor: 0 }], steps: [], start: at,
    });
    const paid = events.find((event) => event.kind === "order" && event.topic === "orders/paid");
    if (!paid || paid.kind !== "order") throw new Error("the lifecycle has no orders/paid");
    const customer = { customerGid, email: null, firstName: null, lastName: null, phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null };
    await recordOrderEvent(database, shop.domain, { kind: "order", facts: { snapshot: paid.snapshot, refunds: [], customer } }, { topic: "orders/paid", receivedAt: at });
  }

  it("GIVEN a member reaching Gold (early access) WHEN the sync runs twice THEN Gold gets the early-access tag and the metafield, Silver has the tag removed and its metafield set, each once", async () => {
    const shop = await tierShop();
    const gold = `gid://shopify/Customer/${shop.id}01`;
    const silver = `gid://shopify/Customer/${shop.id}02`;
    await paidOrder(shop, gold, 150_000, new Date("2026-03-01T10:00:00Z"));
    await paidOrder(shop, silver, 40_000, new Date("2026-03-01T11:00:00Z"));
    const { admin, calls } = recordingAdmin();
    const now = new Date("2026-03-01T12:00:00Z");

    expect(await syncMemberTiers(database, async () => admin, { shopId: shop.id, now })).toEqual({ processed: 2, complete: true });
    expect(await syncMemberTiers(database, async () => admin, { shopId: shop.id, now })).toEqual({ processed: 0, complete: true });
    const values = (tier: object, points: number) => [
      { ownerId: "", namespace: "$app", key: "tier", type: "json", value: JSON.stringify(tier) },
      { ownerId: "", namespace: "$app", key: "points", type: "number_integer", value: String(points) },
      { ownerId: "", namespace: "$app", key: "next_reward", type: "json", value: "{}" },
    ];
    const owned = (owner: string, tier: object, points: number) => values(tier, points).map((field) => ({ ...field, ownerId: owner }));
    expect(calls).toEqual([
      { operation: "WafaCustomerTagsAdd", variables: { id: gold, tags: ["wafa-early-access"] } },
      { operation: "WafaCustomerTagsRemove", variables: { id: silver, tags: ["wafa-early-access"] } },
      {
        operation: "WafaCustomerMetafieldsSet",
        variables: { metafields: [...owned(gold, { tierId: "gold", tierName: "Gold", earlyAccess: true }, 2000), ...owned(silver, { tierId: "silver", tierName: "Silver", earlyAccess: false }, 500)] },
      },
    ]);
  });

  it("GIVEN Shopify refuses one member WHEN the sync runs THEN the others are recorded, the run fails loudly, and the refused member stays due", async () => {
    const shop = await tierShop();
    const refused = `gid://shopify/Customer/${shop.id}11`;
    const fine = `gid://shopify/Customer/${shop.id}12`;
    await paidOrder(shop, refused, 40_000, new Date("2026-03-01T10:00:00Z"));
    await paidOrder(shop, fine, 40_000, new Date("2026-03-01T10:00:00Z"));
    const now = new Date("2026-03-01T12:00:00Z");
    const failing = recordingAdmin(new Set([refused]));
    await expect(syncMemberTiers(database, async () => failing.admin, { shopId: shop.id, now })).rejects.toThrow(/1 member\(s\) could not be synced.*Customer does not exist/);

    const retry = recordingAdmin();
    expect(await syncMemberTiers(database, async () => retry.admin, { shopId: shop.id, now })).toEqual({ processed: 1, complete: true });
    expect(new Set(retry.calls.map((call) => call.variables.id ?? (call.variables.metafields as Array<{ ownerId: string }>)[0]?.ownerId))).toEqual(new Set([refused]));
  });

  it("GIVEN a shop without tier changes WHEN the sync runs THEN Shopify is not even reached", async () => {
    const shop = await tierShop();
    let reached = false;
    const result = await syncMemberTiers(database, async () => ((reached = true), recordingAdmin().admin), { shopId: shop.id, now: new Date("2026-03-01T12:00:00Z") });
    expect(result).toEqual({ processed: 0, complete: true });
    expect(reached).toBe(false);
  });
  it("GIVEN a member whose balance moves WHEN the sync runs THEN points and next reward are set once, and an unchanged member costs no call", async () => {
    const shop = await shopWithRules(database, `sync-points-${kind}-${shopCounter++}.myshopify.com`, (rules) => ({ ...rules, rewards: [FIVE_OFF] }));
    const member = await addMember(database, shop, { enrolledAt: new Date("2026-03-01T09:00:00Z") });
    const now = new Date("2026-03-02T12:00:00Z");
    const first = recordingAdmin();
    await syncMemberTiers(database, async () => first.admin, { shopId: shop.id, now });
    expect(first.calls).toHaveLength(0);

    await earnPoints(database, shop, member, 120, new Date("2026-03-02T10:00:00Z"));
    const second = recordingAdmin();
    expect(await syncMemberTiers(database, async () => second.admin, { shopId: shop.id, now })).toEqual({ processed: 1, complete: true });
    expect(second.calls).toEqual([
      { operation: "WafaCustomerTagsRemove", variables: { id: member.gid, tags: ["wafa-early-access"] } },
      {
        operation: "WafaCustomerMetafieldsSet",
        variables: {
          metafields: [
            { ownerId: member.gid, namespace: "$app", key: "tier", type: "json", value: JSON.stringify({ tierId: null, tierName: null, earlyAccess: false }) },
            { ownerId: member.gid, namespace: "$app", key: "points", type: "number_integer", value: "120" },
            { ownerId: member.gid, namespace: "$app", key: "next_reward", type: "json", value: JSON.stringify({ rewardId: "five-off", name: "$5 off", cost: 500, remaining: 380 }) },
          ],
        },
      },
    ]);

    await earnPoints(database, shop, member, 30, new Date("2026-03-02T11:00:00Z"));
    const third = recordingAdmin();
    await syncMemberTiers(database, async () => third.admin, { shopId: shop.id, now });
    expect(third.calls.map((call) => call.variables.metafields)).toEqual([
      [
        { ownerId: member.gid, namespace: "$app", key: "points", type: "number_integer", value: "150" },
        { ownerId: member.gid, namespace: "$app", key: "next_reward", type: "json", value: JSON.stringify({ rewardId: "five-off", name: "$5 off", cost: 500, remaining: 350 }) },
      ],
    ]);

    // Due again (a tier evaluation, say) but nothing Shopify shows has moved: no call.
    await database.db.updateTable("Customer").set({ syncRequestedAt: new Date("2026-03-02T11:30:00Z") }).where("id", "=", member.id).execute();
    let reached = false;
    expect(await syncMemberTiers(database, async () => ((reached = true), recordingAdmin().admin), { shopId: shop.id, now })).toEqual({ processed: 1, complete: true });
    expect(reached).toBe(false);
  });

  it("GIVEN 30 members whose points move WHEN the sync runs THEN their points go out in two calls (25 + 5), and a refused call is retried next run", async () => {
    const shop = await shopWithRules(database, `sync-many-${kind}-${shopCounter++}.myshopify.com`, (rules) => rules);
    const members = [];
    for (let index = 0; index < 30; index++) members.push(await addMember(database, shop, { enrolledAt: new Date("2026-03-01T09:00:00Z") }));
    for (const member of members) await earnPoints(database, shop, member, 10, new Date("2026-03-02T09:00:00Z"));
    const now = new Date("2026-03-02T12:00:00Z");
    await syncMemberTiers(database, async () => recordingAdmin().admin, { shopId: shop.id, now });

    for (const member of members) await earnPoints(database, shop, member, 5, new Date("2026-03-02T10:00:00Z"));
    const refusing = recordingAdmin(new Set([members[0]?.gid ?? ""]));
    await expect(syncMemberTiers(database, async () => refusing.admin, { shopId: shop.id, now })).rejects.toThrow(/25 member\(s\) could not be synced/);
    const sizes = (calls: readonly Call[]) => calls.map((call) => (call.variables.metafields as unknown[]).length);
    expect(sizes(refusing.calls)).toEqual([25, 5]);

    const retry = recordingAdmin();
    expect(await syncMemberTiers(database, async () => retry.admin, { shopId: shop.id, now })).toEqual({ processed: 25, complete: true });
    expect(sizes(retry.calls)).toEqual([25]);
    expect((retry.calls[0]?.variables.metafields as Array<{ key: string; value: string }>).every((field) => field.key === "points" && field.value === "15")).toBe(true);
  });
});
