import { z } from "zod";
import { STOREFRONT_METAFIELD } from "../../loyalty/storefront/storefront-config";
import type { SyncOutcome } from "./customer-sync.server";
import type { AdminGraphql } from "./shop-details.server";

/**
 * Writes the storefront config to the shop's app-owned metafield `$app:wafa.storefront`
 * (docs/decisions/0017-storefront.md), which the theme app extension reads as
 * `shop.metafields['$app:wafa'].storefront`. Shapes from the Admin GraphQL schema: `shop { id }`
 * and metafieldsSet (MetafieldsSetInput: ownerId, namespace, key, type, value). Setting the
 * same value again is a no-op on Shopify's side, so a retry converges.
 */
export const SHOP_ID_QUERY = `#graphql
  query WafaShopId {
    shop { id }
  }
`;

export const SHOP_METAFIELDS_SET_MUTATION = `#graphql
  mutation WafaShopMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      userErrors { field message code }
    }
  }
`;

const ShopIdResponse = z.object({ data: z.object({ shop: z.object({ id: z.string().regex(/^gid:\/\/shopify\/Shop\/\d+$/) }) }) });
const MetafieldsSetResponse = z.object({
  data: z.object({ metafieldsSet: z.object({ userErrors: z.array(z.object({ message: z.string() })) }).nullable() }),
});

export async function pushStorefrontConfig(admin: AdminGraphql, value: string): Promise<SyncOutcome> {
  const shopJson: unknown = await (await admin.graphql(SHOP_ID_QUERY)).json();
  const shop = ShopIdResponse.safeParse(shopJson);
  if (!shop.success) return { ok: false, message: `unexpected shop response: ${JSON.stringify(shopJson).slice(0, 300)}` };
  const metafields = [{ ownerId: shop.data.data.shop.id, ...STOREFRONT_METAFIELD, value }];
  const setJson: unknown = await (await admin.graphql(SHOP_METAFIELDS_SET_MUTATION, { variables: { metafields } })).json();
  const userErrors = MetafieldsSetResponse.safeParse(setJson).data?.data.metafieldsSet?.userErrors;
  if (!userErrors) return { ok: false, message: `unexpected response: ${JSON.stringify(setJson).slice(0, 300)}` };
  if (userErrors.length > 0) return { ok: false, message: userErrors.map((error) => error.message).join("; ") };
  return { ok: true };
}
