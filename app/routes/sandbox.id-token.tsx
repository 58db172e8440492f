import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSandbox } from "~/sandbox/guard.server";
import { mintAdminSessionToken } from "~/sandbox/session-token.server";

/** Fresh App Bridge session tokens for the sandbox's stand-in (Shopify admin mints them in production). */
export async function loader(_args: LoaderFunctionArgs) {
  const env = requireSandbox();
  const token = mintAdminSessionToken({ shop: env.SANDBOX_SHOP, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET });
  return Response.json({ token }, { headers: { "Cache-Control": "no-store" } });
}
