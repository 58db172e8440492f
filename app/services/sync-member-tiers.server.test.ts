import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOLD, SILVER, tierRules } from "../loyalty/tiers/tier-fixtures";
import { runLifecycle } from "../loyalty/testing/order-lifecycle";
import type { AdminGraphql } from "../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordOrderEvent } from "./record-order-event.server";
import { shopWithRules, type TestShop } from "./scheduled-work.fixture";
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
    expect(calls).toEqual([
      { operation: "WafaCustomerTagsAdd", variables: { id: gold, tags: ["wafa-early-access"] } },
      { operation: "WafaCustomerMetafieldsSet", variables: { metafields: [{ ownerId: gold, namespace: "$app:loyalty", key: "tier", type: "json", value: JSON.stringify({ tierId: "gold", tierName: "Gold", earlyAccess: true }) }] } },
      { operation: "WafaCustomerTagsRemove", variables: { id: silver, tags: ["wafa-early-access"] } },
      { operation: "WafaCustomerMetafieldsSet", variables: { metafields: [{ ownerId: silver, namespace: "$app:loyalty", key: "tier", type: "json", value: JSON.stringify({ tierId: "silver", tierName: "Silver", earlyAccess: false }) }] } },
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
});
