import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { getGuest, getMember } from "~/services/get-member.server";
import { authenticate } from "~/shopify.server";
import { proxyIdentity } from "~/shopify/session-identity.server";

/**
 * The storefront's live balance through the app proxy (/apps/wafa/member): Shopify signs
 * the request; the customer is Shopify's `logged_in_customer_id`, never our own parameter.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.public.appProxy(request);
  const identity = proxyIdentity(new URL(request.url));
  if (!identity) return Response.json({ error: "missing shop" }, { status: 400 });
  const body = identity.customerGid
    ? await getMember(getDatabase(), identity.shop, identity.customerGid)
    : await getGuest(getDatabase(), identity.shop);
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
}
