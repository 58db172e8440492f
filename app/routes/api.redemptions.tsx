import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { redeemReward } from "~/services/redemption/redeem-reward.server";
import { parseRedeemBody, redemptionView, refusalBody, refusalStatus } from "~/services/redemption/redemption-http.server";
import { offlineAdminFor } from "~/shopify/admin/offline-admin.server";
import { authenticate } from "~/shopify.server";

/**
 * POST /api/redemptions (UI extensions, session token): redeem a reward for the token's
 * customer. The `Idempotency-Key` header (or body field) makes retries one redemption.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { shopper: identity, cors } = await authenticate.public.checkout(request);
  if (request.method !== "POST") return cors(new Response(null, { status: 405, headers: { Allow: "POST, OPTIONS" } }));
  if (!identity.customerGid) return cors(Response.json({ error: "guest", messageKey: "redemption.errors.guest", params: {} }, { status: 401 }));
  const parsed = await parseRedeemBody(request);
  if (!parsed.ok) return cors(Response.json(parsed.refusal, { status: 400 }));
  const { body } = parsed;
  const idempotencyKey = request.headers.get("Idempotency-Key") ?? body.idempotencyKey ?? "";
  const outcome = await redeemReward(
    getDatabase(), identity.shop, identity.customerGid,
    { rewardId: body.rewardId, points: body.points ?? null, idempotencyKey, channel: body.channel },
    { now: new Date(), adminFor: offlineAdminFor },
  );
  if (!outcome.ok) return cors(Response.json(refusalBody(outcome), { status: refusalStatus(outcome.error) }));
  return cors(Response.json(redemptionView(outcome.redemption), { status: outcome.replay ? 200 : 201 }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { cors } = await authenticate.public.checkout(request);
  return cors(new Response(null, { status: 405, headers: { Allow: "POST, OPTIONS" } }));
}
