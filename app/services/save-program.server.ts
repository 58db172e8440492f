import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import type { ProgramIssue } from "../loyalty/program/program-checks";
import { currentProgramVersion, sameRules, validateProgram, type ProgramVersion } from "../loyalty/program/program";
import { placementNeedsConfirmation, type PlacementImpact } from "../loyalty/tiers/tier-placement";
import { addProgramVersion, listProgramVersions } from "../repositories/program-versions.server";
import { requestSyncOfAllMembers } from "../repositories/scheduled-work.server";
import { findShop, isInstalled } from "../repositories/shops.server";
import { applyShopPlacement, planShopPlacement } from "./place-members.server";
import type { StaffMember } from "./staff.server";

export type SaveProgramResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "invalid"; readonly issues: readonly ProgramIssue[] }
  | { readonly status: "unchanged"; readonly version: ProgramVersion }
  /** Nothing was written: the save would move members or grant points, and was not confirmed for exactly that. */
  | { readonly status: "needs_confirmation"; readonly impact: PlacementImpact; readonly currencyCode: string }
  | { readonly status: "saved"; readonly version: ProgramVersion; readonly tiersChanged: boolean; readonly impact: PlacementImpact | null; readonly currencyCode: string };

export type SaveOptions = {
  /** The fingerprint of the placement the merchant confirmed (PlacementImpact.fingerprint). */
  readonly confirmed?: string | undefined;
  /**
   * The caller has shown the merchant what the program does in its own words and places
   * members without the designer's confirmation step (the onboarding wizard's first program).
   */
  readonly withoutConfirmation?: boolean;
};

/**
 * The designer saves a program: the core validates it (nothing the engine cannot run is
 * stored), and a new version takes effect now. Past points are never rewritten: orders
 * placed before now stay under the version that governed them (each journal records it).
 *
 * New tier rules place every member at once, in the same transaction, with the computation
 * the preview shows (planShopPlacement). A save that would move anyone or grant entry
 * bonuses is refused as "needs_confirmation" with its impact until the merchant confirms
 * that very impact (its fingerprint): if orders change it in between, they are asked again.
 */
export async function saveProgram(database: AppDatabase, shopDomain: string, input: unknown, staff: StaffMember, now: Date, options: SaveOptions = {}): Promise<SaveProgramResult> {
  const checked = validateProgram(input);
  if (!checked.ok) return { status: "invalid", issues: checked.issues };
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    const current = currentProgramVersion(await listProgramVersions(tx, shop.id), now);
    if (current && sameRules(current.rules, checked.rules)) return { status: "unchanged", version: current } as const;
    const tiersChanged = !current || JSON.stringify(current.rules.tiers) !== JSON.stringify(checked.rules.tiers);
    const placement = tiersChanged ? await planShopPlacement(tx, shop, checked.rules, now) : null;
    if (placement && placementNeedsConfirmation(placement.impact) && !options.withoutConfirmation && options.confirmed !== placement.impact.fingerprint) {
      return { status: "needs_confirmation", impact: placement.impact, currencyCode: shop.currencyCode } as const;
    }
    const version = await addProgramVersion(tx, shop.id, { rules: checked.rules, effectiveAt: now, createdBy: staff.actor, createdByName: staff.name }, now);
    if (placement) await applyShopPlacement(tx, shop, version, placement, now, staff.actor);
    // Every member's next reward (rewards) or tier name (tiers) may read differently now.
    if (tiersChanged || JSON.stringify(current?.rules.rewards) !== JSON.stringify(checked.rules.rewards)) await requestSyncOfAllMembers(tx, shop.id, now);
    return { status: "saved", version, tiersChanged, impact: placement?.impact ?? null, currencyCode: shop.currencyCode } as const;
  });
}
