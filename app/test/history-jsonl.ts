// Test and bench support: history import files as Shopify's bulk operations write them,
// and a fake of Shopify's edge (the bulk operation API and its file storage, with ranges).
import type { AdminGraphql } from "../shopify/admin/shop-details.server";

export type HistoryOrderSpec = {
  readonly id: number;
  readonly customerId: number | null;
  readonly processedAt: string;
  readonly updatedAt?: string;
  readonly status?: string;
  readonly subtotal?: string;
  readonly cancelledAt?: string | null;
  readonly refundIds?: readonly number[];
  readonly lines?: number;
};

const bag = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });

export function customerLine(id: number, updatedAt = "2025-06-01T00:00:00Z"): string {
  return JSON.stringify({
    id: `gid://shopify/Customer/${id}`, defaultEmailAddress: { emailAddress: `c${id}@example.com` }, firstName: "Customer", lastName: String(id),
    phone: null, createdAt: "2024-01-01T00:00:00Z", updatedAt,
  });
}

/** The order's line then its line items (each 10.00 × 1, so the subtotal is lines × 10.00 unless given). */
export function orderLines(spec: HistoryOrderSpec): string[] {
  const lineCount = spec.lines ?? 2;
  const gid = `gid://shopify/Order/${spec.id}`;
  const subtotal = spec.subtotal ?? `${lineCount * 10}.00`;
  const order = {
    id: gid, name: `#${spec.id}`, createdAt: spec.processedAt, processedAt: spec.processedAt, updatedAt: spec.updatedAt ?? spec.processedAt,
    cancelledAt: spec.cancelledAt ?? null, test: false, displayFinancialStatus: spec.status ?? "PAID", taxesIncluded: false, sourceName: "web",
    discountCodes: [], customer: spec.customerId === null ? null : { id: `gid://shopify/Customer/${spec.customerId}` },
    currentSubtotalPriceSet: bag(subtotal), currentTotalPriceSet: bag(subtotal), currentTotalDiscountsSet: bag("0.00"),
    currentShippingPriceSet: bag("0.00"), currentTotalTaxSet: bag("0.00"), refunds: (spec.refundIds ?? []).map((id) => ({ id: `gid://shopify/Refund/${id}` })),
  };
  const items = Array.from({ length: lineCount }, (_, index) => JSON.stringify({
    id: `gid://shopify/LineItem/${spec.id * 100 + index}`, quantity: 1, currentQuantity: 1, isGiftCard: false, product: { id: "gid://shopify/Product/7" },
    originalUnitPriceSet: bag("10.00"), totalDiscountSet: bag("0.00"), __parentId: gid,
  }));
  return [JSON.stringify(order), ...items];
}

export const jsonl = (lines: readonly string[]) => lines.map((line) => `${line}\n`).join("");

/**
 * Shopify's side of an import: each bulkOperationRunQuery takes the next file of `files`
 * (customers, then orders), is RUNNING once and then COMPLETED; `fetch` serves the files
 * with byte ranges. `failAfterBytes` makes a download break off (a crash mid-file).
 */
export function fakeShopifyExports(files: { customers: string; orders: string }) {
  const operations: string[] = [];
  let polls = 0;
  const state = { failAfterBytes: null as number | null, rangeRequests: 0 };
  const admin: AdminGraphql = {
    async graphql(query, options) {
      const variables = options?.variables ?? {};
      if (query.includes("WafaRunBulkQuery")) {
        const text = String(variables.query);
        operations.push(text.includes("customers") ? files.customers : files.orders);
        polls = 0;
        return Response.json({ data: { bulkOperationRunQuery: { bulkOperation: { id: `gid://shopify/BulkOperation/${operations.length}`, status: "CREATED" }, userErrors: [] } } });
      }
      const index = Number(String(variables.id).split("/").pop()) - 1;
      const body = operations[index] ?? "";
      polls++;
      const done = polls > 1;
      return Response.json({ data: { node: { id: String(variables.id), status: done ? "COMPLETED" : "RUNNING", errorCode: null, objectCount: "3", fileSize: String(Buffer.byteLength(body)), url: done ? `https://storage.example/${index}.jsonl` : null } } });
    },
  };
  const fetch = async (url: string, init: RequestInit) => {
    const index = Number(/\/(\d+)\.jsonl$/.exec(url)?.[1]);
    const bytes = Buffer.from(operations[index] ?? "");
    const range = /^bytes=(\d+)-$/.exec(new Headers(init.headers).get("Range") ?? "");
    const start = range ? Number(range[1]) : 0;
    if (range) state.rangeRequests++;
    let body = bytes.subarray(start);
    const limit = state.failAfterBytes;
    if (limit !== null) {
      state.failAfterBytes = null;
      const cut = body.subarray(0, limit);
      let sent = false;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) controller.error(new Error("connection reset"));
          else controller.enqueue(new Uint8Array(cut));
          sent = true;
        },
      });
      return new Response(stream, { status: range ? 206 : 200 });
    }
    body = Buffer.from(body);
    return new Response(body, { status: range ? 206 : 200 });
  };
  return { admin, fetch, state };
}
