import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PRODUCTS } from "../sandbox/store/catalogue";
import { expectVisible, useSandboxBrowser } from "../test/browser";

const SWEATER = DEMO_PRODUCTS.find((candidate) => candidate.title === "Merino Crew Sweater"); // 89.00
const TEE = DEMO_PRODUCTS.find((candidate) => candidate.title === "Organic Cotton Tee"); // 28.00

/** What the merchant builds: a member from the start, Silver from 200.00, Gold from 500.00. */
const THREE_TIERS = {
  enabled: true,
  metric: "spend",
  window: "calendar_year",
  downgradeGraceDays: 60,
  levels: [
    { id: "tier-1", name: "Bronze", threshold: 0, entryBonusPoints: 0, perks: { earnMultiplierPercent: 100, earlyAccess: false } },
    { id: "tier-2", name: "Silver", threshold: 20_000, entryBonusPoints: 0, perks: { earnMultiplierPercent: 125, earlyAccess: false } },
    { id: "tier-3", name: "Gold", threshold: 50_000, entryBonusPoints: 250, perks: { earnMultiplierPercent: 150, earlyAccess: true } },
  ],
};

const OVERLAP = "Gold must need more than Silver: tier thresholds cannot overlap.";

describe("a three-tier program, in Chromium", () => {
  const sandbox = useSandboxBrowser();
  const versions = async () => {
    const shop = await sandbox.database.db.selectFrom("Shop").select("id").where("domain", "=", sandbox.shop).executeTakeFirstOrThrow();
    return sandbox.database.db.selectFrom("ProgramVersion").select(["version", "rules"]).where("shopId", "=", shop.id).orderBy("version", "desc").execute();
  };
  /** One level's card: every level repeats the same labels, so fields are found within it. */
  const level = (page: Page, position: number) => page.getByRole("group", { name: new RegExp(`^Level ${position}:`) });
  const saveBar = (page: Page) => page.locator("ui-save-bar");
  /** Clicks Save in the save bar and waits for the action's answer (a refused save answers 400). */
  const saveFromSaveBar = async (page: Page) => {
    const answered = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/app/program/tiers"));
    await saveBar(page).getByRole("button", { name: "Save", exact: true }).click();
    return answered;
  };

  it("GIVEN a fresh store WHEN the merchant sets up Bronze, Silver and Gold by spend this calendar year and saves from the save bar THEN a toast confirms and the new version holds exactly those three levels", async () => {
    const before = await versions();
    const page = await sandbox.openAdmin("/app/program/tiers");
    await expectVisible(page.getByText("No tiers yet", { exact: true }));
    expect(await saveBar(page).isVisible()).toBe(false);

    await page.getByText("Tiers are on", { exact: true }).click();
    expect(await page.getByRole("checkbox", { name: "Tiers are on" }).isChecked()).toBe(true);
    await expectVisible(saveBar(page));
    await page.getByLabel("Qualify by", { exact: true }).selectOption({ label: "Amount spent" });
    await page.getByLabel("Counted over", { exact: true }).selectOption({ label: "This calendar year" });
    await page.getByLabel("Grace before a downgrade", { exact: true }).fill("60");

    await page.getByRole("button", { name: "Add your first tier" }).click();
    await page.getByRole("button", { name: "Add a tier", exact: true }).click();
    await page.getByRole("button", { name: "Add a tier", exact: true }).click();

    const bronze = level(page, 1);
    await bronze.getByLabel("Name", { exact: true }).fill("Bronze");
    await bronze.getByLabel("Reached at (amount spent)", { exact: true }).fill("0.00");

    const silver = level(page, 2);
    await silver.getByLabel("Name", { exact: true }).fill("Silver");
    await silver.getByLabel("Reached at (amount spent)", { exact: true }).fill("200.00");
    await silver.getByLabel("Earn multiplier", { exact: true }).fill("125");

    const gold = level(page, 3);
    await gold.getByLabel("Name", { exact: true }).fill("Gold");
    await gold.getByLabel("Reached at (amount spent)", { exact: true }).fill("500.00");
    await gold.getByLabel("Earn multiplier", { exact: true }).fill("150");
    await gold.getByLabel("Entry bonus", { exact: true }).fill("250");
    await gold.getByText("Early access", { exact: true }).click();
    expect(await gold.getByRole("checkbox", { name: "Early access" }).isChecked()).toBe(true);
    expect(await silver.getByRole("checkbox", { name: "Early access" }).isChecked()).toBe(false);
    await expectVisible(page.getByRole("heading", { name: "Level 3: Gold", exact: true }));
    await sandbox.screenshot("three-tier-program-filled", page);

    const answer = await saveFromSaveBar(page);
    expect(answer.status()).toBe(200);
    await expectVisible(page.getByRole("status").filter({ hasText: `Program saved: version ${before.length + 1} is in force from now on.` }));
    await saveBar(page).waitFor({ state: "hidden" });
    await sandbox.screenshot("three-tier-program-saved", page);

    const saved = await versions();
    expect(saved).toHaveLength(before.length + 1);
    expect(JSON.parse(saved[0]!.rules).tiers).toEqual(THREE_TIERS);
  });

  it("GIVEN the three tiers WHEN the merchant gives Gold the same threshold as Silver, then one below it, and saves THEN Gold's threshold shows the core's error each time and nothing is saved", async () => {
    sandbox.allowConsoleErrors(/status of 400 .*\/app\/program\/tiers\.data\?/); // the refused saves answer 400, which Chromium logs
    const before = await versions();
    const page = await sandbox.openAdmin("/app/program/tiers");
    const gold = level(page, 3);
    const goldThreshold = gold.getByLabel("Reached at (amount spent)", { exact: true });
    expect(await goldThreshold.inputValue()).toBe("500.00");

    await goldThreshold.fill("200.00"); // the same as Silver
    expect((await saveFromSaveBar(page)).status()).toBe(400);
    await expectVisible(gold.getByText(OVERLAP, { exact: true }));
    expect(await goldThreshold.getAttribute("aria-invalid")).toBe("true");
    await expectVisible(page.getByText("The program was not saved: one thing needs fixing", { exact: true }));
    await expectVisible(page.getByRole("alert").filter({ hasText: "Not saved: fix the problem shown on the page." }));
    // Only Gold is at fault: Silver's threshold has no error.
    expect(await level(page, 2).getByLabel("Reached at (amount spent)", { exact: true }).getAttribute("aria-invalid")).not.toBe("true");
    await sandbox.screenshot("three-tier-program-duplicate-threshold", page);

    await goldThreshold.fill("150.00"); // below Silver: the tiers would overlap
    expect((await saveFromSaveBar(page)).status()).toBe(400);
    await expectVisible(gold.getByText(OVERLAP, { exact: true }));
    expect(await versions()).toHaveLength(before.length);
    expect(JSON.parse((await versions())[0]!.rules).tiers).toEqual(THREE_TIERS);

    await saveBar(page).getByRole("button", { name: "Discard", exact: true }).click();
    await saveBar(page).waitFor({ state: "hidden" });
    expect(await goldThreshold.inputValue()).toBe("500.00");
  });

  it("GIVEN the three tiers WHEN a customer's paid orders pass 200.00 THEN their member page shows Silver with the way to Gold, and the next order earns 125 %", async () => {
    if (!SWEATER || !TEE) throw new Error("no demo sweater or tee");
    const yara = await sandbox.createCustomer({ firstName: "Yara", lastName: "Haddad" });
    // 3 × 89.00 = 267.00 at the default 1 point per 1.00: 267 points at 100 %. An order earns
    // at the multiplier of the tier held when it is first seen paid (planOrderEvent in
    // app/loyalty/earning/order-events.ts); the tier is re-evaluated after the order is
    // recorded (recordOrderEvent), so this order is what lifts Yara to Silver.
    await sandbox.store({ command: "place-order", customerId: yara.id, productId: SWEATER.productId, quantity: 3, paid: true });
    // 28.00 at Silver's 125 %: ⌊28 × 125 / 100⌋ = 35 points. 295.00 spent in all.
    await sandbox.store({ command: "place-order", customerId: yara.id, productId: TEE.productId, quantity: 1, paid: true });

    const member = await sandbox.database.db.selectFrom("Customer").select(["id", "tierId"]).where("customerGid", "=", yara.gid).executeTakeFirstOrThrow();
    expect(member.tierId).toBe("tier-2");
    const page = await sandbox.openAdmin(`/app/members/${member.id}`);
    await expectVisible(page.getByRole("heading", { level: 1, name: "Yara Haddad" }));
    await expectVisible(page.getByRole("heading", { name: "Tier: Silver", exact: true }));
    // Silver (200.00) to Gold (500.00): 295.00 is 95.00 of the 300.00 between them, 31 %.
    await expectVisible(page.getByText("$205.00 more to reach Gold ($295.00 so far).", { exact: true }));
    expect(await page.getByRole("progressbar").getAttribute("value")).toBe("31");

    const balance = (title: string) => page.locator("h2", { hasText: new RegExp(`^${title}$`) }).locator("xpath=following-sibling::p[1]");
    expect(await balance("Available").textContent()).toBe("302");
    expect(await balance("Earned in total").textContent()).toBe("302");
    const history = page.getByRole("table").getByRole("row").filter({ hasText: "Earned on #" });
    expect(await history.count()).toBe(2);
    // Newest first: the tee at 125 %, then the sweaters at 100 %.
    expect(await history.nth(0).textContent()).toContain("+35");
    expect(await history.nth(1).textContent()).toContain("+267");
    await expectVisible(page.getByRole("heading", { name: "Tier changes", exact: true }));
    await expectVisible(page.getByText(/: Reached Silver: spend this calendar year is 267\.00 \(Silver needs 200\.00\)\.$/));
    await sandbox.screenshot("three-tier-program-member", page);
  });
});
