/**
 * Shopify's customer tag and metafield mutations, simulated for the sandbox shop: the member
 * sync (app/shopify/admin/customer-sync.server.ts) adds and removes the early-access tag
 * and sets the app-owned `tier`, `points` and `next_reward` metafields. Like Shopify, an
 * unknown customer is a user error, tags are a set, a value must fit its type, at most 25
 * metafields go in one call, and metafieldsSet overwrites by (owner, namespace, key) and is
 * atomic. What was set lives in memory (a restart forgets it, as with bulk files).
 */
import { z } from "zod";
import { sandboxRuntime } from "../runtime.server";

type CustomerExtras = { readonly tags: Set<string>; readonly metafields: Map<string, { readonly type: string; readonly value: string }> };

const extras = new Map<string, CustomerExtras>();

const TagsVariables = z.object({ id: z.string(), tags: z.array(z.string()) });
const MetafieldsVariables = z.object({
  metafields: z.array(z.object({ ownerId: z.string(), namespace: z.string().optional(), key: z.string(), value: z.string(), type: z.string().optional() })).max(25),
});

function customerKnown(customerGid: string): boolean {
  return sandboxRuntime().store.customers().some((customer) => customer.gid === customerGid);
}

function extrasOf(customerGid: string): CustomerExtras {
  let found = extras.get(customerGid);
  if (!found) {
    found = { tags: new Set(), metafields: new Map() };
    extras.set(customerGid, found);
  }
  return found;
}

function changeTags(root: "tagsAdd" | "tagsRemove", variables: Record<string, unknown>) {
  const parsed = TagsVariables.safeParse(variables);
  if (!parsed.success) return { [root]: { node: null, userErrors: [{ field: ["tags"], message: "sandbox: id and tags are required" }] } };
  const { id, tags } = parsed.data;
  if (!customerKnown(id)) return { [root]: { node: null, userErrors: [{ field: ["id"], message: "Customer does not exist" }] } };
  const held = extrasOf(id).tags;
  for (const tag of tags.map((value) => value.trim()).filter(Boolean)) {
    if (root === "tagsAdd") held.add(tag);
    else held.delete(tag);
  }
  return { [root]: { node: { id }, userErrors: [] } };
}

export const simulateTagsAdd = (_shop: string, variables: Record<string, unknown>) => changeTags("tagsAdd", variables);
export const simulateTagsRemove = (_shop: string, variables: Record<string, unknown>) => changeTags("tagsRemove", variables);

export function simulateMetafieldsSet(_shop: string, variables: Record<string, unknown>) {
  const parsed = MetafieldsVariables.safeParse(variables);
  if (!parsed.success) return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields"], message: "sandbox: invalid metafields", code: "INVALID" }] } };
  const { metafields } = parsed.data;
  const unknown = metafields.findIndex((metafield) => !customerKnown(metafield.ownerId));
  if (unknown !== -1) {
    return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields", String(unknown), "ownerId"], message: "Owner does not exist", code: "INVALID", elementIndex: unknown }] } };
  }
  const untyped = metafields.findIndex((metafield) => !metafield.type);
  if (untyped !== -1) {
    return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields", String(untyped), "type"], message: "Type can't be blank", code: "BLANK", elementIndex: untyped }] } };
  }
  const invalid = metafields.findIndex((metafield) => !valueFitsType(metafield.type ?? "", metafield.value));
  if (invalid !== -1) {
    return { metafieldsSet: { metafields: null, userErrors: [{ field: ["metafields", String(invalid), "value"], message: `Value is invalid for type ${metafields[invalid]?.type ?? ""}`, code: "INVALID_VALUE", elementIndex: invalid }] } };
  }
  const set = metafields.map((metafield) => {
    const namespace = metafield.namespace ?? "$app";
    extrasOf(metafield.ownerId).metafields.set(`${namespace}.${metafield.key}`, { type: metafield.type ?? "", value: metafield.value });
    return { namespace, key: metafield.key, value: metafield.value };
  });
  return { metafieldsSet: { metafields: set, userErrors: [] } };
}

/** Like Shopify, the two types the member sync writes are checked: an integer's digits, valid JSON. */
function valueFitsType(type: string, value: string): boolean {
  if (type === "number_integer") return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value));
  if (type === "json") {
    try {
      JSON.parse(value);
      return true;
    } catch {
      return false;
    }
  }
  return value.length > 0;
}

/** What the sandbox shop's customer carries now (for the sandbox pages and tests). */
export function sandboxCustomerExtras(customerGid: string): { tags: string[]; metafields: Record<string, string> } {
  const found = extras.get(customerGid);
  return {
    tags: [...(found?.tags ?? [])].sort(),
    metafields: Object.fromEntries([...(found?.metafields ?? new Map<string, { value: string }>())].map(([key, metafield]) => [key, metafield.value])),
  };
}
