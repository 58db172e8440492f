import { serverEnv, type ServerEnv } from "../env.server";
import { assertDiscountFunctionRuns } from "./discount-function.server";
import { sandboxEnabled } from "./edge.server";
import { sandboxRuntime } from "./runtime.server";
import { mintAdminSessionToken } from "./session-token.server";
import { seedDemoHistory } from "./store/seed";

export const SANDBOX_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

/** The URL Shopify admin would load the embedded app at, with a fresh session token. */
export function sandboxAdminUrl(appUrl: string, env: ServerEnv, path = "/app"): string {
  const shop = env.SANDBOX_SHOP;
  const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64");
  const token = mintAdminSessionToken({ shop, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET });
  const url = new URL(path, appUrl);
  url.search = new URLSearchParams({ embedded: "1", shop, host, id_token: token }).toString();
  return url.toString();
}

/**
 * Installs the sandbox shop the way Shopify does (the merchant opens the app; the library
 * exchanges the session token for an offline token, simulated at the network edge; the
 * afterAuth hook records the installation), then seeds the demo history once.
 */
export async function startSandbox(appUrl: string): Promise<void> {
  const env = serverEnv();
  if (!sandboxEnabled(env)) throw new Error("the sandbox is off (WAFA_SANDBOX=1, never with NODE_ENV=production)");
  // The store's checkout prices redemptions with the built Function: without it, fail now, not at the first order.
  assertDiscountFunctionRuns();
  const runtime = sandboxRuntime();
  // The merchant opening the app in Shopify admin, in a browser (the library turns bots away).
  const installed = await fetch(sandboxAdminUrl(appUrl, env), { headers: { "User-Agent": SANDBOX_BROWSER } });
  await installed.arrayBuffer();
  if (installed.status !== 200) throw new Error(`installing ${env.SANDBOX_SHOP} failed: HTTP ${installed.status}`);

  if (env.SANDBOX_SEED === "demo" && !runtime.seededAt) {
    const started = Date.now();
    const now = new Date();
    const { deliveries } = await runtime.perform(
      (store) => ({ emitted: seedDemoHistory(store, { seed: 2026, customers: 300, months: 12, endAt: now }) }),
      { concurrency: 4 },
    );
    const failed = deliveries.filter((delivery) => delivery.status < 200 || delivery.status >= 300);
    if (failed.length > 0) throw new Error(`${failed.length} of ${deliveries.length} seed webhooks failed (first: ${failed[0]?.topic} HTTP ${failed[0]?.status})`);
    runtime.seededAt = now;
    runtime.save();
    console.log(`Seeded ${env.SANDBOX_SHOP}: ${runtime.store.customers().length} customers, ${runtime.store.orders().length} orders, ${deliveries.length} signed webhooks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`\nWafa sandbox is ready:\n  Admin (embedded app): ${new URL("/sandbox/admin", appUrl)}\n  Simulated store:      ${new URL("/sandbox", appUrl)}\n`);
}
