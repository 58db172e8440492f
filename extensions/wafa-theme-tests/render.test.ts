import { describe, expect, it } from "vitest";
import { storefrontConfig, type StorefrontConfig } from "../../app/loyalty/storefront/storefront-config";
import { defaultProgramRules } from "../../app/loyalty/program/program";
import { DEFAULT_SETTINGS } from "../../app/loyalty/settings/shop-settings";
import { renderBlock, textOf } from "./render-theme";

const rules = defaultProgramRules("USD");
const live: StorefrontConfig = storefrontConfig({
  rules: {
    ...rules,
    earning: {
      ...rules.earning,
      spend: { ...rules.earning.spend, points: 1, perAmountMinor: 100, maxPointsPerOrder: 500, base: { ...rules.earning.spend.base, excludedProductTags: ["Gift-Card"] } },
      perOrder: { ...rules.earning.perOrder, enabled: true, points: 10, minimumSubtotalMinor: 5000 },
      signup: { enabled: true, points: 100 },
    },
    rewards: [{ id: "five-off", name: "$5 off", kind: "fixed_amount", cost: 500, amountMinor: 500, enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null }],
  },
  settings: DEFAULT_SETTINGS,
  currency: "USD",
  live: true,
});
const notLive = { ...live, live: false };

describe("the product block", () => {
  it.each([
    { language: "en", price: 4250, text: "Earn 42 points with this purchase" },
    { language: "en", price: 199, text: "Earn 1 point with this purchase" },
    { language: "fr", price: 4250, text: "Gagnez 42 points avec cet achat" },
    { language: "de", price: 100, text: "Sammle 1 Punkt mit diesem Kauf" },
    { language: "ar", price: 300, text: "اكسب 3 نقاط مع هذا الشراء" },
    { language: "fa", price: 4250, text: "با این خرید 42 امتیاز بگیرید" },
    { language: "en", price: 999_900, text: "Earn 500 points with this purchase" },
  ] as const)("GIVEN a $price-cent product in $language THEN “$text” (floor of the spend rule, capped per order)", async ({ language, price, text }) => {
    expect(textOf(await renderBlock("product-points", { language, storefront: live, product: { price } }))).toBe(text);
  });

  it.each([
    { why: "a product with an excluded tag (any case)", context: { storefront: live, product: { price: 5000, tags: ["gift-card"] } } },
    { why: "a price below one point", context: { storefront: live, product: { price: 99 } } },
    { why: "a shopper paying in another currency", context: { storefront: live, product: { price: 5000 }, currency: "EUR" } },
    { why: "a program that is not live", context: { storefront: notLive, product: { price: 5000 } } },
    { why: "a shop Wafa has not synced yet", context: { product: { price: 5000 } } },
  ])("GIVEN $why THEN nothing", async ({ context }) => {
    expect(await renderBlock("product-points", context)).toBe("");
  });
});

describe("the cart block", () => {
  it("GIVEN a $100 cart and a member THEN its points (spend + per-order) and their balance", async () => {
    const html = await renderBlock("cart-points", { storefront: live, cart: { totalPrice: 10_000, itemCount: 2 }, customer: { points: 1234 } });
    expect(textOf(html)).toBe("This order earns 110 points You have 1234 points");
  });

  it("GIVEN a cart below the per-order minimum and a guest THEN the spend points and a sign-in link", async () => {
    const html = await renderBlock("cart-points", { storefront: live, cart: { totalPrice: 2_000, itemCount: 1 } });
    expect(textOf(html)).toBe("This order earns 20 points Sign in to earn points on this order");
    expect(html).toContain('href="/account/login"');
  });
});

describe("the launcher (app embed)", () => {
  it("GIVEN the program is not live THEN nothing, except a preview in the theme editor", async () => {
    expect(await renderBlock("launcher", { storefront: notLive })).toBe("");
    expect(textOf(await renderBlock("launcher", { storefront: notLive, designMode: true }))).toContain("Preview: shoppers see this once you launch your program in Wafa.");
  });

  it("GIVEN a guest in English THEN a left-to-right panel with the join invitation, ways to earn and rewards, and no request needed", async () => {
    const html = await renderBlock("launcher", { storefront: live });
    expect(html).toContain('dir="ltr"');
    expect(html).toContain('data-wafa-customer=""');
    expect(textOf(html)).toContain("Join to earn points on every order Create an account Sign in Ways to earn 1 point for every $1 spent 10 points for every order 100 points when you create an account Rewards $5 off 500 points");
    const strings = /<script type="application\/json" data-wafa-strings>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(JSON.parse(strings)).toMatchObject({ pointsOther: "{n} points", errors: { insufficient_points: "You don't have enough points for this reward yet." } });
  });

  it("GIVEN a member in Arabic THEN right to left, in Arabic, with the synced balance on the button", async () => {
    const html = await renderBlock("launcher", { language: "ar", storefront: live, customer: { points: 42, tier: { tierName: "ذهبي" } } });
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('<span class="wafa-badge" data-wafa-balance data-wafa-n="42">42</span>');
    expect(textOf(html)).toContain("المكافآت");
    expect(textOf(html)).toContain("مستواك: ذهبي");
  });

  it("GIVEN a member whose balance is not synced yet THEN an empty badge for the script to fill, not a wrong zero", async () => {
    const html = await renderBlock("launcher", { storefront: live, customer: {} });
    expect(html).toContain('<span class="wafa-badge" data-wafa-balance></span>');
  });

  it("GIVEN the merchant's own label in the shopper's language THEN that label", async () => {
    const html = await renderBlock("launcher", { language: "fr", storefront: { ...live, texts: { fr: { launcherLabel: "Le club" } } } });
    expect(textOf(html).startsWith("Le club")).toBe(true);
  });
});

describe("the rewards page block", () => {
  it("GIVEN a member in Persian THEN right to left, the balance and the rewards, with a row reserved per reward", async () => {
    const html = await renderBlock("rewards-page", { language: "fa", storefront: live, customer: { points: 900 } });
    expect(html).toContain('dir="rtl"');
    expect(html).toContain("--wafa-rows: 1;");
    expect(textOf(html)).toContain("باشگاه مشتریان ما");
    expect(textOf(html)).toContain("امتیاز شما 900");
  });
});
