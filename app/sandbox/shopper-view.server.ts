import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { sandboxShopMetafields } from "./admin/shop-metafields";
import type { SandboxRuntime } from "./runtime.server";
import { searchCustomers } from "./store/customer-search";

/**
 * The simulated storefront (/sandbox/storefront): a store page as a chosen shopper sees it,
 * with the theme extension's launcher rendered from what Wafa wrote to the shop's
 * `$app:wafa.storefront` metafield (as Shopify's Liquid reads it; rendered here with the
 * LiquidJS stand-in the storefront tests use), the real assets/wafa.js and wafa.css, and
 * the shopper's balance fetched by that script from the app proxy (/apps/wafa/*, signed by
 * app/routes/apps.wafa.$.tsx). See docs/decisions/0017-storefront.md.
 */
export const ShopperViewQuery = z.object({
  customer: z.string().regex(/^\d+$/).optional().catch(undefined),
  q: z.string().trim().max(100).default("").catch(""),
  lang: z.enum(["en", "ar", "fa", "fr", "es", "de"]).default("en").catch("en"),
});
export type ShopperViewQuery = z.infer<typeof ShopperViewQuery>;

/** The theme extension, read from the checkout the sandbox runs from (never in production). */
const themeRoot = () => path.join(process.cwd(), "extensions", "wafa-theme");

const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const LANGUAGES = { en: "English", ar: "العربية", fa: "فارسی", fr: "Français", es: "Español", de: "Deutsch" } as const;

function storefrontMetafield(): unknown {
  const stored = sandboxShopMetafields()["$app:wafa.storefront"];
  if (!stored) return undefined;
  try {
    return JSON.parse(stored.value) as unknown;
  } catch {
    return undefined;
  }
}

/** The page's HTML for the shopper (a store customer id, or none for a guest) in a language. */
export async function shopperViewHtml(runtime: SandboxRuntime, query: ShopperViewQuery): Promise<{ readonly html: string; readonly shopperId: string | null }> {
  const all = runtime.store.customers();
  const shopper = query.customer ? (runtime.store.customer(query.customer) ?? null) : null;
  const search = searchCustomers(all, query.q);
  const storefront = storefrontMetafield();
  // A dev dependency, loaded only when this sandbox page is opened.
  const { renderBlock } = await import("../../extensions/wafa-theme-tests/render-theme");
  const launcher = storefront === undefined ? "" : await renderBlock("launcher", { language: query.lang, storefront, customer: shopper ? {} : null, themeRoot: themeRoot() });
  const options = [`<option value="">Guest (not signed in)</option>`, ...search.matches.map((customer) => `<option value="${customer.id}"${customer.id === shopper?.id ? " selected" : ""}>${escape(`${customer.firstName} ${customer.lastName} (${customer.email})`)}</option>`)];
  if (shopper && !search.matches.some((customer) => customer.id === shopper.id)) options.splice(1, 0, `<option value="${shopper.id}" selected>${escape(`${shopper.firstName} ${shopper.lastName} (${shopper.email})`)}</option>`);
  const languages = Object.entries(LANGUAGES).map(([code, name]) => `<option value="${code}"${code === query.lang ? " selected" : ""}>${name}</option>`).join("");
  const status = storefront === undefined
    ? `<p role="status" class="note">Wafa has not written the storefront metafield yet, so the launcher is hidden, as it would be on the shop: launch the program in the admin (or save its settings).</p>`
    : `<p class="note">The launcher below is the theme extension's, painted from the <code>$app:wafa.storefront</code> metafield Wafa wrote; open it to see ${shopper ? "this shopper's balance, read from the app proxy (/apps/wafa/rewards)" : "what a guest sees"}.</p>`;
  const css = readFileSync(path.join(themeRoot(), "assets", "wafa.css"), "utf8");
  const script = readFileSync(path.join(themeRoot(), "assets", "wafa.js"), "utf8");
  const html = `<!doctype html>
<html lang="${query.lang}"><head><meta charset="utf-8"><title>Simulated storefront</title><style>${css}</style>
<style>body{font:15px system-ui;margin:0}main{padding:24px;max-width:880px}form{display:flex;gap:12px;flex-wrap:wrap;align-items:end;margin:16px 0}label{display:flex;flex-direction:column;gap:4px;font-size:13px}.note{color:#555}header{display:flex;gap:16px;align-items:baseline}</style></head>
<body><main dir="ltr">
<header><h1>Simulated storefront</h1><a href="/sandbox">Back to the simulated store</a></header>
<p>Signed in: <strong data-shopper>${shopper ? escape(`${shopper.firstName} ${shopper.lastName}`) : "nobody (a guest)"}</strong></p>
<form method="get" action="/sandbox/storefront">
  <label>Search customers<input type="search" name="q" value="${escape(query.q)}" placeholder="Name or email"></label>
  <label>Shopper<select name="customer">${options.join("")}</select></label>
  <label>Language<select name="lang">${languages}</select></label>
  <button type="submit">Show the store as this shopper</button>
</form>
<p class="note">${search.total === 0 ? "No customer matches that search." : `${search.total.toLocaleString("en")} of ${search.customers.toLocaleString("en")} customers match${search.total > search.matches.length ? `; the newest ${search.matches.length} are listed, search to narrow them` : ""}.`}</p>
${status}
<p style="height:600px">Products…</p>
</main>${launcher}<script>${script}</script></body></html>`;
  return { html, shopperId: shopper?.id ?? null };
}
