/**
 * The shop's automatic app discounts (app/shopify/admin/app-discount.server.ts), simulated for
 * the sandbox per shop: the app's discount Function (handle `wafa-discount`), the lookup by id
 * and by search, create and update, in Shopify's payload shapes and with its user errors for
 * input it would refuse. The discounts' metafields live with the other simulated metafields
 * (./redemption-operations.ts), so metafieldsSet on a discount is seen by the next lookup.
 * In memory: a restart forgets them, as with the other simulated writes.
 */
import { z } from "zod";
import { metafieldsSet, sandboxMetafield } from "./redemption-operations";

/** The id Shopify would give the app's deployed discount Function (any stable string). */
export const SANDBOX_DISCOUNT_FUNCTION = { id: "01J0SANDBOXWAFADISCOUNTFN", handle: "wafa-discount" } as const;

type CombinesWith = { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };

export type SandboxAutomaticDiscount = {
  id: string;
  /** DiscountAutomaticApp for app discounts; another type stands for Shopify's own kinds. */
  typename: string;
  title: string;
  status: "ACTIVE" | "SCHEDULED" | "EXPIRED";
  discountClasses: string[];
  combinesWith: CombinesWith;
  functionId: string;
  startsAt: string;
};

const discountsByShop = new Map<string, Map<string, SandboxAutomaticDiscount>>();
let nextId = 1;

const shopDiscounts = (shop: string) => {
  const existing = discountsByShop.get(shop);
  if (existing) return existing;
  const created = new Map<string, SandboxAutomaticDiscount>();
  discountsByShop.set(shop, created);
  return created;
};

const userError = (field: string[], message: string, code = "INVALID") => ({ field, message, code });

const METAFIELD_NAMESPACE = "$app:wafa";
const METAFIELD_KEY = "function-variables";

function node(discount: SandboxAutomaticDiscount) {
  const value = sandboxMetafield(discount.id, METAFIELD_NAMESPACE, METAFIELD_KEY);
  const automaticDiscount = discount.typename === "DiscountAutomaticApp"
    ? {
        __typename: discount.typename, title: discount.title, status: discount.status, discountClasses: [...discount.discountClasses],
        combinesWith: { ...discount.combinesWith }, appDiscountType: { functionId: discount.functionId },
      }
    : { __typename: discount.typename };
  return { id: discount.id, automaticDiscount, metafield: value === null ? null : { value } };
}

export function simulateAppDiscountById(shop: string, variables: Record<string, unknown>) {
  const discount = shopDiscounts(shop).get(String(variables.id ?? ""));
  return { automaticDiscountNode: discount ? node(discount) : null };
}

/** `automaticDiscountNodes(query: "type:app")`: the shop's app discounts; `shopifyFunctions`: the app's one Function. */
export function simulateAppDiscountSearch(shop: string) {
  const nodes = [...shopDiscounts(shop).values()].filter((discount) => discount.typename === "DiscountAutomaticApp").map(node);
  return { shopifyFunctions: { nodes: [{ ...SANDBOX_DISCOUNT_FUNCTION }] }, automaticDiscountNodes: { nodes } };
}

const DISCOUNT_CLASSES = ["ORDER", "PRODUCT", "SHIPPING"] as const;
const AppDiscountInput = z.object({
  title: z.string().optional(),
  functionId: z.string().optional(),
  functionHandle: z.string().optional(),
  startsAt: z.iso.datetime().optional(),
  endsAt: z.iso.datetime().nullable().optional(),
  discountClasses: z.array(z.enum(DISCOUNT_CLASSES)).optional(),
  combinesWith: z.object({ orderDiscounts: z.boolean().optional(), productDiscounts: z.boolean().optional(), shippingDiscounts: z.boolean().optional() }).optional(),
  metafields: z.array(z.object({ namespace: z.string(), key: z.string(), type: z.string(), value: z.string() })).optional(),
});
type AppDiscountInput = z.infer<typeof AppDiscountInput>;

/** Shopify's refusals for input it would not take (the subset Wafa could send by mistake). */
function inputErrors(input: AppDiscountInput, creating: boolean) {
  if (input.functionId !== undefined && input.functionHandle !== undefined) {
    return [userError(["automaticAppDiscount"], "Only one of functionId or functionHandle can be provided.")];
  }
  if (creating && input.functionHandle === undefined && input.functionId === undefined) return [userError(["automaticAppDiscount", "functionHandle"], "Function can't be blank", "BLANK")];
  const handleMissing = input.functionHandle !== undefined && input.functionHandle !== SANDBOX_DISCOUNT_FUNCTION.handle;
  const idMissing = input.functionId !== undefined && input.functionId !== SANDBOX_DISCOUNT_FUNCTION.id;
  if (handleMissing || idMissing) return [userError(["automaticAppDiscount", "functionHandle"], "Function not found.", "INVALID")];
  if (input.title !== undefined && input.title.trim() === "") return [userError(["automaticAppDiscount", "title"], "Title can't be blank", "BLANK")];
  if (creating && input.title === undefined) return [userError(["automaticAppDiscount", "title"], "Title can't be blank", "BLANK")];
  if (input.discountClasses !== undefined && input.discountClasses.length === 0) return [userError(["automaticAppDiscount", "discountClasses"], "Discount classes can't be blank", "BLANK")];
  return [];
}

const invalid = (root: string, message: string) => ({ [root]: { automaticAppDiscount: null, userErrors: [userError(["automaticAppDiscount"], message)] } });

function writeMetafields(ownerId: string, input: AppDiscountInput): void {
  const metafields = (input.metafields ?? []).map((metafield) => ({ ownerId, ...metafield }));
  if (metafields.length > 0) metafieldsSet({ metafields });
}

const combine = (current: CombinesWith, input: AppDiscountInput["combinesWith"]): CombinesWith => ({
  orderDiscounts: input?.orderDiscounts ?? current.orderDiscounts,
  productDiscounts: input?.productDiscounts ?? current.productDiscounts,
  shippingDiscounts: input?.shippingDiscounts ?? current.shippingDiscounts,
});

export function simulateAppDiscountCreate(shop: string, variables: Record<string, unknown>) {
  const parsed = AppDiscountInput.safeParse(variables.automaticAppDiscount);
  if (!parsed.success) return invalid("discountAutomaticAppCreate", `sandbox: invalid DiscountAutomaticAppInput: ${parsed.error.issues[0]?.message ?? ""}`);
  const errors = inputErrors(parsed.data, true);
  if (errors.length > 0) return { discountAutomaticAppCreate: { automaticAppDiscount: null, userErrors: errors } };
  const input = parsed.data;
  const id = `gid://shopify/DiscountAutomaticNode/${nextId++}`;
  shopDiscounts(shop).set(id, {
    id, typename: "DiscountAutomaticApp", title: input.title ?? "", status: "ACTIVE",
    discountClasses: [...(input.discountClasses ?? [])], combinesWith: combine({ orderDiscounts: false, productDiscounts: false, shippingDiscounts: false }, input.combinesWith),
    functionId: SANDBOX_DISCOUNT_FUNCTION.id, startsAt: input.startsAt ?? new Date().toISOString(),
  });
  writeMetafields(id, input);
  return { discountAutomaticAppCreate: { automaticAppDiscount: { discountId: id }, userErrors: [] } };
}

export function simulateAppDiscountUpdate(shop: string, variables: Record<string, unknown>) {
  const discount = shopDiscounts(shop).get(String(variables.id ?? ""));
  if (!discount || discount.typename !== "DiscountAutomaticApp") {
    return { discountAutomaticAppUpdate: { automaticAppDiscount: null, userErrors: [userError(["id"], "Discount does not exist", "INVALID")] } };
  }
  const parsed = AppDiscountInput.safeParse(variables.automaticAppDiscount);
  if (!parsed.success) return invalid("discountAutomaticAppUpdate", `sandbox: invalid DiscountAutomaticAppInput: ${parsed.error.issues[0]?.message ?? ""}`);
  const errors = inputErrors(parsed.data, false);
  if (errors.length > 0) return { discountAutomaticAppUpdate: { automaticAppDiscount: null, userErrors: errors } };
  const input = parsed.data;
  if (input.title !== undefined) discount.title = input.title;
  if (input.discountClasses !== undefined) discount.discountClasses = [...input.discountClasses];
  discount.combinesWith = combine(discount.combinesWith, input.combinesWith);
  writeMetafields(discount.id, input);
  return { discountAutomaticAppUpdate: { automaticAppDiscount: { discountId: discount.id }, userErrors: [] } };
}

/** The shop's simulated automatic discounts (the sandbox's pages and tests read them). */
export function sandboxAutomaticDiscounts(shop: string): SandboxAutomaticDiscount[] {
  return [...shopDiscounts(shop).values()].map((discount) => ({ ...discount, discountClasses: [...discount.discountClasses], combinesWith: { ...discount.combinesWith } }));
}

/**
 * What a merchant (or another app) does in the Shopify admin: add an automatic discount,
 * or edit or end one. Returns the discount's id.
 */
export function editSandboxAutomaticDiscount(shop: string, discount: Partial<SandboxAutomaticDiscount> & { id?: string }): string {
  const discounts = shopDiscounts(shop);
  const id = discount.id ?? `gid://shopify/DiscountAutomaticNode/${nextId++}`;
  const current = discounts.get(id) ?? {
    id, typename: "DiscountAutomaticApp", title: "Merchant discount", status: "ACTIVE" as const, discountClasses: ["ORDER"],
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false }, functionId: "another-function", startsAt: new Date().toISOString(),
  };
  discounts.set(id, { ...current, ...discount, id });
  return id;
}
