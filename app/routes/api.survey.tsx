import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { getSurveyStatus, recordSurveyResponse } from "~/services/record-survey-response.server";
import { authenticate } from "~/shopify.server";

/** Refusals as the extensions read them: a code, and for invalid answers each field's message. */
const REFUSALS = { shop_not_installed: 404, survey_disabled: 409, not_your_order: 403, order_not_recorded: 409 } as const;
const NO_STORE = { "Cache-Control": "private, no-store" };

/**
 * GET /api/survey?order=<gid> (thank-you page extension, session token): the shop's survey
 * and whether this order was already answered. The shopper is the token's customer (`sub`),
 * never a parameter. A missing or forged token is 401.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shopper: identity, cors } = await authenticate.public.checkout(request);
  const status = await getSurveyStatus(getDatabase(), identity, new URL(request.url).searchParams.get("order"));
  if (status.status === "invalid") return cors(Response.json({ error: "invalid_request", issues: status.issues }, { status: 400 }));
  if (status.status !== "ok") return cors(Response.json({ error: status.status }, { status: REFUSALS[status.status] }));
  return cors(Response.json({ survey: status.survey, response: status.response }, { headers: NO_STORE }));
}

/** POST /api/survey: the answers for one order, once; sending them again returns the stored receipt. */
export async function action({ request }: ActionFunctionArgs) {
  const { shopper: identity, cors } = await authenticate.public.checkout(request);
  if (request.method !== "POST") return cors(new Response(null, { status: 405, headers: { Allow: "GET, POST, OPTIONS" } }));
  const body: unknown = await request.json().catch(() => null);
  const result = await recordSurveyResponse(getDatabase(), identity, body, new Date());
  if (result.status === "invalid") return cors(Response.json({ error: "invalid_request", issues: result.issues }, { status: 400 }));
  if (result.status === "recorded" || result.status === "already_recorded") {
    return cors(Response.json(result.receipt, { status: result.status === "recorded" ? 201 : 200, headers: NO_STORE }));
  }
  // order_not_recorded is the one refusal worth retrying (the order's webhook is on its way).
  const retryable = result.status === "order_not_recorded" ? { retryable: true } : {};
  return cors(Response.json({ error: result.status, ...retryable }, { status: REFUSALS[result.status], ...(result.status === "order_not_recorded" ? { headers: { "Retry-After": "4" } } : {}) }));
}
