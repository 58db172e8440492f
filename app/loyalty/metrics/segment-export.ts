import { SEGMENTS, type Segment } from "./rfm-segments";

/**
 * What Shopify carries for a customer's RFM segment (docs/decisions/0014-reports.md): one
 * customer tag `wafa-rfm-a|b|c` (merchants build customer segments and discounts on tags),
 * and the app-owned metafield `rfm_segment` holding "A", "B" or "C".
 */
export const SEGMENT_TAG_PREFIX = "wafa-rfm-";

export function segmentTag(segment: Segment): string {
  return `${SEGMENT_TAG_PREFIX}${segment.toLowerCase()}`;
}

/** Every tag the export may have written: all of them but the customer's own are removed. */
export const SEGMENT_TAGS: readonly string[] = SEGMENTS.map(segmentTag);

/** Tags to add and to remove so that a customer carries exactly the tag of `segment` (none when null). */
export function segmentTagChange(segment: Segment | null): { readonly add: readonly string[]; readonly remove: readonly string[] } {
  const keep = segment === null ? null : segmentTag(segment);
  return { add: keep === null ? [] : [keep], remove: SEGMENT_TAGS.filter((tag) => tag !== keep) };
}

/** One customer whose Shopify tag and metafield must change: `segment` null means the customer left the ranking. */
export type SegmentChange = { readonly customerId: number; readonly segment: Segment | null; readonly previous: Segment | null };

/**
 * The customers to write: those ranked whose segment differs from the one last written to
 * Shopify (or never written), and those written before who are no longer ranked (their tag
 * and metafield are removed). Ordered by customer id, so that a run and its resumption
 * walk the same order.
 */
export function segmentChanges(current: ReadonlyMap<number, Segment>, exported: ReadonlyMap<number, Segment>): SegmentChange[] {
  const changes: SegmentChange[] = [];
  for (const [customerId, segment] of current) {
    const previous = exported.get(customerId) ?? null;
    if (previous !== segment) changes.push({ customerId, segment, previous });
  }
  for (const [customerId, previous] of exported) {
    if (!current.has(customerId)) changes.push({ customerId, segment: null, previous });
  }
  return changes.sort((a, b) => a.customerId - b.customerId);
}
