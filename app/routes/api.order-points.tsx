import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { getShopperOrderPoints } from "~/services/shopper-activity.server";
import { authenticate } from "~/shopify.server";

const Query = z.object({ order: z.string().regex(/^gid:\/\/shopify\/(Order|OrderIdentity)\/\d+$/, "order must be an Order or OrderIdentity GID") });

/** GET /api/order-points?order=<gid> (thank-you and order status): what this order earns the shopper. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shopper: identity, cors } = await authenticate.public.checkout(request);
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return cors(Response.json({ error: z.prettifyError(query.error) }, { status: 400 }));
  const body = identity.customerGid
    ? await getShopperOrderPoints(getDatabase(), identity.shop, identity.customerGid, query.data.order, new Date())
    : { points: 0, status: "not_recorded" as const };
  return cors(Response.json(body, { headers: { "Cache-Control": "private, no-store" } }));
}

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.checkout(request);
  return new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } });
}
