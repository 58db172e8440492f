import type { AppDatabase } from "../db/database.server";
import { currentProgramVersion, type ProgramRules } from "../loyalty/program/program";
import { previewTypicalCustomer, type EarningPreview } from "../loyalty/program/preview";
import { listProgramVersionRecords } from "../repositories/program-versions.server";
import { findShop, isInstalled, readShopSettingsJson } from "../repositories/shops.server";
import { isProgramLive } from "./launch-program.server";
import { estimateTypicalCustomer } from "./onboarding.server";

export type ChecklistItemId = "program_chosen" | "earning_rules_reviewed" | "rewards_added" | "settings_reviewed" | "launched";

export type ChecklistItem = {
  readonly id: ChecklistItemId;
  readonly title: string;
  /** What is done, or what is missing, in a sentence. */
  readonly detail: string;
  readonly done: boolean;
  /** Where to do it (null: the checklist's own button, e.g. Launch). */
  readonly url: string | null;
  readonly action: string;
};

export type SetupChecklist = {
  readonly onboarded: boolean;
  readonly live: boolean;
  readonly items: readonly ChecklistItem[];
  readonly doneCount: number;
};

/** Admin URLs the checklist links to (the designer is /app/program). */
export const SETUP_URLS = { wizard: "/app/onboarding", designer: "/app/program", settings: "/app/settings" } as const;

/**
 * The home page's setup checklist, every flag computed from the shop's data (nothing is
 * ticked by hand, so an item can also come undone, e.g. when the last reward is removed):
 * - program chosen: the wizard was completed, or a staff member saved a program;
 * - earning rules reviewed: the program in force was saved by staff (not the install's
 *   default) and a typical customer of this shop reaches the first reward within a year
 *   (the guides' "long waits to earn anything" failure);
 * - rewards added: at least one reward is switched on;
 * - settings reviewed: the merchant has saved the settings page once;
 * - launched: the program is live for shoppers (launch-program.server.ts).
 */
export async function getSetupChecklist(database: AppDatabase, shopDomain: string, now: Date): Promise<SetupChecklist | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return null;
  const [records, storedSettings, typical] = await Promise.all([
    listProgramVersionRecords(database.db, shop.id),
    readShopSettingsJson(database.db, shop.id),
    estimateTypicalCustomer(database, shop, now),
  ]);
  const current = currentProgramVersion(records, now);
  const currentRecord = current ? records.find((record) => record.version === current.version) : undefined;
  const staffProgram = currentRecord?.createdBy?.startsWith("staff:") === true;
  const rules = current?.rules ?? null;
  const preview = rules ? previewTypicalCustomer(rules, typical.customer, shop.currencyCode) : null;
  const items: ChecklistItem[] = [
    {
      id: "program_chosen",
      title: "Choose your program",
      detail: shop.onboardedAt || staffProgram ? `You run "${kindTitle(rules)}".` : "Pick one of eight proven program types; you can change everything later.",
      done: shop.onboardedAt !== null || staffProgram,
      url: SETUP_URLS.wizard,
      action: shop.onboardedAt ? "Start over" : "Set up your program",
    },
    earningItem(staffProgram, preview),
    {
      id: "rewards_added",
      title: "Add rewards",
      detail: rewardsDetail(rules?.rewards.filter((reward) => reward.enabled).length ?? 0),
      done: rules?.rewards.some((reward) => reward.enabled) === true,
      url: SETUP_URLS.designer,
      action: "Edit rewards",
    },
    {
      id: "settings_reviewed",
      title: "Review branding and settings",
      detail: hasSavedSettings(storedSettings) ? "Your points name, colours and texts are saved." : "Name your points and match the widget to your brand.",
      done: hasSavedSettings(storedSettings),
      url: SETUP_URLS.settings,
      action: "Open settings",
    },
    {
      id: "launched",
      title: "Launch your program",
      detail: isProgramLive(shop) ? "Shoppers can see your program." : "Customers already earn on their orders; launching shows the program to them.",
      done: isProgramLive(shop),
      url: null,
      action: "Launch now",
    },
  ];
  return { onboarded: shop.onboardedAt !== null, live: isProgramLive(shop), items, doneCount: items.filter((item) => item.done).length };
}

function earningItem(staffProgram: boolean, preview: EarningPreview | null): ChecklistItem {
  const base = { id: "earning_rules_reviewed", title: "Review how customers earn", url: SETUP_URLS.designer, action: "Review earning" } as const;
  if (!staffProgram) return { ...base, done: false, detail: "You are on the default program (1 point per 1.00): check it fits your shop." };
  const reward = preview?.firstReward;
  if (!preview || !reward) return { ...base, done: false, detail: "No reward every member can use yet, so earning leads nowhere." };
  if (reward.ordersNeeded === null) {
    return { ...base, done: false, detail: `A typical customer would not reach "${reward.name}" within a year: lower its cost or raise earning.` };
  }
  const when = reward.ordersNeeded === 0 ? "as soon as they join" : `after ${reward.ordersNeeded} order${reward.ordersNeeded === 1 ? "" : "s"}`;
  return { ...base, done: true, detail: `A typical customer earns ${preview.firstOrderPoints} points on a first order and reaches "${reward.name}" ${when}.` };
}

function rewardsDetail(enabled: number): string {
  if (enabled === 0) return "Customers need something to spend their points on.";
  return enabled === 1 ? "1 reward customers can redeem." : `${enabled} rewards customers can redeem.`;
}

function hasSavedSettings(stored: unknown): boolean {
  return typeof stored === "object" && stored !== null && Object.keys(stored).length > 0;
}

const KIND_TITLES: Readonly<Record<ProgramRules["kind"], string>> = {
  spend: "Points for spending",
  frequency: "Rewards for coming back",
  time: "Rewards for loyalty over time",
  cashback: "Cashback",
  tiers: "VIP tiers",
  points_and_tiers: "Points and tiers",
  perks: "Free perks",
  mission: "Give to a cause",
  custom: "Your own program",
};

function kindTitle(rules: ProgramRules | null): string {
  return rules ? KIND_TITLES[rules.kind] : "no program";
}
