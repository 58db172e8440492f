import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { parseMemberListQuery } from "~/services/members/list-members.server";
import { exportMembersCsv } from "~/services/members/export-members.server";
import { authenticate } from "~/shopify.server";

/** GET /app/members/export.csv?<the members list's filters and sort>: every matching member, streamed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const query = parseMemberListQuery(new URL(request.url).searchParams);
  const now = new Date();
  const body = await exportMembersCsv(getDatabase(), session.shop, query, now);
  if (!body) throw new Response("This shop is not installed", { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="members-${now.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
