import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { redeemReward } from "~/services/redemption/redeem-reward.server";
import { redemptionView, refusalBody, refusalStatus } from "~/services/redemption/redemption-http.server";
import { offlineAdminFor } from "~/shopify/admin/offline-admin.server";
import { isStorefrontLive } from "~/services/storefront/storefront-rewards.server";
import { NO_STORE, verifiedProxyIdentity } from "./proxy-request.server";
import { isValidIdempotencyKey } from "~/loyalty/idempotency";

/**
 * The storefront has no checkout to apply a reservation in, so it asks for a single-use code
 * by default (`channel: "code"`); rewards a code cannot carry (free shipping, free product)
 * still go through the discount Function at checkout. The key makes a double click one redemption.
 */
const StorefrontRedeemSchema = z.object({
  rewardId: z.string().min(1).max(64),
  points: z.number().int().nonnegative().nullish(),
  idempotencyKey: z.string().refine(isValidIdempotencyKey, "8 to 64 letters, digits, - or _"),
  channel: z.enum(["checkout", "code"]).default("code"),
});

const refuse = (error: string, status: number) => Response.json({ error, messageKey: `errors.${error}`, params: {} }, { status, headers: NO_STORE });

/**
 * POST /apps/wafa/redeem (app proxy → /proxy/redeem) with a JSON body. JSON only: a form on
 * another site cannot send it without a CORS preflight the shop never answers, so a page
 * elsewhere cannot spend a logged-in shopper's points.
 */
export async function action({ request }: ActionFunctionArgs) {
  const identity = await verifiedProxyIdentity(request);
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  if (!identity.customerGid) return refuse("guest", 401);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("application/json")) return refuse("invalid_request", 415);
  const body = StorefrontRedeemSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return refuse("invalid_request", 400);
  if (!(await isStorefrontLive(getDatabase(), identity.shop))) return refuse("program_not_live", 409);
  const outcome = await redeemReward(
    getDatabase(), identity.shop, identity.customerGid,
    { rewardId: body.data.rewardId, points: body.data.points ?? null, idempotencyKey: body.data.idempotencyKey, channel: body.data.channel },
    { now: new Date(), adminFor: offlineAdminFor },
  );
  if (!outcome.ok) return Response.json(refusalBody(outcome), { status: refusalStatus(outcome.error), headers: NO_STORE });
  return Response.json(redemptionView(outcome.redemption), { status: outcome.replay ? 200 : 201, headers: NO_STORE });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await verifiedProxyIdentity(request);
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
