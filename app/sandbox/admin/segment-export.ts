/**
 * The RFM segment export's metafield calls (app/shopify/admin/segment-export.server.ts),
 * simulated for the sandbox shop; its tag calls share the customer tag simulation
 * (./customer-sync.ts), since a customer has one set of tags. Like Shopify: an unknown
 * owner is a user error, metafieldsSet takes at most 25 and is atomic, a value needs a
 * type, and deleting a metafield that does not exist answers null for it. What was set
 * lives in memory (a restart forgets it, as with the other simulated metafields).
 */
import { z } from "zod";
import { sandboxRuntime } from "../runtime.server";

const values = new Map<string, string>();

const SetVariables = z.object({
  metafields: z.array(z.object({ ownerId: z.string(), namespace: z.string(), key: z.string(), value: z.string(), type: z.string().optional() })),
});
const DeleteVariables = z.object({ metafields: z.array(z.object({ ownerId: z.string(), namespace: z.string(), key: z.string() })).min(1) });

const keyOf = (ownerId: string, namespace: string, key: string) => `${ownerId}|${namespace}|${key}`;

function customerKnown(customerGid: string): boolean {
  return sandboxRuntime().store.customers().some((customer) => customer.gid === customerGid);
}

export function simulateSegmentMetafieldsSet(_shop: string, variables: Record<string, unknown>) {
  const parsed = SetVariables.safeParse(variables);
  if (!parsed.success) return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields"], message: "sandbox: invalid metafields", code: "INVALID" }] } };
  const { metafields } = parsed.data;
  if (metafields.length > 25) {
    return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO" }] } };
  }
  const refused = metafields.findIndex((metafield) => !customerKnown(metafield.ownerId) || !metafield.type);
  const bad = metafields[refused];
  if (bad) {
    const [field, message, code] = customerKnown(bad.ownerId) ? ["type", "Type can't be blank", "BLANK"] : ["ownerId", "Owner does not exist", "INVALID"];
    return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields", String(refused), field], message, code }] } };
  }
  for (const metafield of metafields) values.set(keyOf(metafield.ownerId, metafield.namespace, metafield.key), metafield.value);
  return { metafieldsSet: { metafields: metafields.map(({ namespace, key, value }) => ({ namespace, key, value })), userErrors: [] } };
}

export function simulateSegmentMetafieldsDelete(_shop: string, variables: Record<string, unknown>) {
  const parsed = DeleteVariables.safeParse(variables);
  if (!parsed.success) return { metafieldsDelete: { deletedMetafields: null, userErrors: [{ field: ["metafields"], message: "At least one identifier must be specified." }] } };
  const deletedMetafields = parsed.data.metafields.map(({ ownerId, namespace, key }) => (values.delete(keyOf(ownerId, namespace, key)) ? { ownerId, namespace, key } : null));
  return { metafieldsDelete: { deletedMetafields, userErrors: [] } };
}

/** The segment metafield the sandbox holds for a customer (for the sandbox's pages and tests in-process). */
export function sandboxSegmentMetafield(customerGid: string, namespace: string, key: string): string | null {
  return values.get(keyOf(customerGid, namespace, key)) ?? null;
}
