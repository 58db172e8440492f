import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate, login } from "~/shopify.server";
import { isShopDomain } from "~/shopify/shop-domain";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // The login path must not reach authenticate.admin (the library answers that 500): a shop
  // domain goes on to Shopify's install page, anything else is the caller's mistake.
  if (url.pathname === "/auth/login") {
    if (!isShopDomain(url.searchParams.get("shop"))) return Response.json({ error: "invalid_shop", message: "Open Wafa from your Shopify admin, or pass ?shop=<name>.myshopify.com." }, { status: 400 });
    await login(request);
  }
  await authenticate.admin(request);
  return null;
}
