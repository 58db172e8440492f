/**
 * The Admin GraphQL mutations redemptions make (app/shopify/admin/redemption-operations.server.ts),
 * simulated for the sandbox: metafields, single-use code discounts and store credit live in
 * memory (a restart forgets them, as the sandbox's bulk files do), answered in Shopify's
 * payload shapes, with Shopify's user errors for input it would refuse.
 */

type UserError = { field: string[]; message: string; code: string };
const userError = (field: string[], message: string, code = "INVALID"): UserError => ({ field, message, code });

const metafields = new Map<string, string>();
const codes = new Map<string, { id: string; code: string; customers: string[]; usageLimit: unknown }>();
const credits: Array<{ id: string; customer: string; amount: string; currencyCode: string }> = [];
let nextId = 1;

const isGid = (value: unknown, type: string): value is string => typeof value === "string" && new RegExp(`^gid://shopify/${type}/\\d+$`).test(value);
const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});

/** What the sandbox holds for an owner's metafield (for the sandbox's own pages and tests in-process). */
export function sandboxMetafield(ownerId: string, namespace: string, key: string): string | null {
  return metafields.get(`${ownerId}|${namespace}|${key}`) ?? null;
}

export function metafieldsSet(variables: Record<string, unknown>) {
  const inputs = Array.isArray(variables.metafields) ? variables.metafields.map(record) : [];
  if (inputs.length > 25) return { metafieldsSet: { metafields: null, userErrors: [userError(["metafields"], "Exceeded the maximum metafields input limit of 25.", "LESS_THAN_OR_EQUAL_TO")] } };
  const errors = inputs.flatMap((input, index) =>
    typeof input.ownerId !== "string" || typeof input.key !== "string" || typeof input.value !== "string"
      ? [userError(["metafields", String(index)], "ownerId, key and value are required.", "BLANK")]
      : [],
  );
  if (errors.length > 0) return { metafieldsSet: { metafields: null, userErrors: errors } };
  const saved = inputs.map((input) => {
    metafields.set(`${String(input.ownerId)}|${String(input.namespace)}|${String(input.key)}`, String(input.value));
    return { id: `gid://shopify/Metafield/${nextId++}` };
  });
  return { metafieldsSet: { metafields: saved, userErrors: [] } };
}

export function discountCodeBasicCreate(variables: Record<string, unknown>) {
  const input = record(variables.basicCodeDiscount);
  const code = typeof input.code === "string" ? input.code : "";
  const customers = record(record(input.context).customers).add;
  if (code === "") return { discountCodeBasicCreate: { codeDiscountNode: null, userErrors: [userError(["basicCodeDiscount", "code"], "Code can't be blank", "BLANK")] } };
  if ([...codes.values()].some((existing) => existing.code === code)) {
    return { discountCodeBasicCreate: { codeDiscountNode: null, userErrors: [userError(["basicCodeDiscount", "code"], "Code must be unique.", "TAKEN")] } };
  }
  if (!Array.isArray(customers) || !customers.every((customer) => isGid(customer, "Customer"))) {
    return { discountCodeBasicCreate: { codeDiscountNode: null, userErrors: [userError(["basicCodeDiscount", "context"], "Context must name customers.", "INVALID")] } };
  }
  const id = `gid://shopify/DiscountCodeNode/${nextId++}`;
  codes.set(id, { id, code, customers: customers as string[], usageLimit: input.usageLimit });
  return { discountCodeBasicCreate: { codeDiscountNode: { id }, userErrors: [] } };
}

export function discountCodeDelete(variables: Record<string, unknown>) {
  const id = String(variables.id ?? "");
  if (!codes.delete(id)) return { discountCodeDelete: { deletedCodeDiscountId: null, userErrors: [userError(["id"], "Discount does not exist.", "INVALID")] } };
  return { discountCodeDelete: { deletedCodeDiscountId: id, userErrors: [] } };
}

export function storeCreditAccountCredit(variables: Record<string, unknown>) {
  const amount = record(record(variables.creditInput).creditAmount);
  if (!isGid(variables.id, "Customer") && !isGid(variables.id, "StoreCreditAccount")) {
    return { storeCreditAccountCredit: { storeCreditAccountTransaction: null, userErrors: [userError(["id"], "Owner does not exist.", "ACCOUNT_NOT_FOUND")] } };
  }
  if (typeof amount.amount !== "string" || !/^\d+(\.\d+)?$/.test(amount.amount) || Number(amount.amount) <= 0) {
    return { storeCreditAccountCredit: { storeCreditAccountTransaction: null, userErrors: [userError(["creditInput", "creditAmount", "amount"], "A positive amount must be used.", "NEGATIVE_OR_ZERO_AMOUNT")] } };
  }
  const id = `gid://shopify/StoreCreditAccountCreditTransaction/${nextId++}`;
  credits.push({ id, customer: String(variables.id), amount: amount.amount, currencyCode: String(amount.currencyCode) });
  return { storeCreditAccountCredit: { storeCreditAccountTransaction: { id }, userErrors: [] } };
}

/**
 * Everything the simulated Admin API holds for redemptions: the app-owned metafields, the
 * live codes and the store credit issued (the sandbox's redemptions page and route tests
 * read it; the server's process holds it).
 */
export function sandboxRedemptionState() {
  return {
    metafields: [...metafields].map(([key, value]) => {
      const [ownerId = "", namespace = "", name = ""] = key.split("|");
      return { ownerId, namespace, key: name, value };
    }),
    codes: [...codes.values()].map((code) => ({ id: code.id, code: code.code, customers: [...code.customers] })),
    credits: credits.map((credit) => ({ ...credit })),
  };
}
