import { describe, expect, it } from "vitest";
import { DEMO_PRODUCTS } from "../sandbox/store/catalogue";
import { expectVisible, useSandboxBrowser } from "../test/browser";

const TEE = DEMO_PRODUCTS.find((candidate) => candidate.title === "Organic Cotton Tee"); // 28.00

describe("the members pages, in Chromium", () => {
  const sandbox = useSandboxBrowser();

  it("GIVEN a member with a paid order WHEN the merchant finds them, adds points and tries to remove too many THEN the balance, the history and the inline error show", async () => {
    if (!TEE) throw new Error("no demo tee");
    const layla = await sandbox.createCustomer({ firstName: "Layla", lastName: "Nasser", email: "layla.nasser@example.com" });
    await sandbox.createCustomer({ firstName: "Karim", lastName: "Aziz", email: "karim.aziz@example.com" });
    await sandbox.store({ command: "place-order", customerId: layla.id, productId: TEE.productId, quantity: 2, paid: true }); // 56 points

    const page = await sandbox.openAdmin("/app/members");
    await expectVisible(page.getByRole("heading", { level: 1, name: "Members" }));
    const rows = page.getByRole("table").getByRole("row");
    await expectVisible(rows.filter({ hasText: "Karim Aziz" }));
    await sandbox.screenshot("members-list");
    await page.getByRole("textbox", { name: "Search by name or email" }).fill("nasser");
    await page.waitForURL((url) => url.searchParams.get("q") === "nasser");
    await sandbox.settle(page);
    // The URL changes before the filtered rows arrive: poll (a busy machine saw the old rows here).
    await expect.poll(() => rows.filter({ hasText: "Karim Aziz" }).count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole("link", { name: "Layla Nasser" }).click();

    await expectVisible(page.getByRole("heading", { level: 1, name: "Layla Nasser" }));
    const balance = (title: string) => page.locator("h2", { hasText: new RegExp(`^${title}$`) }).locator("xpath=following-sibling::p[1]");
    expect(await balance("Available").textContent()).toBe("56");
    const history = page.getByRole("table").getByRole("row");
    await expectVisible(history.filter({ hasText: "Earned on #" }));

    await page.getByLabel("Points", { exact: true }).fill("20");
    await page.getByLabel("Reason", { exact: true }).fill("Sorry for the late parcel");
    await page.getByRole("button", { name: "Adjust points" }).click();
    await sandbox.settle(page);
    await expectVisible(history.filter({ hasText: "Sorry for the late parcel" }));
    expect(await balance("Available").textContent()).toBe("76");
    await sandbox.screenshot("member-adjusted");

    sandbox.allowConsoleErrors(/status of 400 .*\.data\)$/);
    await page.getByLabel("Points", { exact: true }).fill("-500");
    await page.getByLabel("Reason", { exact: true }).fill("Too much");
    await page.getByRole("button", { name: "Adjust points" }).click();
    await expectVisible(page.getByText("This member has 76 points available", { exact: false }));
    await sandbox.settle(page);
    expect(await balance("Available").textContent()).toBe("76");
    const journals = await sandbox.database.db.selectFrom("LedgerJournal").select(["memo", "actor"]).where("kind", "=", "adjust").execute();
    expect(journals).toEqual([expect.objectContaining({ memo: "Sorry for the late parcel", actor: expect.stringMatching(/^staff:/) })]);
  });
});
