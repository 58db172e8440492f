import { offlineAdminFor } from "../shopify/admin/offline-admin.server";
import { exportSegments, type SegmentExportAdmin } from "../services/reports/export-segments.server";
import type { JobDefinition } from "./job";

/**
 * Writes the RFM segments to Shopify when the merchant asks (docs/decisions/0014-reports.md):
 * the Segments tab triggers it for the shop at once, and the run every 5 minutes resumes an
 * export a restart or the lease budget interrupted. Without an unfinished export a run
 * reads one row and ends.
 */
export const EXPORT_SEGMENTS_JOB = "export-rfm-segments";

export function segmentExportJob(adminFor: SegmentExportAdmin = offlineAdminFor): JobDefinition {
  return { name: EXPORT_SEGMENTS_JOB, everyMinutes: 5, perShop: true, run: ({ database, ...run }) => exportSegments(database, adminFor, run) };
}
