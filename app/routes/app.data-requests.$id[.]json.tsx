import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { customerDataDownload } from "~/services/customer-data-requests.server";
import { authenticate } from "~/shopify.server";

/** The request's id is the last path segment without `.json`, whatever the router calls the parameter. */
const EXPORT_ID = z.coerce.number().int().positive();

/** `/app/data-requests/<id>.json`: what Wafa holds on the customer of one data request, as a file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const id = EXPORT_ID.safeParse(/\/([^/]+)\.json$/.exec(new URL(request.url).pathname)?.[1]);
  if (!id.success) return Response.json({ error: "invalid_id", message: "Data request exports are /app/data-requests/<id>.json." }, { status: 400 });
  const download = await customerDataDownload(getDatabase(), session.shop, id.data);
  if (!download) return Response.json({ error: "not_found", message: "No such data request for this shop." }, { status: 404 });
  return new Response(download.body, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${download.filename}"`, "Cache-Control": "no-store" },
  });
}
