import { z } from "zod";
import type { Segment } from "../../loyalty/metrics/rfm-segments";
import { segmentTagChange } from "../../loyalty/metrics/segment-export";
import { adminMutation, METAFIELDS_PER_CALL, type AdminOutcome, type ThrottleOptions } from "./redemption-operations.server";
import type { AdminGraphql } from "./shop-details.server";

/**
 * The Admin GraphQL calls the RFM segment export makes (docs/decisions/0014-reports.md),
 * each through `adminMutation`, which backs off on Shopify's cost-based throttling.
 * Shapes from the Admin GraphQL schema: tagsAdd / tagsRemove (id, tags), metafieldsSet
 * (at most 25 per call, atomic), metafieldsDelete (ownerId, namespace, key).
 * The metafield is app-owned, in `$app` beside the member metafields (the namespace
 * shopify.app.toml can declare a definition in, `[customer.metafields.app.rfm_segment]`).
 */
export const SEGMENT_METAFIELD = { namespace: "$app", key: "rfm_segment", type: "single_line_text_field" } as const;

export const SEGMENT_TAGS_ADD = `#graphql
  mutation WafaSegmentTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      userErrors { field message }
    }
  }
`;

export const SEGMENT_TAGS_REMOVE = `#graphql
  mutation WafaSegmentTagsRemove($id: ID!, $tags: [String!]!) {
    tagsRemove(id: $id, tags: $tags) {
      userErrors { field message }
    }
  }
`;

export const SEGMENT_METAFIELDS_SET = `#graphql
  mutation WafaSegmentMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      userErrors { field message code }
    }
  }
`;

export const SEGMENT_METAFIELDS_DELETE = `#graphql
  mutation WafaSegmentMetafieldsDelete($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      userErrors { field message }
    }
  }
`;

const Payload = z.object({}).passthrough();

/**
 * Leaves the customer with exactly the tag of `segment` among Wafa's RFM tags (none when
 * null), other tags untouched. Removing first: a customer never carries two segments.
 * Both calls are idempotent at Shopify, so a retry after a partial failure converges.
 */
export async function replaceSegmentTag(admin: AdminGraphql, customerGid: string, segment: Segment | null, options?: ThrottleOptions): Promise<AdminOutcome<null>> {
  const { add, remove } = segmentTagChange(segment);
  const removed = await adminMutation(admin, SEGMENT_TAGS_REMOVE, { id: customerGid, tags: remove }, "tagsRemove", Payload, options);
  if (!removed.ok || add.length === 0) return removed.ok ? { ok: true, value: null } : removed;
  const added = await adminMutation(admin, SEGMENT_TAGS_ADD, { id: customerGid, tags: add }, "tagsAdd", Payload, options);
  return added.ok ? { ok: true, value: null } : added;
}

export type SegmentValue = { readonly customerGid: string; readonly segment: Segment | null };

/**
 * Sets (or, for null, deletes) the `rfm_segment` metafield of up to 25 customers in one
 * call. metafieldsSet is atomic: one refused owner refuses the call, and the caller retries
 * customer by customer to find it.
 */
export async function writeSegmentMetafields(admin: AdminGraphql, values: readonly SegmentValue[], options?: ThrottleOptions): Promise<AdminOutcome<null>> {
  if (values.length > METAFIELDS_PER_CALL) throw new Error(`at most ${METAFIELDS_PER_CALL} metafields per call, got ${values.length}`);
  const { namespace, key, type } = SEGMENT_METAFIELD;
  const set = values.flatMap(({ customerGid, segment }) => (segment === null ? [] : [{ ownerId: customerGid, namespace, key, type, value: segment }]));
  const removed = values.flatMap(({ customerGid, segment }) => (segment === null ? [{ ownerId: customerGid, namespace, key }] : []));
  if (set.length > 0) {
    const outcome = await adminMutation(admin, SEGMENT_METAFIELDS_SET, { metafields: set }, "metafieldsSet", Payload, options);
    if (!outcome.ok) return outcome;
  }
  if (removed.length > 0) {
    const outcome = await adminMutation(admin, SEGMENT_METAFIELDS_DELETE, { metafields: removed }, "metafieldsDelete", Payload, options);
    if (!outcome.ok) return outcome;
  }
  return { ok: true, value: null };
}
