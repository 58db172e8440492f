import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { getShopperHistory } from "~/services/shopper-activity.server";
import { authenticate } from "~/shopify.server";

/** GET /api/history (customer account Rewards page): the member's own points history. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shopper: identity, cors } = await authenticate.public.checkout(request);
  const entries = identity.customerGid ? await getShopperHistory(getDatabase(), identity.shop, identity.customerGid) : [];
  return cors(Response.json({ entries }, { headers: { "Cache-Control": "private, no-store" } }));
}

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.checkout(request);
  return new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } });
}
