import { z } from "zod";
import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { currentProgramVersion, type ProgramKind } from "../loyalty/program/program";
import type { ProgramIssue } from "../loyalty/program/program-checks";
import type { TypicalCustomer } from "../loyalty/program/preview";
import { shopAmountFormatter, typicalCustomerFrom, WizardChoiceSchema, wizardProgram, type TypicalCustomerBasis } from "../loyalty/program/wizard";
import { customerOrderHistory } from "../repositories/customer-history.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled, markShopOnboarded, type ShopRecord } from "../repositories/shops.server";
import { launchShopProgram } from "./launch-program.server";
import { saveProgram } from "./save-program.server";
import type { StaffMember } from "./staff.server";

const YEAR_MS = 365 * 86_400_000;

export type TypicalCustomerEstimate = { readonly customer: TypicalCustomer; readonly basis: TypicalCustomerBasis };

export type OnboardingWizard = {
  readonly shop: Pick<ShopRecord, "domain" | "name" | "currencyCode" | "onboardedAt" | "launchedAt">;
  /** The kind of the program in force (the install's default is "spend"). */
  readonly currentKind: ProgramKind | null;
  readonly typicalCustomer: TypicalCustomerEstimate;
};

/** A typical customer of this shop over the 12 months before `now` (or the guides' default). */
export async function estimateTypicalCustomer(database: AppDatabase, shop: ShopRecord, now: Date): Promise<TypicalCustomerEstimate> {
  const history = await customerOrderHistory(database.db, shop.id, {
    since: new Date(now.getTime() - YEAR_MS),
    until: now,
    includeTestOrders: shop.countTestOrders,
  });
  return typicalCustomerFrom(history, shop.currencyCode);
}

/** What the first-run wizard shows: the shop, its current program kind, and its typical customer. */
export async function getOnboardingWizard(database: AppDatabase, shopDomain: string, now: Date): Promise<OnboardingWizard | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return null;
  const [versions, typicalCustomer] = await Promise.all([listProgramVersions(database.db, shop.id), estimateTypicalCustomer(database, shop, now)]);
  const { domain, name, currencyCode, onboardedAt, launchedAt } = shop;
  return {
    shop: { domain, name, currencyCode, onboardedAt, launchedAt },
    currentKind: currentProgramVersion(versions, now)?.rules.kind ?? null,
    typicalCustomer,
  };
}

const OnboardingInputSchema = WizardChoiceSchema.extend({
  launch: z.enum(["now", "later"], 'Choose "Launch now" or "Launch later".'),
});

const UNREADABLE = "The wizard's answers could not be read: choose a program type and try again.";

export type CompleteOnboardingResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "invalid"; readonly issues: readonly ProgramIssue[] }
  | { readonly status: "done"; readonly version: number; readonly programChanged: boolean; readonly live: boolean };

/**
 * The wizard's last step: the chosen preset, with the merchant's numbers, becomes the
 * program (a new version through saveProgram, validated by the core), the shop is marked
 * onboarded and, if asked, launched. Invalid input writes nothing. The program is saved
 * first, in its own transaction; should the second one fail, submitting again converges
 * (the same rules are "unchanged", the flags are set once).
 */
export async function completeOnboarding(database: AppDatabase, shopDomain: string, input: unknown, staff: StaffMember, now: Date): Promise<CompleteOnboardingResult> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { status: "invalid", issues: [{ path: [], message: UNREADABLE }] };
  const parsed = OnboardingInputSchema.safeParse(input);
  if (!parsed.success) return { status: "invalid", issues: parsed.error.issues.map(({ path, message }) => ({ path: path.map(String), message })) };
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  const rules = wizardProgram(parsed.data, shop.currencyCode, shopAmountFormatter(shop.currencyCode));
  // The wizard's first program places the shop's members at once (its tiers included).
  const saved = await saveProgram(database, shopDomain, rules, staff, now, { withoutConfirmation: true });
  if (saved.status === "shop_not_installed" || saved.status === "invalid") return saved;
  if (saved.status === "needs_confirmation") throw new Error("the wizard saves without a confirmation step");
  return inTransaction(database, async (tx) => {
    const current = await findShop(tx, shopDomain);
    if (!isInstalled(current)) return { status: "shop_not_installed" } as const;
    await markShopOnboarded(tx, current.id, now);
    const live = parsed.data.launch === "now" ? (await launchShopProgram(tx, current, now)).status === "live" : current.launchedAt !== null;
    return { status: "done", version: saved.version.version, programChanged: saved.status === "saved", live } as const;
  });
}
