import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { cancelRedemption } from "~/services/redemption/release-redemptions.server";
import { redemptionView, refusalBody, refusalStatus } from "~/services/redemption/redemption-http.server";
import { offlineAdminFor } from "~/shopify/admin/offline-admin.server";
import { authenticate } from "~/shopify.server";

/** DELETE /api/redemptions/:id (the idempotency key it was made with): give back an unused reward's points. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { shopper: identity, cors } = await authenticate.public.checkout(request);
  if (request.method !== "DELETE") return cors(new Response(null, { status: 405, headers: { Allow: "DELETE, OPTIONS" } }));
  if (!identity.customerGid) return cors(Response.json({ error: "guest", messageKey: "redemption.errors.guest", params: {} }, { status: 401 }));
  const outcome = await cancelRedemption(getDatabase(), identity.shop, identity.customerGid, params.id ?? "", offlineAdminFor, new Date());
  if (!outcome.ok) return cors(Response.json(refusalBody(outcome), { status: refusalStatus(outcome.error) }));
  return cors(Response.json(redemptionView(outcome.redemption)));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { cors } = await authenticate.public.checkout(request);
  return cors(new Response(null, { status: 405, headers: { Allow: "DELETE, OPTIONS" } }));
}
