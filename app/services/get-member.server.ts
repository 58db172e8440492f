import type { AppDatabase } from "../db/database.server";
import { currentProgramVersion } from "../loyalty/program/program";
import { findTierLevel } from "../loyalty/tiers/tier-levels";
import { findMemberStandingAtShop, isShopLiveForShoppers } from "../repositories/customers.server";
import { listProgramVersions } from "../repositories/program-versions.server";

/** What every shopper surface shows: GET /api/member and the app proxy. */
export type MemberView = {
  readonly member: boolean;
  readonly customerId: string;
  readonly points: { readonly available: number; readonly pending: number; readonly lifetime: number };
  /** The member's tier under the program in force (null without one). */
  readonly tier: { readonly id: string; readonly name: string } | null;
  /**
   * The merchant has launched the program: until then (or while paused) shopper surfaces
   * show nothing, though orders keep earning (docs/decisions/0011).
   */
  readonly live: boolean;
};

/** A shopper with no customer account signed in. */
export type GuestView = Omit<MemberView, "customerId"> & { readonly customerId: null };

export async function getGuest(database: AppDatabase, shopDomain: string): Promise<GuestView> {
  return { member: false, customerId: null, points: { available: 0, pending: 0, lifetime: 0 }, tier: null, live: await isShopLiveForShoppers(database.db, shopDomain) };
}

/**
 * One indexed lookup for every shopper page view; the program is read only for members
 * who are in a tier (a program without tiers costs nothing more).
 */
export async function getMember(database: AppDatabase, shopDomain: string, customerGid: string, now = new Date()): Promise<MemberView> {
  const { balance, tierId, shopId, live } = await findMemberStandingAtShop(database.db, shopDomain, customerGid);
  let tier: MemberView["tier"] = null;
  if (tierId !== null && shopId !== null) {
    const program = currentProgramVersion(await listProgramVersions(database.db, shopId), now);
    const level = program ? findTierLevel(program.rules.tiers.levels, tierId) : null;
    // A tier removed from the program since the member reached it still has a name to show.
    tier = { id: tierId, name: level?.name ?? tierId };
  }
  return {
    member: balance.member,
    customerId: customerGid,
    points: { available: balance.available, pending: balance.pending, lifetime: balance.lifetime },
    tier,
    live,
  };
}
