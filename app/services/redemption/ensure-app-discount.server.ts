import type { AppDatabase } from "../../db/database.server";
import { currentProgramVersion } from "../../loyalty/program/program";
import { functionVariables, functionVariablesValue, holdsFunctionVariables, type FunctionVariables } from "../../loyalty/redemption/function-variables";
import { openRedemptionRewards, readAppDiscountId, saveAppDiscountId } from "../../repositories/app-discount.server";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { findShop, isInstalled } from "../../repositories/shops.server";
import {
  createAppDiscount, findAppDiscountById, hasAppDiscountSettings, restoreAppDiscountSettings, searchAppDiscounts, setAppDiscountVariables, type AppDiscount,
} from "../../shopify/admin/app-discount.server";
import type { AdminOutcome, ThrottleOptions } from "../../shopify/admin/redemption-operations.server";
import type { AdminGraphql } from "../../shopify/admin/shop-details.server";
import { isProgramLive } from "../launch-program.server";
import type { AdminForShop } from "../../shopify/admin/offline-admin.server";

export type EnsureAppDiscountResult =
  | { readonly status: "created" | "updated" | "unchanged"; readonly discountId: string }
  /** The merchant ended Wafa's discount in the admin: it is not switched back on behind their back. */
  | { readonly status: "inactive"; readonly discountId: string }
  | { readonly status: "shop_not_installed" | "not_live" }
  | { readonly status: "failed"; readonly message: string };

/**
 * Makes sure the shop has the one automatic app discount that runs Wafa's discount Function,
 * with Wafa's title (orders show it, and settling matches it), the three discount classes,
 * Wafa's combinations and the Function's `$collectionIds` in its metafield
 * (docs/decisions/0015-redemption.md). Converges: finds the discount it made (by the stored
 * id, else by searching for discounts that run the Function) before creating one, and
 * rewrites only what differs, so running it again changes nothing. Only for a live program;
 * calls Shopify outside any transaction and returns failures for the caller to retry.
 */
export async function ensureAppDiscount(
  database: AppDatabase, shopDomain: string, adminFor: AdminForShop, now: Date, options?: ThrottleOptions,
): Promise<EnsureAppDiscountResult> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  if (!isProgramLive(shop)) return { status: "not_live" };
  const variables = functionVariables(await rewardsInPlay(database, shop.id, now));
  const value = functionVariablesValue(variables);
  if (!value.ok) return { status: "failed", message: value.message };
  const admin = await adminFor(shop.domain);
  const found = await findExisting(admin, await readAppDiscountId(database.db, shop.id), options);
  if (!found.ok) return { status: "failed", message: found.message };
  if (found.value === null) {
    const created = await createAppDiscount(admin, value.value, now, options);
    if (!created.ok) return { status: "failed", message: `could not create the Wafa rewards discount: ${created.message}` };
    await saveAppDiscountId(database.db, shop.id, created.value.id, now);
    return { status: "created", discountId: created.value.id };
  }
  const discount = found.value;
  await saveAppDiscountId(database.db, shop.id, discount.id, now);
  if (discount.status === "EXPIRED") return { status: "inactive", discountId: discount.id };
  return converge(admin, discount, { variables, value: value.value }, options);
}

/** The rewards a checkout may meet: the program's in effect, and those of redemptions still open (as redeemed). */
async function rewardsInPlay(database: AppDatabase, shopId: number, now: Date) {
  const version = currentProgramVersion(await listProgramVersions(database.db, shopId), now);
  return [...(version?.rules.rewards ?? []), ...(await openRedemptionRewards(database.db, shopId))];
}

/** The stored discount if it still exists, else the best one that runs Wafa's Function, else null. */
async function findExisting(admin: AdminGraphql, storedId: string | null, options?: ThrottleOptions): Promise<AdminOutcome<AppDiscount | null>> {
  if (storedId !== null) {
    const byId = await findAppDiscountById(admin, storedId, options);
    if (!byId.ok || byId.value !== null) return byId;
  }
  const search = await searchAppDiscounts(admin, options);
  return search.ok ? { ok: true, value: search.value.discounts[0] ?? null } : search;
}

type WantedVariables = { readonly variables: FunctionVariables; readonly value: string };

async function converge(admin: AdminGraphql, discount: AppDiscount, wanted: WantedVariables, options?: ThrottleOptions): Promise<EnsureAppDiscountResult> {
  let changed = false;
  if (!hasAppDiscountSettings(discount)) {
    const restored = await restoreAppDiscountSettings(admin, discount.id, options);
    if (!restored.ok) return { status: "failed", message: `could not update the Wafa rewards discount: ${restored.message}` };
    changed = true;
  }
  if (!holdsFunctionVariables(discount.variables, wanted.variables)) {
    const written = await setAppDiscountVariables(admin, discount.id, wanted.value, options);
    if (!written.ok) return { status: "failed", message: `could not update the Wafa rewards discount's collections: ${written.message}` };
    changed = true;
  }
  return { status: changed ? "updated" : "unchanged", discountId: discount.id };
}
