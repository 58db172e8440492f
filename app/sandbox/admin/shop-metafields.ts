/**
 * The shop's id and its app-owned metafields, simulated for the sandbox shop: the storefront
 * sync (app/shopify/admin/storefront-sync.server.ts) reads `shop { id }` and writes
 * `$app:wafa.storefront`. Like Shopify, metafieldsSet overwrites by (owner, namespace, key),
 * takes at most 25 at once and refuses an owner that is not the shop. In memory: a restart
 * forgets it, as with the other simulated writes.
 */
import { z } from "zod";

/** The sandbox shop's GID: stable, in its own id range. */
export const SANDBOX_SHOP_GID = "gid://shopify/Shop/7000000001";

const shopMetafields = new Map<string, { readonly type: string; readonly value: string }>();

const MetafieldsVariables = z.object({
  metafields: z.array(z.object({ ownerId: z.string(), namespace: z.string(), key: z.string(), value: z.string(), type: z.string() })).min(1).max(25),
});

export const simulateShopId = () => ({ shop: { id: SANDBOX_SHOP_GID } });

export function simulateShopMetafieldsSet(_shop: string, variables: Record<string, unknown>) {
  const parsed = MetafieldsVariables.safeParse(variables);
  if (!parsed.success) return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields"], message: "sandbox: 1 to 25 metafields with ownerId, namespace, key, type and value" }] } };
  const wrongOwner = parsed.data.metafields.find((metafield) => metafield.ownerId !== SANDBOX_SHOP_GID);
  if (wrongOwner) return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields", "ownerId"], message: "Owner does not exist" }] } };
  for (const { namespace, key, type, value } of parsed.data.metafields) shopMetafields.set(`${namespace}.${key}`, { type, value });
  return { metafieldsSet: { metafields: parsed.data.metafields.map(({ namespace, key }) => ({ namespace, key })), userErrors: [] } };
}

/** What the sandbox shop's metafields hold now. */
export function sandboxShopMetafields(): Record<string, { type: string; value: string }> {
  return Object.fromEntries(shopMetafields);
}
