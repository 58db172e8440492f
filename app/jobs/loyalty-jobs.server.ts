import { expirePoints } from "../services/expire-points.server";
import { grantAnnualBonuses } from "../services/grant-annual-bonuses.server";
import { reevaluateTiers } from "../services/reevaluate-tiers.server";
import { releasePendingPoints } from "../services/release-pending-points.server";
import { syncMemberTiers } from "../services/sync-member-tiers.server";
import { offlineAdminFor } from "../shopify/admin/offline-admin.server";
import type { JobDefinition } from "./job";

/**
 * The loyalty program's scheduled work (docs/decisions/0007-scheduled-work.md). Every job is
 * per shop and works in the shop's own time zone from the run's `now`, so UTC slots suffice:
 *
 * - Pending points mature at any instant (payment + the pending period): hourly, so points
 *   become spendable within the hour.
 * - Expiry and its reminders fall due at the start of a shop-local day, and shops' midnights
 *   are spread over the hour boundaries of every time zone: hourly reaches each shop within
 *   the hour of its midnight (a run that finds nothing due reads only candidate members).
 * - Birthdays and anniversaries are due for a whole local day (and caught up for 30 days):
 *   every 3 hours grants them early on the local day wherever the shop is, and costs little
 *   since only members whose day is in the window are read.
 * - Tier windows move by whole local days and downgrades wait out a grace of days: every
 *   6 hours keeps a change within a quarter day of its local midnight.
 * - Tier changes reach Shopify (early-access tag, tier metafield) every 15 minutes: a
 *   member who just reached a tier with early access should not wait hours for the sale.
 */
export const RELEASE_PENDING_POINTS_JOB = "release-pending-points";
export const EXPIRE_POINTS_JOB = "expire-points";
export const GRANT_ANNUAL_BONUSES_JOB = "grant-annual-bonuses";
export const REEVALUATE_TIERS_JOB = "reevaluate-tiers";
export const SYNC_MEMBER_TIERS_JOB = "sync-member-tiers";

export const loyaltyJobs: readonly JobDefinition[] = [
  { name: RELEASE_PENDING_POINTS_JOB, everyMinutes: 60, perShop: true, run: ({ database, ...run }) => releasePendingPoints(database, run) },
  { name: EXPIRE_POINTS_JOB, everyMinutes: 60, perShop: true, run: ({ database, ...run }) => expirePoints(database, run) },
  { name: GRANT_ANNUAL_BONUSES_JOB, everyMinutes: 180, perShop: true, run: ({ database, ...run }) => grantAnnualBonuses(database, run) },
  { name: REEVALUATE_TIERS_JOB, everyMinutes: 360, perShop: true, run: ({ database, ...run }) => reevaluateTiers(database, run) },
  { name: SYNC_MEMBER_TIERS_JOB, everyMinutes: 15, perShop: true, run: ({ database, ...run }) => syncMemberTiers(database, offlineAdminFor, run) },
];
