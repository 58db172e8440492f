import { createHmac } from "node:crypto";

/** The cookie the simulated storefront keeps the signed-in shopper in (the store's customer id). */
export const SHOPPER_COOKIE = "wafa_sandbox_shopper";

/** The signed-in shopper the simulated storefront's cookie names, or null for a guest. */
export function shopperFromCookie(request: Request): string | null {
  const cookies = request.headers.get("Cookie") ?? "";
  const found = cookies.split(/;\s*/).find((cookie) => cookie.startsWith(`${SHOPPER_COOKIE}=`));
  const value = found ? decodeURIComponent(found.slice(SHOPPER_COOKIE.length + 1)) : "";
  return /^\d+$/.test(value) ? value : null;
}

/**
 * Shopify's app proxy, for the sandbox's storefront: a request to `/apps/wafa/<path>` on the
 * shop reaches the app as `/proxy/<path>` with the shop, the signed-in customer
 * (`logged_in_customer_id`, empty for a guest), `path_prefix`, a timestamp and `signature`:
 * HMAC-SHA256 (hex, the app secret) of the parameters sorted by name as `key=value`, joined
 * with nothing (https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies).
 */
export function appProxyUrl(input: { origin: string; path: string; search: string; shop: string; customerId: string | null; secret: string; now: Date }): URL {
  const url = new URL(`/proxy/${input.path}`, input.origin);
  const params = new URLSearchParams(input.search);
  for (const name of ["signature", "shop", "logged_in_customer_id", "path_prefix", "timestamp"]) params.delete(name);
  params.set("shop", input.shop);
  params.set("logged_in_customer_id", input.customerId ?? "");
  params.set("path_prefix", "/apps/wafa");
  params.set("timestamp", String(Math.floor(input.now.getTime() / 1000)));
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const message = [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  params.set("signature", createHmac("sha256", input.secret).update(message).digest("hex"));
  url.search = params.toString();
  return url;
}
