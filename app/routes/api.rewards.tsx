import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { listRewards } from "~/services/redemption/list-rewards.server";
import { authenticate } from "~/shopify.server";

/** GET /api/rewards, for UI extensions: the rewards the session's customer sees, with cost, tier availability and affordability. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shopper: identity, cors } = await authenticate.public.checkout(request);
  const body = await listRewards(getDatabase(), identity.shop, identity.customerGid, new Date());
  return cors(Response.json(body, { headers: { "Cache-Control": "private, no-store" } }));
}

export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.checkout(request);
  return new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } });
}
