// The storefront launcher in Chromium: the theme extension's launcher block rendered (LiquidJS
// stand-in for Shopify's renderer, extensions/wafa-theme-tests/render-theme.ts) into a store
// page, the real assets/wafa.js and wafa.css, and /apps/wafa/* forwarded to the production
// server's /proxy/* signed as Shopify's app proxy signs it. English and Arabic (RTL);
// screenshots and the script's main-thread time land in test-results/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { brotliCompressSync, gzipSync } from "node:zlib";
import path from "node:path";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderBlock, type Language } from "../../extensions/wafa-theme-tests/render-theme";
import { THEME_ROOT } from "../../extensions/wafa-theme-tests/theme-root";
import { currentProgramVersion, type Reward } from "../loyalty/program/program";
import { DEFAULT_SETTINGS } from "../loyalty/settings/shop-settings";
import { storefrontConfig } from "../loyalty/storefront/storefront-config";
import { findCustomer } from "../repositories/customers.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { launchProgram } from "../services/launch-program.server";
import { saveProgram } from "../services/save-program.server";
import { startAppServer, type AppServer } from "../test/app-server";
import { chromiumPath } from "../test/browser";
import { createTestDatabase, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { postWebhook } from "../test/requests";

const RESULTS = path.join(process.cwd(), "test-results");
const STORE = "http://store.test";
const shop = "storefront-browser.myshopify.com";
const memberId = "7401";

const fiveOff: Reward = {
  id: "five-off", name: "$5 off", kind: "fixed_amount", cost: 20, amountMinor: 500, enabled: true,
  conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null,
};

describe("the storefront launcher in Chromium", () => {
  let database: TestDatabase;
  let server: AppServer;
  let browser: Browser;
  let stateDir: string;
  const metrics: Record<string, unknown> = {};

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    stateDir = mkdtempSync(path.join(tmpdir(), "wafa-storefront-"));
    [server, browser] = await Promise.all([
      startAppServer({
        databaseUrl: database.url,
        env: { NODE_ENV: "development", WAFA_SANDBOX: "1", SANDBOX_SHOP: shop, SANDBOX_SEED: "none", SANDBOX_STATE_DIR: stateDir, SHOPIFY_API_KEY: "storefront-key", SHOPIFY_API_SECRET: "storefront-secret" },
      }),
      chromium.launch({ executablePath: chromiumPath(), args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], timeout: 30_000 }),
    ]);
    for (let waited = 0; !server.output().includes("sandbox is ready"); waited += 100) {
      if (waited > 60_000) throw new Error(`the sandbox did not get ready:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const shopRecord = await findShop(database.db, shop);
    const current = shopRecord && currentProgramVersion(await listProgramVersions(database.db, shopRecord.id), new Date());
    if (!current) throw new Error("the sandbox shop has no program");
    await saveProgram(database, shop, { ...current.rules, rewards: [fiveOff] }, { actor: "test", name: null }, new Date());
    await launchProgram(database, shop, new Date());
    expect((await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 74001, customerId: Number(memberId), subtotal: "42.50" }) })).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    const script = readFileSync(path.join(THEME_ROOT, "assets", "wafa.js"));
    // Script time is Chromium's count for the whole page: Wafa's script plus the test's layout-shift observer.
    metrics.script = { rawBytes: script.length, gzipBytes: gzipSync(script, { level: 9 }).length, brotliBytes: brotliCompressSync(script).length };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, "storefront-metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
    await browser?.close();
    await server?.stop();
    await database?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  /** Shopify's app proxy: forwards /apps/wafa/<path> to the app's /proxy/<path>, adding the shop, the customer and the signature. */
  async function proxied(page: Page) {
    await page.route(`${STORE}/apps/wafa/**`, async (route) => {
      const request = route.request();
      const url = new URL(request.url().replace(`${STORE}/apps/wafa/`, `${server.url}/proxy/`));
      url.searchParams.set("path_prefix", "/apps/wafa");
      url.searchParams.set("logged_in_customer_id", memberId);
      const signed = await setUpValidRequest({ type: RequestType.Public, store: shop.replace(".myshopify.com", ""), apiSecretKey: server.apiSecret }, new Request(url));
      const response = await fetch(signed.url, { method: request.method(), headers: { "Content-Type": request.headers()["content-type"] ?? "application/json" }, body: request.postData() ?? undefined });
      await route.fulfill({ status: response.status, contentType: "application/json", body: await response.text() });
    });
  }

  async function storePage(language: Language): Promise<{ page: Page; errors: string[]; scriptMilliseconds: () => Promise<number> }> {
    const shopRecord = await findShop(database.db, shop);
    const version = shopRecord && currentProgramVersion(await listProgramVersions(database.db, shopRecord.id), new Date());
    if (!version) throw new Error("no program");
    const config = storefrontConfig({ rules: version.rules, settings: DEFAULT_SETTINGS, currency: "USD", live: true });
    // A signed-in member whose balance metafield Wafa has not written yet: the script fetches it when idle.
    const launcher = await renderBlock("launcher", { language, storefront: config, customer: {} });
    const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><link rel="stylesheet" href="/wafa.css"></head>
      <body><main style="padding:24px;font-family:sans-serif"><h1>Store</h1><p style="height:1200px">Products</p></main>${launcher}<script src="/wafa.js" defer></script></body></html>`;
    const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
    await page.addInitScript(() => {
      const shifts: number[] = [];
      Object.assign(window, { wafaShifts: shifts });
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => shifts.push((entry as unknown as { value: number }).value))).observe({ type: "layout-shift", buffered: true });
    });
    await page.route(`${STORE}/`, (route) => route.fulfill({ contentType: "text/html", body: html }));
    await page.route(`${STORE}/wafa.js`, (route) => route.fulfill({ contentType: "text/javascript", body: readFileSync(path.join(THEME_ROOT, "assets", "wafa.js"), "utf8") }));
    await page.route(`${STORE}/wafa.css`, (route) => route.fulfill({ contentType: "text/css", body: readFileSync(path.join(THEME_ROOT, "assets", "wafa.css"), "utf8") }));
    await proxied(page);
    // Chromium's own count of main-thread script time; the page runs no script but Wafa's.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const scriptMilliseconds = async () => {
      const { metrics: values } = await cdp.send("Performance.getMetrics");
      return Math.round((values.find((metric) => metric.name === "ScriptDuration")?.value ?? 0) * 100_000) / 100;
    };
    return { page, errors, scriptMilliseconds };
  }

  it("GIVEN an English member THEN the launcher at the reading end fills in the live balance, opens, redeems for a code, and nothing shifts", async () => {
    const { page, errors, scriptMilliseconds } = await storePage("en");
    await page.goto(`${STORE}/`);
    const badge = page.locator(".wafa-badge");
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe("42");
    const button = await page.locator("[data-wafa-toggle]").boundingBox();
    expect((button?.x ?? 0) > 512).toBe(true);
    metrics.en = { scriptMainThreadMs: await scriptMilliseconds() };
    await page.click("[data-wafa-toggle]");
    await page.locator("[data-wafa-rewards] button:not([disabled])").click();
    await expect.poll(() => page.locator("[data-wafa-status]").textContent(), { timeout: 10_000 }).toMatch(/^Your code: WAFA-[0-9A-F]{10}/);
    await expect.poll(() => page.locator(".wafa-balance__value").textContent()).toBe("22");
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, "storefront-en.png") });
    expect(await page.evaluate(() => (window as unknown as { wafaShifts: number[] }).wafaShifts.reduce((sum, value) => sum + value, 0))).toBe(0);
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    const member = await findCustomer(database.db, shopId, `gid://shopify/Customer/${memberId}`);
    expect({ available: member?.pointsAvailable, held: member?.pointsHeld }).toEqual({ available: 22, held: 20 });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it("GIVEN an Arabic member THEN right to left: the launcher at the left, Arabic texts, and their open code shown", async () => {
    const { page, errors, scriptMilliseconds } = await storePage("ar");
    await page.goto(`${STORE}/`);
    expect(await page.locator(".wafa-launcher").getAttribute("dir")).toBe("rtl");
    const button = await page.locator("[data-wafa-toggle]").boundingBox();
    expect((button?.x ?? 1024) < 512).toBe(true);
    metrics.ar = { scriptMainThreadMs: await scriptMilliseconds() };
    await page.click("[data-wafa-toggle]");
    await expect.poll(() => page.locator("[data-wafa-status]").textContent(), { timeout: 10_000 }).toMatch(/^رمزك: WAFA-/);
    expect(await page.locator("#wafa-panel-title").textContent()).toBe("برنامج المكافآت");
    await page.screenshot({ path: path.join(RESULTS, "storefront-ar.png") });
    await page.keyboard.press("Escape");
    expect(await page.locator("#wafa-panel").isHidden()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { wafaShifts: number[] }).wafaShifts.reduce((sum, value) => sum + value, 0))).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
