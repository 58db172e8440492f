import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { appProxyUrl, shopperFromCookie } from "~/sandbox/app-proxy.server";
import { requireSandbox } from "~/sandbox/guard.server";

/**
 * The sandbox's app proxy (/apps/wafa/* on the simulated storefront → the app's /proxy/*),
 * signed as Shopify signs it, for the shopper signed in on /sandbox/storefront. On a real
 * shop Shopify answers this path; here it exists only with the sandbox on.
 */
async function forward(request: Request, path: string | undefined) {
  const env = requireSandbox();
  const incoming = new URL(request.url);
  const url = appProxyUrl({ origin: incoming.origin, path: path ?? "", search: incoming.search, shop: env.SANDBOX_SHOP, customerId: shopperFromCookie(request), secret: env.SHOPIFY_API_SECRET, now: new Date() });
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
  const answer = await fetch(url, { method: request.method, headers: { "Content-Type": request.headers.get("Content-Type") ?? "application/json", Accept: "application/json" }, body });
  return new Response(await answer.text(), { status: answer.status, headers: { "Content-Type": answer.headers.get("Content-Type") ?? "application/json", "Cache-Control": "no-store" } });
}

export const loader = ({ request, params }: LoaderFunctionArgs) => forward(request, params["*"]);
export const action = ({ request, params }: ActionFunctionArgs) => forward(request, params["*"]);
