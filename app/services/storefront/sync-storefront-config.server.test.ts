import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminGraphql } from "../../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { installTestShop } from "../../test/shops";
import { launchProgram } from "../launch-program.server";
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

  it("GIVEN an installed shop THEN its config lands in the shop's $app:wafa.storefront metafield, live once launched", async () => {
    const shop = `storefront-sync-${kind}.myshopify.com`;
    await installTestShop(database, shop, { currencyCode: "JPY" });
    const { admin, calls } = recordingAdmin();
    const before = await syncStorefrontConfig(database, shop, async () => admin, new Date());
    expect(before).toMatchObject({ status: "synced", config: { live: false, currency: "JPY", spend: { points: 1, perCents: 100 } } });
    expect(calls.map((call) => call.operation)).toEqual(["WafaShopId", "WafaShopMetafieldsSet"]);
    expect(calls[1]?.variables).toEqual({
      metafields: [{ ownerId: "gid://shopify/Shop/4201", namespace: "$app:wafa", key: "storefront", type: "json", value: expect.stringContaining('"live":false') }],
    });
    await launchProgram(database, shop, new Date());
    expect(await syncStorefrontConfig(database, shop, async () => admin, new Date())).toMatchObject({ status: "synced", config: { live: true } });
  });

  it("GIVEN Shopify refuses the metafield THEN a failure with its message, not a throw", async () => {
    const shop = `storefront-refused-${kind}.myshopify.com`;
    await installTestShop(database, shop);
    const { admin } = recordingAdmin([{ message: "Value is too big" }]);
    expect(await syncStorefrontConfig(database, shop, async () => admin, new Date())).toEqual({ status: "failed", message: "Value is too big" });
  });

  it("GIVEN a shop that is not installed THEN nothing is sent", async () => {
    const { admin, calls } = recordingAdmin();
    expect(await syncStorefrontConfig(database, `missing-${kind}.myshopify.com`, async () => admin, new Date())).toEqual({ status: "shop_not_installed" });
    expect(calls).toEqual([]);
  });
});
