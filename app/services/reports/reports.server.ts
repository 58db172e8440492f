import type { AppDatabase } from "../../db/database.server";
import { err, type Result } from "../../loyalty/result";
import { getFeedbackReport, type FeedbackReport } from "./feedback.server";
import { getGoalsReport, getLoyaltyIndexReport, type GoalsReport, type LoyaltyIndexReport } from "./goals.server";
import { getMembersReport, type MembersReport } from "./members.server";
import { getProgramReport, type ProgramReport } from "./program.server";
import type { ReportContextError, ReportQuery } from "./report-context.server";
import { getRetentionReport, type RetentionReport } from "./retention.server";
import { getSegmentsReport, type SegmentsReport } from "./segments.server";
import { getSummaryReport, type SummaryReport } from "./summary.server";

/** Every report, by the name its JSON export is served under (`/app/reports/<name>.json`). */
export const REPORT_NAMES = ["summary", "retention", "members", "program", "segments", "goals", "loyalty-index", "feedback"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

const REPORTS = {
  summary: getSummaryReport,
  retention: getRetentionReport,
  members: getMembersReport,
  program: getProgramReport,
  segments: getSegmentsReport,
  goals: getGoalsReport,
  "loyalty-index": getLoyaltyIndexReport,
  feedback: getFeedbackReport,
} as const satisfies Record<ReportName, unknown>;

export type AnyReport = SummaryReport | RetentionReport | MembersReport | ProgramReport | SegmentsReport | GoalsReport | LoyaltyIndexReport | FeedbackReport;

export function isReportName(name: string): name is ReportName {
  return REPORT_NAMES.some((known) => known === name);
}

/** One report by name: the JSON export and the page call the same services, so they show the same numbers. */
export async function runReport(
  database: AppDatabase,
  name: string,
  shopDomain: string,
  query: ReportQuery,
  now: Date,
): Promise<Result<AnyReport, ReportContextError | "unknown_report">> {
  if (!isReportName(name)) return err("unknown_report", `There is no report named "${name}". Reports: ${REPORT_NAMES.join(", ")}.`);
  return REPORTS[name](database, shopDomain, query, now);
}
