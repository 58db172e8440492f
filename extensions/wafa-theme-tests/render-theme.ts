// Renders the theme extension's blocks with LiquidJS and the few Shopify objects and filters
// they use (`t` with CLDR plurals from locales/, money, routes, metafields as plain objects).
// A stand-in for Shopify's renderer, to test what the blocks compute, not how Shopify renders.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Liquid, Tag, type Emitter, type Template, type TagToken, type TopLevelToken } from "liquidjs";
import { THEME_ROOT } from "./theme-root";

export type Language = "en" | "ar" | "fa" | "fr" | "es" | "de";
type Tree = { readonly [key: string]: string | Tree };

const translations = (language: Language, root: string): Tree =>
  JSON.parse(readFileSync(path.join(root, "locales", `${language === "en" ? "en.default" : language}.json`), "utf8")) as Tree;

function translate(tree: Tree, language: Language, key: string, values: Record<string, unknown>): string {
  let node: string | Tree | undefined = key.split(".").reduce<string | Tree | undefined>((at, part) => (typeof at === "object" ? at[part] : undefined), tree);
  if (typeof node === "object" && typeof values.count === "number") node = node[new Intl.PluralRules(language).select(values.count)] ?? node.other;
  if (typeof node !== "string") return `translation missing: ${language}.${key}`;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

/** `{% schema %}…{% endschema %}`: the editor's, not the page's. */
class SchemaTag extends Tag {
  constructor(token: TagToken, remaining: TopLevelToken[], liquid: Liquid) {
    super(token, remaining, liquid);
    while (remaining.length > 0) {
      const next = remaining.shift();
      if (next && "name" in next && next.name === "endschema") return;
    }
  }
  render(_context: unknown, _emitter: Emitter): void {}
}

export type RenderContext = {
  readonly language?: Language;
  readonly storefront?: unknown;
  readonly customer?: { readonly points?: number; readonly tier?: unknown } | null;
  readonly product?: { readonly price: number; readonly tags?: readonly string[] };
  readonly cart?: { readonly totalPrice: number; readonly itemCount: number };
  readonly currency?: string;
  readonly designMode?: boolean;
  readonly settings?: Record<string, unknown>;
  /** Where the theme extension is (the sandbox's shopper view runs from the built server, not beside these files). */
  readonly themeRoot?: string;
};

export async function renderBlock(block: string, context: RenderContext = {}): Promise<string> {
  const language = context.language ?? "en";
  const root = context.themeRoot ?? THEME_ROOT;
  const tree = translations(language, root);
  const engine = new Liquid({ root: [path.join(root, "snippets")], extname: ".liquid", strictFilters: true });
  engine.registerTag("schema", SchemaTag);
  engine.registerFilter("t", (key: string, ...args: unknown[]) => {
    const values = Object.fromEntries(args.filter(Array.isArray).map((pair) => pair as [string, unknown]));
    return translate(tree, language, key, values);
  });
  engine.registerFilter("money_without_trailing_zeros", (cents: number) => `$${cents % 100 === 0 ? cents / 100 : (cents / 100).toFixed(2)}`);
  engine.registerFilter("json", (value: unknown) => JSON.stringify(value));
  engine.registerFilter("escape", (value: unknown) => String(value ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
  const customer = context.customer
    ? { metafields: { "$app": { points: context.customer.points === undefined ? undefined : { value: context.customer.points }, tier: context.customer.tier ? { value: context.customer.tier } : undefined } } }
    : null;
  const scope = {
    shop: { metafields: { "$app:wafa": { storefront: context.storefront === undefined ? undefined : { value: context.storefront } } } },
    customer,
    request: { locale: { iso_code: language }, design_mode: context.designMode ?? false },
    routes: { account_register_url: "/account/register", account_login_url: "/account/login" },
    cart: { currency: { iso_code: context.currency ?? "USD" }, total_price: context.cart?.totalPrice ?? 0, item_count: context.cart?.itemCount ?? 0 },
    product: context.product ? { tags: context.product.tags ?? [], selected_or_first_available_variant: { price: context.product.price } } : undefined,
    block: { settings: { position: "end", primary_color: "#1F5199", text_color: "#FFFFFF", heading: "", ...context.settings }, shopify_attributes: "" },
  };
  const template: Template[] = engine.parse(readFileSync(path.join(root, "blocks", `${block}.liquid`), "utf8"));
  // Shopify's global objects (shop, customer, cart, routes, request) are visible inside `render`ed snippets too.
  return (await engine.render(template, scope, { globals: scope })).trim();
}

/** The text of rendered HTML, whitespace collapsed, for assertions in sentences. */
export const textOf = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ").replace(/&ndash;/g, "–").replace(/&times;/g, "×").replace(/\s+/g, " ").trim();
