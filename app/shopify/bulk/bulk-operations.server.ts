import { z } from "zod";
import type { AdminGraphql } from "../admin/shop-details.server";

/**
 * Starting and following a bulk query (https://shopify.dev/docs/api/usage/bulk-operations/queries).
 * `groupObjects: true` keeps each order's line items right after it, which lets the import
 * assemble orders while streaming (app/shopify/bulk/history-lines.ts).
 */
export const RUN_BULK_QUERY_MUTATION = `#graphql
  mutation WafaRunBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation { id status }
      userErrors { field message }
    }
  }
`;

export const BULK_OPERATION_QUERY = `#graphql
  query WafaBulkOperation($id: ID!) {
    node(id: $id) {
      ... on BulkOperation { id status errorCode objectCount fileSize url partialDataUrl }
    }
  }
`;

const BulkStatus = z.enum(["CREATED", "RUNNING", "COMPLETED", "CANCELING", "CANCELED", "FAILED", "EXPIRED"]);

const RunResponse = z.object({
  data: z.object({
    bulkOperationRunQuery: z.object({
      bulkOperation: z.object({ id: z.string(), status: BulkStatus }).nullable(),
      userErrors: z.array(z.object({ message: z.string() })),
    }),
  }),
});

/** Unsigned 64-bit counts arrive as strings. */
const Count = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

const OperationResponse = z.object({
  data: z.object({
    node: z.object({
      id: z.string(),
      status: BulkStatus,
      errorCode: z.string().nullish(),
      objectCount: Count,
      fileSize: Count.nullish(),
      url: z.string().nullish(),
    }).nullable(),
  }),
});

export type BulkOperation = {
  readonly id: string;
  readonly status: z.infer<typeof BulkStatus>;
  readonly errorCode: string | null;
  readonly objectCount: number;
  readonly fileSize: number;
  readonly url: string | null;
};

export type StartResult = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly message: string };

export async function runBulkQuery(admin: AdminGraphql, query: string): Promise<StartResult> {
  const response = await admin.graphql(RUN_BULK_QUERY_MUTATION, { variables: { query } });
  const parsed = RunResponse.safeParse(await response.json());
  if (!parsed.success) throw new Error(`unexpected bulkOperationRunQuery response: ${parsed.error.message}`);
  const { bulkOperation, userErrors } = parsed.data.data.bulkOperationRunQuery;
  if (userErrors.length > 0 || !bulkOperation) return { ok: false, message: userErrors.map((error) => error.message).join("; ") || "Shopify did not start the export" };
  return { ok: true, id: bulkOperation.id };
}

export async function fetchBulkOperation(admin: AdminGraphql, id: string): Promise<BulkOperation | null> {
  const response = await admin.graphql(BULK_OPERATION_QUERY, { variables: { id } });
  const parsed = OperationResponse.safeParse(await response.json());
  if (!parsed.success) throw new Error(`unexpected bulk operation response: ${parsed.error.message}`);
  const node = parsed.data.data.node;
  if (!node) return null;
  return { id: node.id, status: node.status, errorCode: node.errorCode ?? null, objectCount: node.objectCount, fileSize: node.fileSize ?? 0, url: node.url ?? null };
}
