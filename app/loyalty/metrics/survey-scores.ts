import type { SurveyResponse } from "./metric-facts";
import { assertPeriod, isInPeriod, type Period } from "./period";
import { ratio, type Ratio } from "./ratio";

/** Responses given in the period; every answer counts (a customer answering after two orders counts twice). */
function responsesIn(responses: readonly SurveyResponse[], period: Period): SurveyResponse[] {
  assertPeriod(period);
  return responses.filter((response) => isInPeriod(response.respondedAt, period));
}

export type NetPromoterScore = {
  /** Answers to "would you recommend" in the period. */
  readonly responses: number;
  /** 9–10. */
  readonly promoters: number;
  /** 7–8. */
  readonly passives: number;
  /** 0–6. */
  readonly detractors: number;
  /** (promoters − detractors) / responses, −1..1; `roundRatio(score, 100)` is the usual −100..100 NPS. */
  readonly score: Ratio;
};

/** NPS = % promoters (9–10) − % detractors (0–6) on the 0–10 question; skipped questions are not responses. */
export function netPromoterScore(responses: readonly SurveyResponse[], period: Period): NetPromoterScore {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const { recommend } of responsesIn(responses, period)) {
    if (recommend === null) continue;
    if (recommend >= 9) promoters += 1;
    else if (recommend >= 7) passives += 1;
    else detractors += 1;
  }
  const count = promoters + passives + detractors;
  return { responses: count, promoters, passives, detractors, score: ratio(promoters - detractors, count) };
}

export type CustomerSatisfaction = {
  readonly responses: number;
  /** Answers of 4 or 5. */
  readonly satisfied: number;
  /** satisfied / responses. */
  readonly rate: Ratio;
};

/** CSAT = satisfied answers (4–5 on the 1–5 scale) / all answers × 100. */
export function customerSatisfaction(responses: readonly SurveyResponse[], period: Period): CustomerSatisfaction {
  let count = 0;
  let satisfied = 0;
  for (const { satisfaction } of responsesIn(responses, period)) {
    if (satisfaction === null) continue;
    count += 1;
    if (satisfaction >= 4) satisfied += 1;
  }
  return { responses: count, satisfied, rate: ratio(satisfied, count) };
}

export type CustomerEffortScore = {
  readonly responses: number;
  /** Sum of the answers. */
  readonly total: number;
  /** total / responses, 1..7 where 1 = very easy and 7 = very difficult: lower is better. */
  readonly average: Ratio;
};

/** CES = the average answer on the 1–7 effort scale (1 = very easy, 7 = very difficult). */
export function customerEffortScore(responses: readonly SurveyResponse[], period: Period): CustomerEffortScore {
  let count = 0;
  let total = 0;
  for (const { effort } of responsesIn(responses, period)) {
    if (effort === null) continue;
    count += 1;
    total += effort;
  }
  return { responses: count, total, average: ratio(total, count) };
}
