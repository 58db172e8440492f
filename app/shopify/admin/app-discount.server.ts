import { z } from "zod";
import { FUNCTION_VARIABLES_METAFIELD } from "../../loyalty/redemption/function-variables";
import { adminMutation, adminQuery, setMetafields, WAFA_DISCOUNT_TITLE, type AdminOutcome, type ThrottleOptions } from "./redemption-operations.server";
import type { AdminGraphql } from "./shop-details.server";

/**
 * The shop's automatic app discount that runs Wafa's discount Function
 * (docs/decisions/0015-redemption.md). Without it the Function never runs at checkout.
 * Shapes (Admin API 2026-10, checked against ./schema/admin-2026-10.graphql by
 * ./admin-operations.test.ts):
 * - discountAutomaticAppCreate / discountAutomaticAppUpdate take DiscountAutomaticAppInput:
 *   title, `functionHandle` (2025-10+: the extension's handle, stable across deployments,
 *   instead of the per-environment functionId; never both), startsAt, `discountClasses`
 *   (the Discount API, 2025-04+), combinesWith and metafields (create only here).
 *   https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountAutomaticAppCreate
 *   https://shopify.dev/changelog/introducing-functionhandle
 * - automaticDiscountNode(id) and automaticDiscountNodes(query: "type:app") find it;
 *   shopifyFunctions lists only this app's Functions, with their handle (2026-01+); matched
 *   by handle, not by apiType, whose name changed with the unified Discount API.
 * - The variables metafield is rewritten with metafieldsSet on the discount node (an upsert
 *   by namespace and key; the discount update's `metafields` would need the metafield's id).
 */

/** The `handle` of extensions/wafa-discount/shopify.extension.toml. */
export const WAFA_FUNCTION_HANDLE = "wafa-discount";

/** The Function serves all three: order and product discounts (cart lines) and shipping (delivery options). */
export const APP_DISCOUNT_CLASSES = ["ORDER", "PRODUCT", "SHIPPING"] as const;

/**
 * A reward the shopper paid points for should survive the merchant's own sales: it combines
 * with product discounts (a sale on a product) and shipping discounts (free shipping over X).
 * It does not stack on another order discount (a second "x off the order" is where margins
 * leak); when two order discounts compete, Shopify applies the better one, and an unapplied
 * reward's points come back when its hold expires. Combining is mutual: the merchant's
 * discount must allow it too.
 */
export const APP_DISCOUNT_COMBINES_WITH = { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true } as const;

/** What Shopify holds for an automatic app discount that runs Wafa's Function. */
export type AppDiscount = {
  /** The DiscountAutomaticNode GID (the id discountAutomaticAppUpdate takes). */
  readonly id: string;
  readonly title: string;
  /** ACTIVE, SCHEDULED or EXPIRED. */
  readonly status: string;
  readonly discountClasses: readonly string[];
  readonly combinesWith: { readonly orderDiscounts: boolean; readonly productDiscounts: boolean; readonly shippingDiscounts: boolean };
  /** The `$app:wafa.function-variables` metafield's value, null when unset. */
  readonly variables: string | null;
};

const NODE_FIELDS = `
  id
  automaticDiscount {
    __typename
    ... on DiscountAutomaticApp {
      title
      status
      discountClasses
      combinesWith { orderDiscounts productDiscounts shippingDiscounts }
      appDiscountType { functionId }
    }
  }
  metafield(namespace: "${FUNCTION_VARIABLES_METAFIELD.namespace}", key: "${FUNCTION_VARIABLES_METAFIELD.key}") { value }
`;

export const APP_DISCOUNT_BY_ID = `#graphql
  query WafaAppDiscountById($id: ID!) {
    automaticDiscountNode(id: $id) { ${NODE_FIELDS} }
  }
`;

/** The first 100 app automatic discounts (a shop may run at most 25 discount Functions at once). */
export const APP_DISCOUNT_SEARCH = `#graphql
  query WafaAppDiscountSearch {
    shopifyFunctions(first: 25) { nodes { id handle } }
    automaticDiscountNodes(first: 100, query: "type:app") { nodes { ${NODE_FIELDS} } }
  }
`;

export const APP_DISCOUNT_CREATE = `#graphql
  mutation WafaAppDiscountCreate($automaticAppDiscount: DiscountAutomaticAppInput!) {
    discountAutomaticAppCreate(automaticAppDiscount: $automaticAppDiscount) {
      automaticAppDiscount { discountId }
      userErrors { field message code }
    }
  }
`;

export const APP_DISCOUNT_UPDATE = `#graphql
  mutation WafaAppDiscountUpdate($id: ID!, $automaticAppDiscount: DiscountAutomaticAppInput!) {
    discountAutomaticAppUpdate(id: $id, automaticAppDiscount: $automaticAppDiscount) {
      automaticAppDiscount { discountId }
      userErrors { field message code }
    }
  }
`;

const CombinesWith = z.object({ orderDiscounts: z.boolean(), productDiscounts: z.boolean(), shippingDiscounts: z.boolean() });
const DiscountNode = z.object({
  id: z.string(),
  automaticDiscount: z.object({
    __typename: z.string(),
    title: z.string().optional(),
    status: z.string().optional(),
    discountClasses: z.array(z.string()).optional(),
    combinesWith: CombinesWith.optional(),
    appDiscountType: z.object({ functionId: z.string() }).optional(),
  }),
  metafield: z.object({ value: z.string() }).nullable(),
});
type DiscountNode = z.infer<typeof DiscountNode>;

/** The node as an AppDiscount, with the Function it runs; null for any other kind of automatic discount. */
function appDiscountOf(node: DiscountNode): (AppDiscount & { readonly functionId: string }) | null {
  const discount = node.automaticDiscount;
  if (discount.__typename !== "DiscountAutomaticApp" || discount.title === undefined || discount.status === undefined) return null;
  if (!discount.combinesWith || !discount.appDiscountType) return null;
  return {
    id: node.id, title: discount.title, status: discount.status, discountClasses: discount.discountClasses ?? [],
    combinesWith: discount.combinesWith, variables: node.metafield?.value ?? null, functionId: discount.appDiscountType.functionId,
  };
}

const withoutFunction = ({ functionId: _functionId, ...discount }: AppDiscount & { functionId: string }): AppDiscount => discount;

/** The discount with this id, if it still exists and is an app discount (a merchant may have deleted it). */
export async function findAppDiscountById(admin: AdminGraphql, id: string, options?: ThrottleOptions): Promise<AdminOutcome<AppDiscount | null>> {
  const outcome = await adminQuery(admin, APP_DISCOUNT_BY_ID, { id }, z.object({ automaticDiscountNode: DiscountNode.nullable() }), options);
  if (!outcome.ok) return outcome;
  const node = outcome.value.automaticDiscountNode;
  const discount = node ? appDiscountOf(node) : null;
  return { ok: true, value: discount ? withoutFunction(discount) : null };
}

export type AppDiscountSearch = {
  /** The discounts that run Wafa's Function: the active one titled as Wafa's first. */
  readonly discounts: readonly AppDiscount[];
};

/** Every automatic discount that runs Wafa's Function (created by an earlier run, or by the merchant in the admin). */
export async function searchAppDiscounts(admin: AdminGraphql, options?: ThrottleOptions): Promise<AdminOutcome<AppDiscountSearch>> {
  const Search = z.object({
    shopifyFunctions: z.object({ nodes: z.array(z.object({ id: z.string(), handle: z.string() })) }),
    automaticDiscountNodes: z.object({ nodes: z.array(DiscountNode) }),
  });
  const outcome = await adminQuery(admin, APP_DISCOUNT_SEARCH, {}, Search, options);
  if (!outcome.ok) return outcome;
  const functionIds = new Set(outcome.value.shopifyFunctions.nodes.filter((fn) => fn.handle === WAFA_FUNCTION_HANDLE).map((fn) => fn.id));
  const ours = outcome.value.automaticDiscountNodes.nodes.flatMap((node) => {
    const discount = appDiscountOf(node);
    return discount && functionIds.has(discount.functionId) ? [withoutFunction(discount)] : [];
  });
  const rank = (discount: AppDiscount) => (discount.status === "ACTIVE" ? 0 : 2) + (discount.title === WAFA_DISCOUNT_TITLE ? 0 : 1);
  return { ok: true, value: { discounts: [...ours].sort((a, b) => rank(a) - rank(b)) } };
}

/** The title, classes and combinations Wafa's discount must have (its metafield aside). */
export function appDiscountSettings() {
  return { title: WAFA_DISCOUNT_TITLE, discountClasses: [...APP_DISCOUNT_CLASSES], combinesWith: { ...APP_DISCOUNT_COMBINES_WITH } };
}

/** Whether the discount's own settings are Wafa's (the metafield is compared separately). */
export function hasAppDiscountSettings(discount: AppDiscount): boolean {
  const wanted = appDiscountSettings();
  const sameClasses = discount.discountClasses.length === wanted.discountClasses.length && wanted.discountClasses.every((value) => discount.discountClasses.includes(value));
  const { combinesWith } = discount;
  return discount.title === wanted.title && sameClasses && combinesWith.orderDiscounts === wanted.combinesWith.orderDiscounts
    && combinesWith.productDiscounts === wanted.combinesWith.productDiscounts && combinesWith.shippingDiscounts === wanted.combinesWith.shippingDiscounts;
}

const Created = z.object({ automaticAppDiscount: z.object({ discountId: z.string() }) });

/** Creates Wafa's automatic discount, running from `startsAt` with no end, with its variables metafield. */
export async function createAppDiscount(admin: AdminGraphql, variables: string, startsAt: Date, options?: ThrottleOptions): Promise<AdminOutcome<{ id: string }>> {
  const automaticAppDiscount = {
    ...appDiscountSettings(),
    functionHandle: WAFA_FUNCTION_HANDLE,
    startsAt: startsAt.toISOString(),
    endsAt: null,
    metafields: [{ ...FUNCTION_VARIABLES_METAFIELD, value: variables }],
  };
  const outcome = await adminMutation(admin, APP_DISCOUNT_CREATE, { automaticAppDiscount }, "discountAutomaticAppCreate", Created, options);
  return outcome.ok ? { ok: true, value: { id: outcome.value.automaticAppDiscount.discountId } } : outcome;
}

/** Puts back Wafa's title, classes and combinations (a merchant may have edited them in the admin). */
export async function restoreAppDiscountSettings(admin: AdminGraphql, id: string, options?: ThrottleOptions): Promise<AdminOutcome<null>> {
  const outcome = await adminMutation(admin, APP_DISCOUNT_UPDATE, { id, automaticAppDiscount: appDiscountSettings() }, "discountAutomaticAppUpdate", Created, options);
  return outcome.ok ? { ok: true, value: null } : outcome;
}

/** Writes the Function's input variables to the discount's metafield. */
export async function setAppDiscountVariables(admin: AdminGraphql, id: string, variables: string, options?: ThrottleOptions): Promise<AdminOutcome<null>> {
  return setMetafields(admin, [{ ownerId: id, ...FUNCTION_VARIABLES_METAFIELD, value: variables }], options);
}
