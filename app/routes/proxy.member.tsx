import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { getGuest, getMember } from "~/services/get-member.server";
import { NO_STORE, verifiedProxyIdentity } from "./proxy-request.server";

/**
 * The storefront's live balance through the app proxy (/apps/wafa/member): Shopify signs
 * the request; the customer is Shopify's `logged_in_customer_id`, never our own parameter.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const identity = await verifiedProxyIdentity(request);
  const body = identity.customerGid
    ? await getMember(getDatabase(), identity.shop, identity.customerGid)
    : await getGuest(getDatabase(), identity.shop);
  return Response.json(body, { headers: NO_STORE });
}
