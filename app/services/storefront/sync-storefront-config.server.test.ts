import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminGraphql } from "../../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { installTestShop } from "../../test/shops";
import { launchProgram, pauseProgram } from "../launch-program.server";
import { syncStorefrontConfig } from "./sync-storefront-config.server";

type Call = { readonly operation: string; readonly variables: Record<string, unknown> };

/** Shopify's Admin API edge, recorded: the shop's id, and metafieldsSet answering with `userErrors`. */
function recordingAdmin(userErrors: { message: string }[] = []) {
  const calls: Call[] = [];
  const admin: AdminGraphql = {
    async graphql(query, options) {
      const operation = /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? "unknown";
      calls.push({ operation, variables: options?.variables ?? {} });
      if (operation === "WafaShopId") return Response.json({ data: { shop: { id: "gid://shopify/Shop/4201" } } });
      return Response.json({ data: { metafieldsSet: { userErrors } } });
    },
  };
  return { admin, calls };
}

describe.each(DATABASE_KINDS)("syncStorefrontConfig on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("GIVEN an installed shop THEN nothing is sent until launch; then the config lands in $app:wafa.storefront once per change", async () => {
    const shop = `storefront-sync-${kind}.myshopify.com`;
    await installTestShop(database, shop, { currencyCode: "JPY" });
    const { admin, calls } = recordingAdmin();
    // Never shown and not live: without the metafield every block is hidden already.
    expect(await syncStorefrontConfig(database, shop, async () => admin, new Date())).toEqual({ status: "unchanged" });
    expect(calls).toEqual([]);
    await launchProgram(database, shop, new Date());
    const launched = await syncStorefrontConfig(database, shop, async () => admin, new Date());
    expect(launched).toMatchObject({ status: "synced", config: { live: true, currency: "JPY", spend: { points: 1, perCents: 100 } } });
    expect(calls.map((call) => call.operation)).toEqual(["WafaShopId", "WafaShopMetafieldsSet"]);
    expect(calls[1]?.variables).toEqual({
      metafields: [{ ownerId: "gid://shopify/Shop/4201", namespace: "$app:wafa", key: "storefront", type: "json", value: expect.stringContaining('"live":true') }],
    });
    // The same value again: no call.
    expect(await syncStorefrontConfig(database, shop, async () => admin, new Date())).toEqual({ status: "unchanged" });
    expect(calls).toHaveLength(2);
    // Paused after being shown: the theme must learn it.
    await pauseProgram(database, shop, new Date());
    expect(await syncStorefrontConfig(database, shop, async () => admin, new Date())).toMatchObject({ status: "synced", config: { live: false } });
    expect(calls).toHaveLength(4);
  });

  it("GIVEN Shopify refuses the metafield THEN a failure with its message, not a throw", async () => {
    const shop = `storefront-refused-${kind}.myshopify.com`;
    await installTestShop(database, shop);
    await launchProgram(database, shop, new Date());
    const { admin } = recordingAdmin([{ message: "Value is too big" }]);
    expect(await syncStorefrontConfig(database, shop, async () => admin, new Date())).toEqual({ status: "failed", message: "Value is too big" });
  });

  it("GIVEN a shop that is not installed THEN nothing is sent", async () => {
    const { admin, calls } = recordingAdmin();
    expect(await syncStorefrontConfig(database, `missing-${kind}.myshopify.com`, async () => admin, new Date())).toEqual({ status: "shop_not_installed" });
    expect(calls).toEqual([]);
  });
});
