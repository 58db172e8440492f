import { describe, expect, it } from "vitest";
import { DEMO_PRODUCTS } from "../sandbox/store/catalogue";
import { expectVisible, useSandboxBrowser } from "../test/browser";

const SWEATER = DEMO_PRODUCTS.find((candidate) => candidate.title === "Merino Crew Sweater"); // 89.00
const MUG = DEMO_PRODUCTS.find((candidate) => candidate.title === "Stoneware Mug");

describe("the program designer, in Chromium", () => {
  const sandbox = useSandboxBrowser();
  const versions = async () => {
    const shop = await sandbox.database.db.selectFrom("Shop").select("id").where("domain", "=", sandbox.shop).executeTakeFirstOrThrow();
    return sandbox.database.db.selectFrom("ProgramVersion").select(["version", "rules"]).where("shopId", "=", shop.id).orderBy("version", "desc").execute();
  };

  it("GIVEN no tiers WHEN the merchant adds one and saves from the save bar THEN a toast confirms and a new version holds the tier", async () => {
    const before = await versions();
    const page = await sandbox.openAdmin("/app/program/tiers");
    await expectVisible(page.getByText("No tiers yet", { exact: true }));
    const saveBar = page.locator("ui-save-bar");
    expect(await saveBar.isVisible()).toBe(false);

    await page.getByRole("button", { name: "Add your first tier" }).click();
    await expectVisible(saveBar);
    await page.getByLabel("Name", { exact: true }).fill("Gold");
    await page.getByLabel("Reached at (amount spent)").fill("250.00");
    await page.getByLabel("Earn multiplier").fill("125");
    await sandbox.screenshot("program-tiers-unsaved", page);
    // One Save on the page: the save bar's (the header had a second one).
    expect(await page.getByRole("button", { name: "Save", exact: true }).count()).toBe(1);

    await saveBar.getByRole("button", { name: "Save" }).click();
    await expectVisible(page.getByRole("status").filter({ hasText: `Program saved: version ${before.length + 1}` }));
    await saveBar.waitFor({ state: "hidden" });
    const [latest] = await versions();
    expect(latest?.version).toBe(before.length + 1);
    expect(JSON.parse(latest!.rules)).toMatchObject({ tiers: { enabled: true, levels: [{ name: "Gold", threshold: 25_000, perks: { earnMultiplierPercent: 125 } }] } });
  });

  it("GIVEN a Gold member who spent 267.00 WHEN the merchant raises Gold to 300.00 and previews THEN the page says one member would move down, before anything is saved", async () => {
    if (!SWEATER) throw new Error("no demo sweater");
    const nadia = await sandbox.createCustomer({ firstName: "Nadia", lastName: "Karimi" });
    await sandbox.store({ command: "place-order", customerId: nadia.id, productId: SWEATER.productId, quantity: 3, paid: true });
    const before = await versions();
    const page = await sandbox.openAdmin("/app/program/tiers");
    // 267.00 is above 250.00 already: Gold was given when the order arrived, so nobody moves yet.
    await page.getByRole("button", { name: "Preview changes" }).click();
    await expectVisible(page.getByText("Nobody would move (1 member).", { exact: true }));
    await page.getByLabel("Reached at (amount spent)").fill("300.00");
    await page.getByRole("button", { name: "Preview changes" }).click();
    await expectVisible(page.getByText("0 members would move up, 1 down, 0 would stay.", { exact: true }));
    await sandbox.screenshot("program-tiers-preview", page);
    expect(await versions()).toHaveLength(before.length);
  });

  it("GIVEN a bonus that is not a whole number WHEN the merchant saves THEN the field shows the core's message and nothing is saved; Discard restores the program", async () => {
    sandbox.allowConsoleErrors(/status of 400/); // the refused save answers 400, which Chromium logs
    const before = await versions();
    const page = await sandbox.openAdmin("/app/program");
    await expectVisible(page.getByText("A typical customer's year", { exact: true }));
    await page.getByText("Sign-up bonus", { exact: true }).click();
    await page.getByLabel("Points on joining").fill("12.5");
    await page.locator("ui-save-bar").getByRole("button", { name: "Save" }).click();
    await expectVisible(page.getByText("Bonus points must be a whole number.").first());
    await expectVisible(page.getByText("Not saved: fix the problem shown on the page.", { exact: true }));
    await expectVisible(page.getByText("The program was not saved: one thing needs fixing", { exact: true }));
    await sandbox.screenshot("program-earning-invalid", page);
    expect(await versions()).toHaveLength(before.length);

    await page.locator("ui-save-bar").getByRole("button", { name: "Discard" }).click();
    await page.locator("ui-save-bar").waitFor({ state: "hidden" });
    expect(await page.getByLabel("Points on joining").count()).toBe(0);
  });

  it("GIVEN the rewards page WHEN the merchant adds a free-shipping reward THEN it is saved with its cost", async () => {
    const page = await sandbox.openAdmin("/app/program/rewards");
    await page.getByLabel("Kind of reward").selectOption("free_shipping");
    await page.getByRole("button", { name: "Add reward" }).click();
    await page.getByLabel("Cost").last().fill("300");
    await page.locator("ui-save-bar").getByRole("button", { name: "Save" }).click();
    await expectVisible(page.getByRole("status").filter({ hasText: "Program saved" }));
    const [latest] = await versions();
    expect(JSON.parse(latest!.rules).rewards).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "free_shipping", cost: 300 })]));
    await sandbox.screenshot("program-rewards-saved", page);
  });

  it("GIVEN saved versions WHEN the merchant opens the history THEN the newest version shows what changed", async () => {
    const page = await sandbox.openAdmin("/app/program/history");
    await expectVisible(page.getByRole("heading", { name: "Program history" }));
    await expectVisible(page.getByText("In force", { exact: true }));
    const added = page.getByRole("row").filter({ hasText: "Reward “Free shipping” (reward-1)" });
    await expectVisible(added);
    expect(await added.count()).toBe(1);
    expect(await added.textContent()).toContain("added");
    await expectVisible(page.getByRole("row").filter({ hasText: "Tiers › on" }));
    await sandbox.screenshot("program-history", page);
  });

  it("GIVEN the rewards page WHEN the merchant adds a free-product reward and chooses the mug in the resource picker THEN the saved reward gives that product and its variant", async () => {
    if (!MUG) throw new Error("no demo mug");
    const page = await sandbox.openAdmin("/app/program/rewards");
    await page.getByLabel("Kind of reward").selectOption("free_product");
    await page.getByRole("button", { name: "Add reward" }).click();
    await page.getByRole("button", { name: "Choose product…", exact: true }).click();
    const picker = page.getByRole("dialog", { name: "Select product" });
    await expectVisible(picker);
    await picker.getByRole("button", { name: "Stoneware Mug", exact: true }).click();
    await sandbox.screenshot("program-rewards-product-picker", page);
    await picker.getByRole("button", { name: "Select", exact: true }).click();
    await picker.waitFor({ state: "detached" });
    expect(await page.getByLabel("Product title").last().inputValue()).toBe("Stoneware Mug");

    await page.locator("ui-save-bar").getByRole("button", { name: "Save" }).click();
    await expectVisible(page.getByRole("status").filter({ hasText: "Program saved" }));
    const [latest] = await versions();
    const freeProducts = JSON.parse(latest!.rules).rewards.filter((reward: { kind: string }) => reward.kind === "free_product");
    expect(freeProducts).toEqual([
      expect.objectContaining({ productId: `gid://shopify/Product/${MUG.productId}`, productTitle: "Stoneware Mug", variantId: expect.stringMatching(/^gid:\/\/shopify\/ProductVariant\/\d+$/) }),
    ]);
  });
});
