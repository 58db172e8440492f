import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDatabase } from "~/db.server";
import { getGuest, getMember } from "~/services/get-member.server";
import { authenticate } from "~/shopify.server";

/**
 * GET /api/member, for every UI extension: the member's balance for the customer in the
 * session token (`sub`), never a query parameter. A missing or forged token is 401.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shopper: identity, cors } = await authenticate.public.checkout(request);
  const body = identity.customerGid
    ? await getMember(getDatabase(), identity.shop, identity.customerGid)
    : await getGuest(getDatabase(), identity.shop);
  return cors(Response.json(body, { headers: { "Cache-Control": "private, no-store" } }));
}

/** CORS preflight (answered by authenticate); other methods are not allowed. */
export async function action({ request }: ActionFunctionArgs) {
  await authenticate.public.checkout(request);
  return new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } });
}
