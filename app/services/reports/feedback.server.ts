import type { AppDatabase } from "../../db/database.server";
import { customerEffortScore, customerSatisfaction, netPromoterScore, type Period, type SurveyResponse } from "../../loyalty/metrics";
import { ok, type Result } from "../../loyalty/result";
import { surveyResponsesIn } from "../../repositories/survey-responses.server";
import { figure, percentFigure, type Figure } from "./figures.server";
import { reportContext, type ReportContextError, type ReportQuery } from "./report-context.server";
import { reportHeader, type ReportHeader } from "./summary.server";

export type FeedbackScores = {
  readonly nps: { readonly responses: number; readonly promoters: number; readonly passives: number; readonly detractors: number; readonly score: Figure };
  readonly csat: { readonly responses: number; readonly satisfied: number; readonly rate: Figure };
  readonly ces: { readonly responses: number; readonly average: Figure };
};

export type FeedbackReport = ReportHeader & {
  readonly report: "feedback";
  /** Why there is no score yet, when no one answered in the period. */
  readonly message: string | null;
  readonly scores: FeedbackScores;
};

export function feedbackScores(responses: readonly SurveyResponse[], period: Period, currency: string): FeedbackScores {
  const nps = netPromoterScore(responses, period);
  const csat = customerSatisfaction(responses, period);
  const ces = customerEffortScore(responses, period);
  return {
    nps: { responses: nps.responses, promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors, score: figure("net-promoter-score", nps.score, currency) },
    csat: { responses: csat.responses, satisfied: csat.satisfied, rate: percentFigure(csat.rate) },
    ces: { responses: ces.responses, average: figure("customer-effort-score", ces.average, currency) },
  };
}

/** NPS, CSAT and CES from the post-purchase survey, with response counts. */
export async function getFeedbackReport(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<FeedbackReport, ReportContextError>> {
  const context = await reportContext(database, shopDomain, query, now);
  if (!context.ok) return context;
  const { shop, period } = context.value;
  const responses = await surveyResponsesIn(database.db, shop.id, period.from, period.to);
  return ok({
    report: "feedback",
    ...reportHeader(context.value),
    message: responses.length === 0 ? "No survey responses in this period yet: NPS, CSAT and CES appear once customers answer the thank-you page survey." : null,
    scores: feedbackScores(responses, period, shop.currencyCode),
  });
}
