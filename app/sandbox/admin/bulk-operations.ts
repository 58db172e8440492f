/**
 * Shopify's bulk query operations, simulated for the sandbox shop: bulkOperationRunQuery
 * takes a snapshot of the simulated store (its whole history, seeded before install or
 * placed since) as the JSONL file Shopify would write, in the shape of the import's queries
 * (app/shopify/bulk/history-queries.ts): one object per line, each order's line items right
 * after it with `__parentId` (groupObjects: true). Like Shopify, the operation is RUNNING
 * when first asked about and COMPLETED after, with its file at a URL of the app's own
 * (/sandbox/bulk/<id>.jsonl). Files live in memory: a restart forgets them.
 */
import { serverEnv } from "../../env.server";
import { formatDecimal, money } from "../../loyalty/money/money";
import { sandboxRuntime } from "../runtime.server";
import { orderAmounts } from "../store/order-amounts";
import { currentQuantity } from "../store/order-math";
import { gid, orderName } from "../store/payloads";
import type { SandboxState } from "../store/state";
import { shopifyTimestamp } from "../store/time";

type SimulatedOperation = { readonly id: number; readonly jsonl: string; readonly objectCount: number; readonly fileUrl: string; polls: number };

const operations = new Map<number, SimulatedOperation>();
let nextId = 1;

export type BulkQueryKind = "customers" | "orders";

/** Which export a bulk query asks for (the import's two queries; anything else is refused). */
export function bulkQueryKind(query: string): BulkQueryKind | null {
  const root = /^\s*\{\s*(\w+)/.exec(query)?.[1];
  return root === "customers" || root === "orders" ? root : null;
}

export function runBulkQuery(variables: Record<string, unknown>) {
  return runBulkQueryOn(sandboxRuntime().store.toJSON(), String(variables.query ?? ""), serverEnv().SHOPIFY_APP_URL ?? "");
}

export function runBulkQueryOn(state: SandboxState, query: string, appUrl: string) {
  const kind = bulkQueryKind(query);
  if (!kind) return { bulkOperationRunQuery: { bulkOperation: null, userErrors: [{ field: ["query"], message: "sandbox: only the history import's customers and orders queries are simulated" }] } };
  const lines = kind === "customers" ? customerLines(state) : orderLines(state);
  const id = nextId++;
  const jsonl = lines.map((line) => `${JSON.stringify(line)}\n`).join("");
  operations.set(id, { id, jsonl, objectCount: lines.length, fileUrl: `${appUrl}/sandbox/bulk/${id}.jsonl`, polls: 0 });
  return { bulkOperationRunQuery: { bulkOperation: { id: gid("BulkOperation", id), status: "CREATED" }, userErrors: [] } };
}

export function bulkOperationNode(variables: Record<string, unknown>) {
  const match = /^gid:\/\/shopify\/BulkOperation\/(\d+)$/.exec(String(variables.id ?? ""));
  const operation = match ? operations.get(Number(match[1])) : undefined;
  if (!operation) return { node: null };
  operation.polls++;
  const completed = operation.polls > 1;
  const size = Buffer.byteLength(operation.jsonl);
  return {
    node: {
      id: gid("BulkOperation", operation.id),
      status: completed ? "COMPLETED" : "RUNNING",
      errorCode: null,
      objectCount: String(completed ? operation.objectCount : Math.floor(operation.objectCount / 2)),
      fileSize: completed && size > 0 ? String(size) : null,
      url: completed && size > 0 ? operation.fileUrl : null,
      partialDataUrl: null,
    },
  };
}

/** The file of a completed operation, or null. */
export function bulkOperationFile(id: number): string | null {
  const operation = operations.get(id);
  return operation && operation.polls > 1 ? operation.jsonl : null;
}

function moneyBag(minor: number, currency: string) {
  return { shopMoney: { amount: formatDecimal(money(minor, currency)), currencyCode: currency } };
}

function customerLines(state: SandboxState): object[] {
  return state.customers.map((customer) => ({
    id: gid("Customer", customer.id),
    defaultEmailAddress: { emailAddress: customer.email },
    firstName: customer.firstName,
    lastName: customer.lastName,
    phone: customer.phone,
    createdAt: shopifyTimestamp(customer.createdAt),
    updatedAt: shopifyTimestamp(customer.updatedAt),
  }));
}

/** Each order then its line items, in the store's order (processing order, as sortKey asks). */
function orderLines(state: SandboxState): object[] {
  const $ = (minor: number) => moneyBag(minor, state.currency);
  return state.orders.flatMap((order) => {
    const amounts = orderAmounts(order);
    const orderGid = gid("Order", order.id);
    const created = shopifyTimestamp(order.createdAt);
    return [
      {
        id: orderGid,
        name: orderName(order),
        createdAt: created,
        processedAt: created,
        updatedAt: shopifyTimestamp(order.updatedAt),
        cancelledAt: order.cancelledAt === null ? null : shopifyTimestamp(order.cancelledAt),
        test: order.test,
        displayFinancialStatus: order.financialStatus.toUpperCase(),
        taxesIncluded: false,
        sourceName: "web",
        discountCodes: order.discount ? [order.discount.code] : [],
        customer: order.customerId === null ? null : { id: gid("Customer", order.customerId) },
        currentSubtotalPriceSet: $(amounts.currentSubtotalMinor),
        currentTotalPriceSet: $(amounts.currentTotalMinor),
        currentTotalDiscountsSet: $(amounts.currentDiscountsMinor),
        currentShippingPriceSet: $(amounts.currentShippingMinor),
        currentTotalTaxSet: $(amounts.currentTaxMinor),
        refunds: order.refunds.map((refund) => ({ id: gid("Refund", refund.id) })),
      },
      ...order.lines.map((line) => ({
        id: gid("LineItem", line.id),
        quantity: line.quantity,
        currentQuantity: currentQuantity(line),
        isGiftCard: line.giftCard,
        product: line.productId === null ? null : { id: gid("Product", line.productId) },
        originalUnitPriceSet: $(line.unitPriceMinor),
        totalDiscountSet: $(line.discountMinor),
        __parentId: orderGid,
      })),
    ];
  });
}
