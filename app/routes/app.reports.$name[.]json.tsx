import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { runReport } from "~/services/reports/reports.server";
import { authenticate } from "~/shopify.server";

/** The report's name is the last path segment without `.json`, whatever the router calls the parameter. */
const EXPORT_PATH = /\/([^/]+)\.json$/;
const Query = z.object({ from: z.string().optional(), to: z.string().optional() });

/**
 * `/app/reports/<name>.json?from=YYYY-MM-DD&to=YYYY-MM-DD`: a report as JSON, from the same
 * service as the Reports page, so both show the same numbers. Authenticated like the page
 * (a staff member's session token); bad dates or an unknown report answer 400.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const name = EXPORT_PATH.exec(url.pathname)?.[1];
  if (!name) return Response.json({ error: "unknown_report", message: "Report exports are /app/reports/<name>.json." }, { status: 400 });
  const query = Query.parse({ from: url.searchParams.get("from") ?? undefined, to: url.searchParams.get("to") ?? undefined });
  const result = await runReport(getDatabase(), name, session.shop, query, new Date());
  if (!result.ok) return Response.json({ error: result.error, message: result.message }, { status: result.error === "shop_not_found" ? 404 : 400 });
  return Response.json(result.value, { headers: { "Cache-Control": "no-store" } });
}
