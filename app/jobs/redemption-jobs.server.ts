import { releaseExpiredRedemptions } from "../services/redemption/release-redemptions.server";
import { offlineAdminFor } from "../shopify/admin/offline-admin.server";
import type { JobDefinition } from "./job";

/**
 * Redemptions whose hold ran out give their points back (docs/decisions/0015-redemption.md).
 * Holds last an hour, so every 5 minutes returns points within minutes of their expiry.
 */
export const RELEASE_EXPIRED_REDEMPTIONS_JOB = "release-expired-redemptions";

export const redemptionJobs: readonly JobDefinition[] = [
  { name: RELEASE_EXPIRED_REDEMPTIONS_JOB, everyMinutes: 5, perShop: true, run: ({ database, ...run }) => releaseExpiredRedemptions(database, offlineAdminFor, run) },
];
