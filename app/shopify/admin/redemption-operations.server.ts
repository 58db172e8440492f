import { z } from "zod";
import type { AdminGraphql } from "./shop-details.server";

/**
 * The Admin GraphQL calls a redemption makes (docs/decisions/0015-redemption.md), each
 * retried on Shopify's cost-based throttling: a THROTTLED error (or a cost the bucket cannot
 * cover) waits until `extensions.cost.throttleStatus` has restored enough points.
 * https://shopify.dev/docs/api/usage/rate-limits#graphql-admin-api-rate-limits
 * Shapes: metafieldsSet (≤ 25 per call), discountCodeBasicCreate with the 2025-10 `context`
 * (customers.add), discountCodeDelete, storeCreditAccountCredit.
 */

/**
 * The title of the shop's automatic app discount that runs Wafa's discount Function (the
 * extension's name). Orders show it when Shopify does not show the Function's message.
 */
export const WAFA_DISCOUNT_TITLE = "Wafa rewards";

export const RESERVATION_METAFIELDS_SET = `#graphql
  mutation WafaReservationMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message code }
    }
  }
`;

export const REDEMPTION_CODE_CREATE = `#graphql
  mutation WafaRedemptionCodeCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`;

export const REDEMPTION_CODE_DELETE = `#graphql
  mutation WafaRedemptionCodeDelete($id: ID!) {
    discountCodeDelete(id: $id) {
      deletedCodeDiscountId
      userErrors { field message code }
    }
  }
`;

export const STORE_CREDIT_CREDIT = `#graphql
  mutation WafaStoreCreditCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction { id }
      userErrors { field message code }
    }
  }
`;

const UserErrors = z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string() }));
const ThrottleStatus = z.object({ maximumAvailable: z.number(), currentlyAvailable: z.number(), restoreRate: z.number() });
const Envelope = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z.union([z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).passthrough().optional() })), z.string()]).optional(),
  extensions: z.object({ cost: z.object({ requestedQueryCost: z.number().optional(), throttleStatus: ThrottleStatus }).passthrough() }).passthrough().optional(),
});

export type AdminOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export type ThrottleOptions = {
  /** Waits this many milliseconds (tests pass a recorder). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly maxAttempts?: number;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long to wait before the bucket holds `needed` points again (at least 1 s when unknown). */
export function throttleWaitMs(status: z.infer<typeof ThrottleStatus> | undefined, needed: number): number {
  if (!status || status.restoreRate <= 0) return 1000;
  const missing = Math.max(1, needed - status.currentlyAvailable);
  return Math.ceil((missing / status.restoreRate) * 1000);
}

/**
 * Shopify's client library throws on a response with top-level GraphQL errors (THROTTLED is
 * one, answered with HTTP 200) as a GraphqlQueryError whose `body` holds the response:
 * `errors.graphQLErrors` and `extensions.cost`. Those are read as if they had been returned.
 */
const ThrownQueryError = z.object({
  body: z.object({
    data: z.record(z.string(), z.unknown()).nullish(),
    errors: z.object({ graphQLErrors: Envelope.shape.errors }).passthrough(),
    extensions: Envelope.shape.extensions,
  }),
});

async function callAdmin(admin: AdminGraphql, query: string, variables: Record<string, unknown>): Promise<AdminOutcome<z.infer<typeof Envelope>>> {
  let body: unknown;
  try {
    const response = await admin.graphql(query, { variables });
    body = await response.json();
  } catch (error) {
    const thrown = ThrownQueryError.safeParse(error);
    if (!thrown.success) return { ok: false, message: `the Admin API call failed: ${error instanceof Error ? error.message : String(error)}` };
    const { data, errors, extensions } = thrown.data.body;
    return { ok: true, value: { data, errors: errors.graphQLErrors ?? [{ message: "GraphQL operation failed" }], extensions } };
  }
  const envelope = Envelope.safeParse(body);
  return envelope.success ? { ok: true, value: envelope.data } : { ok: false, message: "unexpected Admin API response" };
}

/**
 * One Admin GraphQL call with throttling backed off: `read` turns the answer's `data` into
 * the caller's value (or a failure). Shared by mutations and queries.
 */
async function throttledCall<T>(
  admin: AdminGraphql,
  query: string,
  variables: Record<string, unknown>,
  read: (data: Record<string, unknown> | null | undefined) => AdminOutcome<T>,
  options: ThrottleOptions,
): Promise<AdminOutcome<T>> {
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const answer = await callAdmin(admin, query, variables);
    if (!answer.ok) return answer;
    const { data, errors, extensions } = answer.value;
    const throttled = Array.isArray(errors) && errors.some((error) => error.extensions?.code === "THROTTLED");
    if (throttled) {
      if (attempt >= maxAttempts) return { ok: false, message: "the Admin API stayed throttled" };
      await sleep(throttleWaitMs(extensions?.cost.throttleStatus, extensions?.cost.requestedQueryCost ?? 10));
      continue;
    }
    if (errors) return { ok: false, message: typeof errors === "string" ? errors : errors.map((error) => error.message).join("; ") };
    const outcome = read(data);
    if (!outcome.ok) return outcome;
    // Spend what is left calmly: when the bucket is nearly empty, let it refill before the next call.
    const status = extensions?.cost.throttleStatus;
    if (status && status.currentlyAvailable < status.maximumAvailable * 0.1) await sleep(throttleWaitMs(status, status.maximumAvailable * 0.1));
    return outcome;
  }
}

/** One Admin GraphQL call: the named root field's payload, with throttling backed off and user errors returned. */
export async function adminMutation<T>(
  admin: AdminGraphql,
  query: string,
  variables: Record<string, unknown>,
  root: string,
  payload: z.ZodType<T>,
  options: ThrottleOptions = {},
): Promise<AdminOutcome<T>> {
  return throttledCall(admin, query, variables, (data) => {
    const parsed = z.object({ userErrors: UserErrors }).passthrough().safeParse(data?.[root]);
    if (!parsed.success) return { ok: false, message: `unexpected ${root} response` };
    if (parsed.data.userErrors.length > 0) return { ok: false, message: parsed.data.userErrors.map((error) => error.message).join("; ") };
    const value = payload.safeParse(parsed.data);
    return value.success ? { ok: true, value: value.data } : { ok: false, message: `unexpected ${root} payload` };
  }, options);
}

/** One Admin GraphQL query: its whole `data`, validated, with throttling backed off. */
export async function adminQuery<T>(
  admin: AdminGraphql,
  query: string,
  variables: Record<string, unknown>,
  payload: z.ZodType<T>,
  options: ThrottleOptions = {},
): Promise<AdminOutcome<T>> {
  return throttledCall(admin, query, variables, (data) => {
    const value = payload.safeParse(data);
    return value.success ? { ok: true, value: value.data } : { ok: false, message: `unexpected Admin API query response: ${value.error.issues[0]?.message ?? ""}` };
  }, options);
}

export type MetafieldInput = { readonly ownerId: string; readonly namespace: string; readonly key: string; readonly type: string; readonly value: string };

/** metafieldsSet takes at most 25 metafields per call. */
export const METAFIELDS_PER_CALL = 25;

export async function setMetafields(admin: AdminGraphql, metafields: readonly MetafieldInput[], options?: ThrottleOptions): Promise<AdminOutcome<null>> {
  for (let start = 0; start < metafields.length; start += METAFIELDS_PER_CALL) {
    const batch = metafields.slice(start, start + METAFIELDS_PER_CALL);
    const outcome = await adminMutation(admin, RESERVATION_METAFIELDS_SET, { metafields: batch }, "metafieldsSet", z.object({}).passthrough(), options);
    if (!outcome.ok) return outcome;
  }
  return { ok: true, value: null };
}

export type CodeDiscount = {
  readonly code: string;
  readonly title: string;
  readonly customerGid: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** A decimal amount in the shop's currency, or a whole percent. */
  readonly value: { readonly kind: "amount"; readonly amount: string } | { readonly kind: "percent"; readonly percent: number };
};

/** A single-use code only this customer can use, until `endsAt`. */
export async function createCodeDiscount(admin: AdminGraphql, discount: CodeDiscount, options?: ThrottleOptions): Promise<AdminOutcome<{ discountId: string }>> {
  const value = discount.value.kind === "amount"
    ? { discountAmount: { amount: discount.value.amount, appliesOnEachItem: false } }
    : { percentage: discount.value.percent / 100 };
  const basicCodeDiscount = {
    title: discount.title,
    code: discount.code,
    startsAt: discount.startsAt.toISOString(),
    endsAt: discount.endsAt.toISOString(),
    usageLimit: 1,
    appliesOncePerCustomer: true,
    context: { customers: { add: [discount.customerGid] } },
    customerGets: { value, items: { all: true } },
  };
  const outcome = await adminMutation(
    admin, REDEMPTION_CODE_CREATE, { basicCodeDiscount }, "discountCodeBasicCreate", z.object({ codeDiscountNode: z.object({ id: z.string() }) }), options,
  );
  return outcome.ok ? { ok: true, value: { discountId: outcome.value.codeDiscountNode.id } } : outcome;
}

export async function deleteCodeDiscount(admin: AdminGraphql, discountId: string, options?: ThrottleOptions): Promise<AdminOutcome<null>> {
  const outcome = await adminMutation(admin, REDEMPTION_CODE_DELETE, { id: discountId }, "discountCodeDelete", z.object({}).passthrough(), options);
  return outcome.ok ? { ok: true, value: null } : outcome;
}

/** Credits the customer's store credit account (created by Shopify on first credit). */
export async function creditStoreCredit(
  admin: AdminGraphql, customerGid: string, amount: string, currencyCode: string, options?: ThrottleOptions,
): Promise<AdminOutcome<{ transactionId: string }>> {
  const outcome = await adminMutation(
    admin, STORE_CREDIT_CREDIT, { id: customerGid, creditInput: { creditAmount: { amount, currencyCode } } }, "storeCreditAccountCredit",
    z.object({ storeCreditAccountTransaction: z.object({ id: z.string() }) }), options,
  );
  return outcome.ok ? { ok: true, value: { transactionId: outcome.value.storeCreditAccountTransaction.id } } : outcome;
}
