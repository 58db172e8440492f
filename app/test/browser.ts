// Browser suites: the sandbox (production build, WAFA_SANDBOX=1) driven by a real Chromium
// through playwright-core, as a merchant uses the embedded admin. See
// docs/decisions/0012-browser-tests.md.
//
// How a suite uses it (files are app/browser/<name>.browser.test.ts; `npm test` runs them):
//
//   import { describe, expect, it } from "vitest";
//   import { expectVisible, useSandboxBrowser } from "../test/browser";
//
//   describe("the onboarding wizard", () => {
//     // One server, one database and one Chromium for the whole file (beforeAll/afterAll);
//     // after each test: fails it on uncaught page errors or console errors, screenshots
//     // failures to test-results/, closes the test's pages.
//     const sandbox = useSandboxBrowser(); // { database: "postgres" } to run on PostgreSQL
//
//     it("GIVEN a new shop WHEN the merchant finishes the wizard THEN the program is live", async () => {
//       // Arrange the store through POST /sandbox/api, as Shopify would (signed webhooks):
//       const salma = await sandbox.createCustomer({ firstName: "Salma", lastName: "Aziz" });
//       await sandbox.store({ command: "place-order", customerId: salma.id, productId: TEE, quantity: 2, paid: true });
//
//       // Open the embedded admin like the merchant (/sandbox/admin → /app), or any app page
//       // directly with a fresh session token, as Shopify admin loads a deep link:
//       const page = await sandbox.openAdmin("/app/onboarding");
//       await page.getByLabel("Points name").fill("Stars");
//       await page.getByRole("button", { name: "Continue" }).click();
//       await sandbox.settle(); // hydrated, Remix idle: the submission has landed
//       await expectVisible(page.getByRole("heading", { name: "Your program", exact: true }));
//
//       // Move between pages through the App Bridge nav menu (Shopify admin draws it; so does
//       // the stand-in, as page.getByRole("navigation", { name: "App navigation" })):
//       await sandbox.navigate("Settings");
//
//       // Check what the merchant did reached the database (sandbox.database is the server's):
//       const shop = await sandbox.database.db.selectFrom("Shop").selectAll().where("domain", "=", sandbox.shop).executeTakeFirst();
//       expect(shop).toBeDefined();
//       await sandbox.screenshot("onboarding-finished"); // test-results/onboarding-finished.png
//     });
//   });
//
// Notes for suite authors:
// - Tests in a file share one server and database and run in order: give each test's
//   customers their own names, and do not count on an empty store after the first test.
// - The page is the app's own top-level document: the sandbox does not frame /app. Use role
//   and label locators (page.getByRole, getByLabel, getByText); Polaris renders real roles.
// - Vitest's expect has no web-first matchers: wait with `expectVisible(locator)` (or
//   `locator.waitFor()`), then read with `locator.textContent()` / `inputValue()`.
// - Polaris draws its radios and checkboxes over the real input, so `locator.check()` fails
//   ("… intercepts pointer events"): click the label as the merchant does,
//   `page.getByText("Cashback", { exact: true }).click()`, then read
//   `page.getByRole("radio", { name: "Cashback" }).isChecked()`.
// - Prefer `{ exact: true }` on text and role names: pages grow ("Your program" also
//   matches "Set up your program").
// - A console error (including a failed request) fails the test; if a test provokes one on
//   purpose, say so with `sandbox.allowConsoleErrors(/pattern/)` in that test. Chromium logs
//   every 4xx answer, so a test that submits invalid input and expects the action's 400
//   (e.g. an adjustment beyond the balance) declares it:
//   `sandbox.allowConsoleErrors(/status of 400 .*\.data\)$/)`.
// - Chromium comes from CHROMIUM_PATH or /usr/bin/chromium (apt-get install -y chromium);
//   when it is missing the suite fails, it never skips. Never `npx playwright install`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { z } from "zod";
import type { DatabaseKind } from "../db/database.server";
import { parseServerEnv } from "../env.server";
import { sandboxAdminUrl, SANDBOX_BROWSER } from "../sandbox/boot.server";
import type { DeliveryResult } from "../sandbox/delivery.server";
import type { StoreCommand } from "../sandbox/store-commands.server";
import { startAppServer, type AppServer } from "./app-server";
import { createTestDatabase, type TestDatabase } from "./databases";

/** Flags that run Debian's Chromium headless in containers and CI (../shared/OFFLINE.md). */
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];
const SCREENSHOT_DIRECTORY = path.join(process.cwd(), "test-results");
const ACTION_TIMEOUT_MS = 10_000;

export type SandboxBrowserOptions = {
  /** The database the server runs on: SQLite unless said otherwise (or WAFA_BROWSER_DATABASE). */
  readonly database?: DatabaseKind;
  /** The shop's currency (SANDBOX_CURRENCY). */
  readonly currency?: string;
  /** Run the server's scheduled work (WAFA_JOBS=on), e.g. the storefront sync a launch asks for; off unless a suite needs it. */
  readonly jobs?: boolean;
};

export type SandboxCustomer = { readonly id: string; readonly gid: string; readonly email: string };

export type SandboxBrowser = {
  /** The sandbox server's base URL. */
  readonly url: string;
  /** The simulated shop's domain. */
  readonly shop: string;
  /** The server's database (a fresh copy for this file): read it to check what pages wrote. */
  readonly database: TestDatabase;
  readonly browser: Browser;
  /**
   * Opens the embedded admin in a new page: "/app" goes through /sandbox/admin like the
   * merchant; any other path is loaded directly with a fresh session token, as Shopify
   * admin loads a deep link.
   */
  openAdmin(appPath?: string): Promise<Page>;
  /** The page last opened by openAdmin in this test. */
  readonly page: Page;
  /** Waits until the page is hydrated and Remix is idle (after a click that navigates or submits). */
  settle(page?: Page): Promise<void>;
  /** Clicks an item of the app's nav menu (App Bridge's `shopify:navigate`) and waits for the page. */
  navigate(label: string, page?: Page): Promise<void>;
  /** One simulated-store command (POST /sandbox/api); throws when the store refuses it. */
  store(command: z.input<typeof StoreCommand>): Promise<readonly DeliveryResult[]>;
  /** Creates a store customer (customers/create reaches the app) and returns its ids. */
  createCustomer(input: { firstName: string; lastName: string; email?: string }): Promise<SandboxCustomer>;
  /** Saves a PNG of the page to test-results/<name>.png and returns its path. */
  screenshot(name: string, page?: Page): Promise<string>;
  /** Lets this test log console errors matching the pattern (uncaught page errors never pass). */
  allowConsoleErrors(pattern: RegExp): void;
};

/** Waits until the locator is visible; fails with what was looked for otherwise. */
export async function expectVisible(locator: Locator, timeout = ACTION_TIMEOUT_MS): Promise<Locator> {
  try {
    await locator.waitFor({ state: "visible", timeout });
  } catch (error) {
    throw new Error(`expected ${String(locator)} to be visible within ${timeout} ms`, { cause: error });
  }
  return locator;
}

export function chromiumPath(): string {
  const executable = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executable)) {
    throw new Error(
      `Browser tests need Chromium at ${executable} (set CHROMIUM_PATH to use another one). ` +
        "Install it with `sudo apt-get install -y chromium` (`npm test` does as root: app/test/system-packages.ts). Never `npx playwright install`.",
    );
  }
  return executable;
}

/**
 * Hydrated by React, the App Bridge stand-in in place to sign the app's own requests, and
 * no Remix navigation or revalidation under way. Says which of these is missing otherwise.
 */
async function waitForApp(page: Page): Promise<void> {
  const readiness = () => {
    const router = (window as { __remixRouter?: { state: { navigation: { state: string }; revalidation: string } } }).__remixRouter;
    return {
      "the App Bridge stand-in (window.shopify)": "shopify" in window,
      "React hydration": Object.keys(document.body).some((key) => key.startsWith("__reactFiber$")),
      "an idle Remix router": router?.state.navigation.state === "idle" && router.state.revalidation === "idle",
    };
  };
  try {
    await page.waitForFunction(`Object.values((${readiness.toString()})()).every(Boolean)`);
  } catch (error) {
    const state = await page.evaluate(readiness).catch(() => ({}));
    const missing = Object.entries(state).filter(([, ready]) => !ready).map(([what]) => what);
    throw new Error(`the app at ${page.url()} did not become ready, missing: ${missing.join(", ") || "unknown"} (see the page errors reported after the test)`, { cause: error });
  }
}

type Problem = { readonly kind: "page error" | "console error" | "request outside the sandbox"; readonly text: string };

/**
 * Registers the suite's hooks and returns its handle (usable inside tests, after beforeAll).
 * Call it once per file, at the top of the describe block.
 */
export function useSandboxBrowser(options: SandboxBrowserOptions = {}): SandboxBrowser {
  const kind: DatabaseKind = options.database ?? (process.env.WAFA_BROWSER_DATABASE === "postgres" ? "postgres" : "sqlite");
  const shop = `wafa-browser-${kind}.myshopify.com`;
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let stateDir: string | undefined;
  let serverEnv: Record<string, string> = {};
  let contexts: BrowserContext[] = [];
  let current: Page | undefined;
  let problems: Problem[] = [];
  let allowed: RegExp[] = [];
  let customers = 0;

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser suite's ${what} is not started: use the handle inside tests (beforeAll has to run first)`);
    return value;
  };

  const watch = (page: Page) => {
    page.setDefaultTimeout(ACTION_TIMEOUT_MS);
    page.on("pageerror", (error) => problems.push({ kind: "page error", text: error.stack || `${error.name}: ${error.message}` }));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const where = message.location().url ? ` (${message.location().url})` : "";
      problems.push({ kind: "console error", text: `${message.text()}${where}` });
    });
  };

  const newPage = async () => {
    // The Shopify library turns bots away, and headless Chromium says "HeadlessChrome".
    const context = await started(browser, "browser").newContext({ userAgent: SANDBOX_BROWSER, viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    // The sandbox is the whole world: a request elsewhere (Shopify's CDN, fonts, analytics)
    // fails the test the same way with or without internet.
    const origin = new URL(started(server, "server").url).origin;
    await context.route(
      (url) => url.origin !== origin && !["data:", "blob:"].includes(url.protocol),
      async (route) => {
        problems.push({ kind: "request outside the sandbox", text: route.request().url() });
        await route.abort("blockedbyclient");
      },
    );
    const page = await context.newPage();
    watch(page);
    return page;
  };

  const store = async (command: z.input<typeof StoreCommand>) => {
    const response = await fetch(new URL("/sandbox/api", started(server, "server").url), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(command),
    });
    const body = (await response.json()) as { ok: boolean; error?: string; deliveries?: DeliveryResult[] };
    if (!body.ok) throw new Error(`the simulated store refused ${JSON.stringify(command)}: ${body.error}`);
    const failed = (body.deliveries ?? []).filter((delivery) => delivery.status !== 200);
    if (failed.length > 0) throw new Error(`webhooks failed after ${command.command}: ${JSON.stringify(failed)}`);
    return body.deliveries ?? [];
  };

  const screenshot = async (name: string, page = current) => {
    if (!page) throw new Error("no page to screenshot: open one with openAdmin first");
    mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
    const file = path.join(SCREENSHOT_DIRECTORY, `${name.replace(/[^a-z0-9._-]+/gi, "-")}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };

  beforeAll(async () => {
    const executablePath = chromiumPath();
    database = await createTestDatabase(kind);
    stateDir = mkdtempSync(path.join(tmpdir(), "wafa-browser-"));
    serverEnv = {
      NODE_ENV: "development",
      WAFA_SANDBOX: "1",
      SANDBOX_SHOP: shop,
      SANDBOX_SEED: "none",
      SANDBOX_STATE_DIR: stateDir,
      SANDBOX_CURRENCY: options.currency ?? "USD",
      ...(options.jobs ? { WAFA_JOBS: "on" } : {}),
      SHOPIFY_API_KEY: "sandbox-browser-key",
      SHOPIFY_API_SECRET: "sandbox-browser-secret",
    };
    [server, browser] = await Promise.all([
      startAppServer({ databaseUrl: database.url, env: serverEnv }),
      chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 }),
    ]);
    // The server listens before it has installed the shop through token exchange.
    for (let waited = 0; !server.output().includes("sandbox is ready"); waited += 100) {
      if (waited > 30_000) throw new Error(`the sandbox did not get ready:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterEach(async (context) => {
    try {
      if (context.task.result?.state === "fail" && current && !current.isClosed()) {
        await screenshot(`failed-${context.task.name.slice(0, 80)}`).catch(() => undefined);
      }
      const unexpected = problems.filter((problem) => problem.kind !== "console error" || !allowed.some((pattern) => pattern.test(problem.text)));
      if (unexpected.length > 0) {
        throw new Error(`the page reported ${unexpected.length} error(s):\n${unexpected.map((problem) => `- ${problem.kind}: ${problem.text}`).join("\n")}`);
      }
    } finally {
      await Promise.all(contexts.map((browserContext) => browserContext.close()));
      contexts = [];
      current = undefined;
      problems = [];
      allowed = [];
    }
  });

  afterAll(async () => {
    // Each step runs even if the one before failed: no Chromium or server outlives the file.
    try {
      await browser?.close();
    } finally {
      try {
        await server?.stop();
      } finally {
        await database?.drop();
        if (stateDir) rmSync(stateDir, { recursive: true, force: true });
      }
    }
  });

  return {
    get url() {
      return started(server, "server").url;
    },
    shop,
    get database() {
      return started(database, "database");
    },
    get browser() {
      return started(browser, "browser");
    },
    get page() {
      return started(current, "page (call openAdmin first)");
    },
    async openAdmin(appPath = "/app") {
      const { url } = started(server, "server");
      const page = await newPage();
      current = page;
      const target = appPath === "/app" ? new URL("/sandbox/admin", url).toString() : sandboxAdminUrl(url, parseServerEnv(serverEnv), appPath);
      const response = await page.goto(target, { waitUntil: "load" });
      if (!response?.ok()) throw new Error(`opening ${appPath} answered HTTP ${response?.status()}`);
      await waitForApp(page);
      return page;
    },
    async settle(page = started(current, "page (call openAdmin first)")) {
      await waitForApp(page);
    },
    async navigate(label, page = started(current, "page (call openAdmin first)")) {
      const before = page.url();
      const href = await page.evaluate((name) => {
        const link = [...document.querySelectorAll("ui-nav-menu a")].find((candidate) => candidate.textContent?.trim() === name);
        // What App Bridge does when the merchant clicks the item in Shopify admin's nav.
        link?.dispatchEvent(new Event("shopify:navigate", { bubbles: true }));
        return link?.getAttribute("href") ?? null;
      }, label);
      if (href === null) throw new Error(`the app's nav menu has no item "${label}"`);
      const target = new URL(href, before);
      await page.waitForURL((next) => next.pathname === target.pathname && next.search === target.search);
      await waitForApp(page);
    },
    store,
    async createCustomer({ firstName, lastName, email }) {
      const address = email ?? `${firstName}.${lastName}.${++customers}@example.com`.toLowerCase();
      await store({ command: "create-customer", firstName, lastName, email: address });
      // The store API answers with deliveries only: the id is read back from what the app recorded.
      const row = await started(database, "database").db.selectFrom("Customer").select("customerGid").where("email", "=", address).executeTakeFirstOrThrow();
      return { id: row.customerGid.split("/").pop() ?? "", gid: row.customerGid, email: address };
    },
    screenshot,
    allowConsoleErrors(pattern) {
      allowed.push(pattern);
    },
  };
}
