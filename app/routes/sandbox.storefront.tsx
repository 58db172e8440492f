import type { LoaderFunctionArgs } from "@remix-run/node";
import { SHOPPER_COOKIE } from "~/sandbox/app-proxy.server";
import { requireSandbox } from "~/sandbox/guard.server";
import { sandboxRuntime } from "~/sandbox/runtime.server";
import { ShopperViewQuery, shopperViewHtml } from "~/sandbox/shopper-view.server";

/** The simulated storefront as one shopper sees it (app/sandbox/shopper-view.server.ts); signs them in for the app proxy. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireSandbox();
  const query = ShopperViewQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { html, shopperId } = await shopperViewHtml(sandboxRuntime(), query);
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Set-Cookie": `${SHOPPER_COOKIE}=${shopperId ?? ""}; Path=/; HttpOnly; SameSite=Lax` },
  });
}
