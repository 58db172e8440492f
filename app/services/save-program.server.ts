import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import type { ProgramIssue } from "../loyalty/program/program-checks";
import { currentProgramVersion, sameRules, validateProgram, type ProgramVersion } from "../loyalty/program/program";
import { addProgramVersion, listProgramVersions } from "../repositories/program-versions.server";
import { requestSyncOfAllMembers } from "../repositories/scheduled-work.server";
import { findShop, isInstalled } from "../repositories/shops.server";
import type { StaffMember } from "./staff.server";

export type SaveProgramResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "invalid"; readonly issues: readonly ProgramIssue[] }
  | { readonly status: "unchanged"; readonly version: ProgramVersion }
  | { readonly status: "saved"; readonly version: ProgramVersion; readonly tiersChanged: boolean };

/**
 * The designer saves a program: the core validates it (nothing the engine cannot run is
 * stored), and a new version takes effect now. Past points are never rewritten: orders
 * placed before now stay under the version that governed them (each journal records it).
 */
export async function saveProgram(database: AppDatabase, shopDomain: string, input: unknown, staff: StaffMember, now: Date): Promise<SaveProgramResult> {
  const checked = validateProgram(input);
  if (!checked.ok) return { status: "invalid", issues: checked.issues };
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    const current = currentProgramVersion(await listProgramVersions(tx, shop.id), now);
    if (current && sameRules(current.rules, checked.rules)) return { status: "unchanged", version: current } as const;
    const version = await addProgramVersion(tx, shop.id, { rules: checked.rules, effectiveAt: now, createdBy: staff.actor, createdByName: staff.name }, now);
    const tiersChanged = !current || JSON.stringify(current.rules.tiers) !== JSON.stringify(checked.rules.tiers);
    // Every member's next reward (rewards) or tier name (tiers) may read differently now.
    if (tiersChanged || JSON.stringify(current?.rules.rewards) !== JSON.stringify(checked.rules.rewards)) await requestSyncOfAllMembers(tx, shop.id, now);
    return { status: "saved", version, tiersChanged } as const;
  });
}
