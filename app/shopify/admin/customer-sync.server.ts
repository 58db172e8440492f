import { z } from "zod";
import type { AdminGraphql } from "./shop-details.server";

/**
 * What Shopify should know about a member's tier, so the merchant's theme, discounts and
 * segments can use it: a customer tag while the tier grants early access, and an
 * app-owned metafield ($app namespace, readable by the theme through the app) with the tier.
 * Shapes from the Admin GraphQL schema (2025-01): tagsAdd / tagsRemove (id, tags) and
 * metafieldsSet (metafields: [MetafieldsSetInput!]!, at most 25).
 */
export const EARLY_ACCESS_TAG = "wafa-early-access";
export const TIER_METAFIELD = { namespace: "$app:loyalty", key: "tier", type: "json" } as const;

export type MemberTierSync = { readonly tierId: string | null; readonly tierName: string | null; readonly earlyAccess: boolean };

export const TAGS_ADD_MUTATION = `#graphql
  mutation WafaCustomerTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      userErrors { field message }
    }
  }
`;

export const TAGS_REMOVE_MUTATION = `#graphql
  mutation WafaCustomerTagsRemove($id: ID!, $tags: [String!]!) {
    tagsRemove(id: $id, tags: $tags) {
      userErrors { field message }
    }
  }
`;

export const METAFIELDS_SET_MUTATION = `#graphql
  mutation WafaCustomerMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      userErrors { field message code }
    }
  }
`;

const UserErrors = z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }));
const TagsAddResponse = z.object({ data: z.object({ tagsAdd: z.object({ userErrors: UserErrors }).nullable() }) });
const TagsRemoveResponse = z.object({ data: z.object({ tagsRemove: z.object({ userErrors: UserErrors }).nullable() }) });
const MetafieldsSetResponse = z.object({ data: z.object({ metafieldsSet: z.object({ userErrors: UserErrors }).nullable() }) });

export type SyncOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** The metafield's JSON value: the tier (null without one) and whether it grants early access. */
export function tierMetafieldValue(state: MemberTierSync): string {
  return JSON.stringify({ tierId: state.tierId, tierName: state.tierName, earlyAccess: state.earlyAccess });
}

/**
 * Pushes the member's tier state. Each call is idempotent on Shopify's side (adding a tag
 * it has, removing one it lacks, setting the same value), so a retry after a partial
 * failure converges. A user error or an unexpected response is returned, not thrown: the
 * member stays due and the next run tries again.
 */
export async function pushMemberTierState(admin: AdminGraphql, customerGid: string, state: MemberTierSync): Promise<SyncOutcome> {
  const tags = state.earlyAccess
    ? await call(admin, TAGS_ADD_MUTATION, { id: customerGid, tags: [EARLY_ACCESS_TAG] }, (json) => TagsAddResponse.safeParse(json).data?.data.tagsAdd?.userErrors)
    : await call(admin, TAGS_REMOVE_MUTATION, { id: customerGid, tags: [EARLY_ACCESS_TAG] }, (json) => TagsRemoveResponse.safeParse(json).data?.data.tagsRemove?.userErrors);
  if (!tags.ok) return tags;
  const metafields = [{ ownerId: customerGid, ...TIER_METAFIELD, value: tierMetafieldValue(state) }];
  return call(admin, METAFIELDS_SET_MUTATION, { metafields }, (json) => MetafieldsSetResponse.safeParse(json).data?.data.metafieldsSet?.userErrors);
}

async function call(
  admin: AdminGraphql,
  query: string,
  variables: Record<string, unknown>,
  userErrorsOf: (json: unknown) => z.infer<typeof UserErrors> | undefined,
): Promise<SyncOutcome> {
  const response = await admin.graphql(query, { variables });
  const json: unknown = await response.json();
  const userErrors = userErrorsOf(json);
  if (!userErrors) return { ok: false, message: `unexpected response: ${JSON.stringify(json).slice(0, 300)}` };
  if (userErrors.length > 0) return { ok: false, message: userErrors.map((error) => error.message).join("; ") };
  return { ok: true };
}
