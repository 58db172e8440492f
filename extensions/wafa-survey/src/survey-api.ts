import { createAppCall, type WafaClientOptions, type WafaResult } from "../../shared/wafa-api";

/**
 * The survey's calls to the app (app/routes/api.survey.tsx), made the way the shared client
 * (extensions/shared/wafa-api.ts) makes every call: a fresh session token as `Authorization:
 * Bearer`, the shopper read from the verified token by the app, failures as values with a
 * code, responses checked by hand (no zod in a bundle with a size budget).
 */

export type SurveyQuestion = "recommend" | "satisfaction" | "effort" | "comment";
const QUESTIONS: readonly SurveyQuestion[] = ["recommend", "satisfaction", "effort", "comment"];

export type SurveyStatus = {
  readonly survey: { readonly enabled: boolean; readonly questions: readonly SurveyQuestion[]; readonly rewardPoints: number };
  readonly response: { readonly answered: boolean; readonly pointsEarned: number };
};

export type SurveyRewardStatus = "granted" | "no_reward" | "guest" | "pending" | "not_a_member" | "not_eligible";
const REWARD_STATUSES: readonly SurveyRewardStatus[] = ["granted", "no_reward", "guest", "pending", "not_a_member", "not_eligible"];

export type SurveyReceipt = { readonly orderId: string; readonly pointsEarned: number; readonly reward: SurveyRewardStatus };

export type SurveyAnswers = {
  readonly recommend: number | null;
  readonly satisfaction: number | null;
  readonly effort: number | null;
  readonly comment: string | null;
};

export type SurveyClient = {
  status(orderId: string): Promise<WafaResult<SurveyStatus>>;
  submit(orderId: string, answers: SurveyAnswers): Promise<WafaResult<SurveyReceipt>>;
};

export function createSurveyClient(options: WafaClientOptions): SurveyClient {
  const call = createAppCall(options);
  return {
    status: (orderId) => call("GET", `/api/survey?order=${encodeURIComponent(orderId)}`, parseSurveyStatus),
    submit: (orderId, answers) => call("POST", "/api/survey", parseSurveyReceipt, { orderId, ...answers }),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

export function parseSurveyStatus(json: unknown): SurveyStatus | null {
  if (!isRecord(json) || !isRecord(json.survey) || !isRecord(json.response)) return null;
  const { enabled, questions, rewardPoints } = json.survey;
  const { answered, pointsEarned } = json.response;
  if (typeof enabled !== "boolean" || !isCount(rewardPoints) || !Array.isArray(questions)) return null;
  if (typeof answered !== "boolean" || !isCount(pointsEarned)) return null;
  const known = QUESTIONS.filter((question) => questions.includes(question));
  if (known.length !== questions.length) return null;
  return { survey: { enabled, questions: known, rewardPoints }, response: { answered, pointsEarned } };
}

export function parseSurveyReceipt(json: unknown): SurveyReceipt | null {
  if (!isRecord(json) || typeof json.orderId !== "string" || !isCount(json.pointsEarned)) return null;
  const reward = REWARD_STATUSES.find((status) => status === json.reward);
  return reward ? { orderId: json.orderId, pointsEarned: json.pointsEarned, reward } : null;
}
