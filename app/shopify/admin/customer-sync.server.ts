import { z } from "zod";
import type { NextReward } from "../../loyalty/members/next-reward";
import type { AdminGraphql } from "./shop-details.server";

/**
 * What Shopify should know about a member, so the merchant's theme, the discount Function
 * and customer segments can use it: a customer tag while the tier grants early access, and
 * app-owned metafields in the `$app` namespace: `tier` (json), `points` (available,
 * number_integer) and `next_reward` (json). They sit in `$app` itself, not a sub-namespace,
 * because shopify.app.toml can declare definitions (with storefront access) only there
 * (`[customer.metafields.app.<key>]`; docs/decisions/0017-storefront.md).
 * Shapes from the Admin GraphQL schema of the pinned version (./schema, checked by
 * ./admin-operations.test.ts): tagsAdd / tagsRemove (id, tags) and metafieldsSet
 * (metafields: [MetafieldsSetInput!]!, at most 25, atomic).
 */
export const EARLY_ACCESS_TAG = "wafa-early-access";
export const MEMBER_METAFIELD_NAMESPACE = "$app";
export const MEMBER_METAFIELDS = {
  tier: { key: "tier", type: "json" },
  points: { key: "points", type: "number_integer" },
  nextReward: { key: "next_reward", type: "json" },
} as const;
export const TIER_METAFIELD = { namespace: MEMBER_METAFIELD_NAMESPACE, ...MEMBER_METAFIELDS.tier } as const;
/** Shopify's limit of metafields per metafieldsSet call. */
export const METAFIELDS_PER_CALL = 25;

export type MemberTierSync = { readonly tierId: string | null; readonly tierName: string | null; readonly earlyAccess: boolean };

/** Everything the member sync tells Shopify: the tier, the available points and the next reward. */
export type MemberSyncState = { readonly tier: MemberTierSync; readonly points: number; readonly nextReward: NextReward | null };

/** One customer metafield as metafieldsSet takes it. */
export type MemberMetafield = { readonly ownerId: string; readonly namespace: string; readonly key: string; readonly type: string; readonly value: string };

/** The metafields' values by key. No next reward is `{}`: Shopify stores no blank value, and Liquid reads `next_reward.name` as blank either way. */
export function memberMetafieldValues(state: MemberSyncState): Record<string, string> {
  const next = state.nextReward;
  return {
    [MEMBER_METAFIELDS.tier.key]: tierMetafieldValue(state.tier),
    [MEMBER_METAFIELDS.points.key]: String(state.points),
    [MEMBER_METAFIELDS.nextReward.key]: JSON.stringify(next ? { rewardId: next.rewardId, name: next.name, cost: next.cost, remaining: next.remaining } : {}),
  };
}

/** The metafields to set for `keys` of the member's values. */
export function memberMetafieldInputs(customerGid: string, values: Readonly<Record<string, string>>, keys: readonly string[]): MemberMetafield[] {
  const types: Record<string, string> = Object.fromEntries(Object.values(MEMBER_METAFIELDS).map((field) => [field.key, field.type]));
  return keys.flatMap((key) => {
    const type = types[key];
    const value = values[key];
    return type !== undefined && value !== undefined ? [{ ownerId: customerGid, namespace: MEMBER_METAFIELD_NAMESPACE, key, type, value }] : [];
  });
}

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
 * Adds the early-access tag, or removes it. Idempotent on Shopify's side (adding a tag it
 * has, removing one it lacks). A user error or an unexpected response is returned, not
 * thrown: the member stays due and the next run tries again.
 */
export function pushEarlyAccessTag(admin: AdminGraphql, customerGid: string, earlyAccess: boolean): Promise<SyncOutcome> {
  return earlyAccess
    ? call(admin, TAGS_ADD_MUTATION, { id: customerGid, tags: [EARLY_ACCESS_TAG] }, (json) => TagsAddResponse.safeParse(json).data?.data.tagsAdd?.userErrors)
    : call(admin, TAGS_REMOVE_MUTATION, { id: customerGid, tags: [EARLY_ACCESS_TAG] }, (json) => TagsRemoveResponse.safeParse(json).data?.data.tagsRemove?.userErrors);
}

/** Sets up to 25 metafields in one call; Shopify applies all of them or none. */
export function setMemberMetafields(admin: AdminGraphql, metafields: readonly MemberMetafield[]): Promise<SyncOutcome> {
  if (metafields.length > METAFIELDS_PER_CALL) throw new Error(`metafieldsSet takes at most ${METAFIELDS_PER_CALL} metafields, got ${metafields.length}`);
  return call(admin, METAFIELDS_SET_MUTATION, { metafields }, (json) => MetafieldsSetResponse.safeParse(json).data?.data.metafieldsSet?.userErrors);
}

/** Pushes one member's whole state (tag, then every metafield): a retry after a partial failure converges. */
export async function pushMemberState(admin: AdminGraphql, customerGid: string, state: MemberSyncState): Promise<SyncOutcome> {
  const tags = await pushEarlyAccessTag(admin, customerGid, state.tier.earlyAccess);
  if (!tags.ok) return tags;
  const values = memberMetafieldValues(state);
  return setMemberMetafields(admin, memberMetafieldInputs(customerGid, values, Object.keys(values)));
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
