import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { bulkOperationFile } from "~/sandbox/admin/bulk-operations";
import { requireSandbox } from "~/sandbox/guard.server";

const Params = z.object({ id: z.coerce.number().int().positive() });

/**
 * The result file of a simulated bulk operation (app/sandbox/admin/bulk-operations.ts), with
 * byte ranges as Shopify's storage serves them, so a resumed import asks for the rest only.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  requireSandbox();
  const parsed = Params.safeParse(params);
  const file = parsed.success ? bulkOperationFile(parsed.data.id) : null;
  if (file === null) return new Response("Not Found", { status: 404 });
  const bytes = Buffer.from(file);
  const headers = { "Content-Type": "application/jsonl", "Accept-Ranges": "bytes", "Cache-Control": "no-store" };
  const range = /^bytes=(\d+)-$/.exec(request.headers.get("Range") ?? "");
  if (!range) return new Response(bytes, { headers });
  const start = Number(range[1]);
  if (start >= bytes.length) return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${bytes.length}` } });
  return new Response(bytes.subarray(start), { status: 206, headers: { ...headers, "Content-Range": `bytes ${start}-${bytes.length - 1}/${bytes.length}` } });
}
