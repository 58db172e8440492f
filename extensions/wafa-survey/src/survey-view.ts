import type { WafaResult } from "../../shared/wafa-api";
import type { SurveyAnswers, SurveyQuestion, SurveyReceipt, SurveyStatus } from "./survey-api";

/**
 * What the thank-you page survey shows, as plain data (the Preact block only draws it).
 * Scales as the app stores them (docs/decisions/0018-feedback-survey.md): recommend 0–10,
 * satisfaction 1–5, effort 1–7 (1 = very easy). Every question may be skipped, but at least
 * one scored question must be answered.
 */

export type ScoredQuestion = Exclude<SurveyQuestion, "comment">;

export const SCALES: Readonly<Record<ScoredQuestion, { readonly low: number; readonly high: number }>> = {
  recommend: { low: 0, high: 10 },
  satisfaction: { low: 1, high: 5 },
  effort: { low: 1, high: 7 },
};

export const MAX_COMMENT = 1000;

export const NO_ANSWERS: SurveyAnswers = { recommend: null, satisfaction: null, effort: null, comment: null };

export type SurveyView =
  | { readonly kind: "loading" }
  /** Nothing to show: the survey is off, there is no order, or the app could not be reached. */
  | { readonly kind: "hidden" }
  | {
      readonly kind: "asking";
      readonly questions: readonly SurveyQuestion[];
      readonly rewardPoints: number;
      readonly answers: SurveyAnswers;
      readonly submitting: boolean;
      /** A message key under `survey.errors`, after a submission that failed. */
      readonly errorKey: string | null;
      /**
       * The app has not recorded the order yet (409 `order_not_recorded`: its webhook can
       * arrive after the thank-you page shows): the answers are sent again after a wait.
       */
      readonly waitingForOrder: boolean;
    }
  | { readonly kind: "thanks"; readonly pointsEarned: number; readonly reward: SurveyReceipt["reward"] | "answered"; readonly rewardPoints: number };

/** The first view, from GET /api/survey (null while it runs). Failures hide the block: the shopper asked for nothing. */
export function surveyView(status: WafaResult<SurveyStatus> | null): SurveyView {
  if (status === null) return { kind: "loading" };
  if (!status.ok) return { kind: "hidden" };
  const { survey, response } = status.value;
  if (response.answered) return { kind: "thanks", pointsEarned: response.pointsEarned, reward: response.pointsEarned > 0 ? "granted" : "answered", rewardPoints: survey.rewardPoints };
  if (!survey.enabled || !survey.questions.some((question) => question !== "comment")) return { kind: "hidden" };
  return { kind: "asking", questions: survey.questions, rewardPoints: survey.rewardPoints, answers: NO_ANSWERS, submitting: false, errorKey: null, waitingForOrder: false };
}

/** The choices of a scored question, lowest first (the host lays them out in the reading direction). */
export function scaleValues(question: ScoredQuestion): number[] {
  const { low, high } = SCALES[question];
  return Array.from({ length: high - low + 1 }, (_, index) => low + index);
}

/** A choice as the choice list sends it back ("7"), or null for anything off the scale. */
export function scoreFrom(question: ScoredQuestion, raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,2}$/.test(raw)) return null;
  const value = Number(raw);
  const { low, high } = SCALES[question];
  return value >= low && value <= high ? value : null;
}

export function withScore(view: SurveyView, question: ScoredQuestion, raw: string | undefined): SurveyView {
  if (view.kind !== "asking" || view.submitting) return view;
  return { ...view, answers: { ...view.answers, [question]: scoreFrom(question, raw) }, errorKey: null };
}

export function withComment(view: SurveyView, text: string): SurveyView {
  if (view.kind !== "asking" || view.submitting) return view;
  return { ...view, answers: { ...view.answers, comment: text }, errorKey: null };
}

export function commentTooLong(view: SurveyView): boolean {
  return view.kind === "asking" && (view.answers.comment ?? "").trim().length > MAX_COMMENT;
}

export function canSubmit(view: SurveyView): boolean {
  if (view.kind !== "asking" || view.submitting || commentTooLong(view)) return false;
  return view.answers.recommend !== null || view.answers.satisfaction !== null || view.answers.effort !== null;
}

/** The answers to send: only the questions asked, the comment trimmed (empty is no comment). */
export function submission(view: SurveyView): SurveyAnswers | null {
  if (!canSubmit(view) || view.kind !== "asking") return null;
  const asked = (question: SurveyQuestion) => view.questions.includes(question);
  const comment = (view.answers.comment ?? "").trim();
  return {
    recommend: asked("recommend") ? view.answers.recommend : null,
    satisfaction: asked("satisfaction") ? view.answers.satisfaction : null,
    effort: asked("effort") ? view.answers.effort : null,
    comment: asked("comment") && comment !== "" ? comment : null,
  };
}

export function submitting(view: SurveyView): SurveyView {
  return view.kind === "asking" ? { ...view, submitting: true, errorKey: null } : view;
}

const ERROR_KEYS: Readonly<Record<string, string>> = {
  invalid_request: "survey.errors.invalid",
  survey_disabled: "survey.errors.closed",
  not_your_order: "survey.errors.notYourOrder",
  network: "survey.errors.network",
};

/** After POST /api/survey: the thanks, or the form again with a message (answers kept, to try again). */
export function afterSubmit(view: SurveyView, result: WafaResult<SurveyReceipt>): SurveyView {
  if (view.kind !== "asking") return view;
  if (result.ok) return { kind: "thanks", pointsEarned: result.value.pointsEarned, reward: result.value.reward, rewardPoints: view.rewardPoints };
  if (result.code === ORDER_NOT_RECORDED) return { ...view, submitting: true, errorKey: null, waitingForOrder: true };
  return { ...view, submitting: false, errorKey: ERROR_KEYS[result.code] ?? "survey.errors.unknown", waitingForOrder: false };
}

/** The app's retryable refusal: it binds an answer only to an order it has recorded for the shopper. */
export const ORDER_NOT_RECORDED = "order_not_recorded";

/** How long to wait before sending the answers again while the order is not recorded (null: stop waiting). */
export function orderWaitDelay(view: SurveyView, attempt: number): number | null {
  if (view.kind !== "asking" || !view.waitingForOrder) return null;
  return PENDING_RETRY_DELAYS_MS[attempt] ?? null;
}

/** Every wait spent and the order still not recorded: the form again, answers kept, with a message to try later. */
export function stopWaitingForOrder(view: SurveyView): SurveyView {
  if (view.kind !== "asking" || !view.waitingForOrder) return view;
  return { ...view, submitting: false, waitingForOrder: false, errorKey: "survey.errors.notRecorded" };
}

/** The thanks line: points earned, points on their way, or a plain thank-you. */
export function thanksMessage(view: SurveyView): { readonly key: string; readonly points: number | null } | null {
  if (view.kind !== "thanks") return null;
  if (view.pointsEarned > 0) return { key: "survey.thanks.earned", points: view.pointsEarned };
  if (view.reward === "pending" && view.rewardPoints > 0) return { key: "survey.thanks.pending", points: view.rewardPoints };
  return { key: "survey.thanks.plain", points: null };
}

/**
 * The app grants the reward once Shopify has reported the order, which can be a few seconds
 * after the thank-you page shows. While the answer says "pending", the block sends the same
 * answers again (a replay: no second response, at most one reward) after these waits.
 */
export const PENDING_RETRY_DELAYS_MS: readonly number[] = [4_000, 10_000, 30_000, 60_000];

export function retryDelay(view: SurveyView, attempt: number): number | null {
  if (view.kind !== "thanks" || view.reward !== "pending") return null;
  return PENDING_RETRY_DELAYS_MS[attempt] ?? null;
}

/** A retry's answer: the thanks with the points granted by now (a failed retry changes nothing). */
export function afterRetry(view: SurveyView, result: WafaResult<SurveyReceipt>): SurveyView {
  if (view.kind !== "thanks" || !result.ok) return view;
  return { ...view, pointsEarned: result.value.pointsEarned, reward: result.value.reward };
}
