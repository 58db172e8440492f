import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { storefrontRewards } from "~/services/storefront/storefront-rewards.server";
import { NO_STORE, verifiedProxyIdentity } from "./proxy-request.server";

/**
 * GET /apps/wafa/rewards (app proxy → /proxy/rewards): what the storefront panel shows when
 * it opens: the balance of the logged-in customer, the rewards with cost and affordability,
 * and their open redemptions; a guest gets the rewards and `guest: true`. See
 * docs/decisions/0017-storefront.md.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const identity = await verifiedProxyIdentity(request);
  const body = await storefrontRewards(getDatabase(), identity.shop, identity.customerGid, new Date());
  return Response.json(body, { headers: NO_STORE });
}

export async function action({ request }: ActionFunctionArgs) {
  await verifiedProxyIdentity(request);
  return new Response(null, { status: 405, headers: { Allow: "GET" } });
}
