import { describe, expect, it } from "vitest";
import type { WafaResult } from "../../shared/wafa-api";
import type { SurveyReceipt, SurveyStatus } from "./survey-api";
import {
  afterRetry, afterSubmit, canSubmit, commentTooLong, NO_ANSWERS, orderWaitDelay, PENDING_RETRY_DELAYS_MS, retryDelay, scaleValues, scoreFrom,
  stopWaitingForOrder, submission, submitting, surveyView, thanksMessage, withComment, withScore, type SurveyView,
} from "./survey-view";

const ALL = ["recommend", "satisfaction", "effort", "comment"] as const;
const status = (overrides: { enabled?: boolean; questions?: SurveyStatus["survey"]["questions"]; rewardPoints?: number; answered?: boolean; pointsEarned?: number } = {}): WafaResult<SurveyStatus> => ({
  ok: true,
  value: {
    survey: { enabled: overrides.enabled ?? true, questions: overrides.questions ?? ALL, rewardPoints: overrides.rewardPoints ?? 25 },
    response: { answered: overrides.answered ?? false, pointsEarned: overrides.pointsEarned ?? 0 },
  },
});
const receipt = (reward: SurveyReceipt["reward"], pointsEarned: number): WafaResult<SurveyReceipt> => ({ ok: true, value: { orderId: "gid://shopify/Order/1", pointsEarned, reward } });
const failure = (code: string): WafaResult<SurveyReceipt> => ({ ok: false, code, params: {}, status: 400 });
const asking = (questions: SurveyStatus["survey"]["questions"] = ALL): SurveyView => surveyView(status({ questions }));

describe("what the thank-you page survey shows", () => {
  it.each([
    ["the status still loading", null, "loading"],
    ["an app that cannot be reached", { ok: false, code: "network", params: {}, status: null } as const, "hidden"],
    ["the survey switched off", status({ enabled: false }), "hidden"],
    ["a survey with only a comment", status({ questions: ["comment"] }), "hidden"],
    ["an order not answered yet", status(), "asking"],
    ["an order already answered, even with the survey now off", status({ enabled: false, answered: true, pointsEarned: 25 }), "thanks"],
  ])("GIVEN %s THEN %s", (_name, input, kind) => {
    expect(surveyView(input).kind).toBe(kind);
  });

  it("GIVEN an answered order THEN the thanks say the points it earned, or a plain thank-you", () => {
    expect(thanksMessage(surveyView(status({ answered: true, pointsEarned: 25 })))).toEqual({ key: "survey.thanks.earned", points: 25 });
    expect(thanksMessage(surveyView(status({ answered: true, pointsEarned: 0 })))).toEqual({ key: "survey.thanks.plain", points: null });
  });

  it("offers each scale lowest first on the scales the reports read", () => {
    expect(scaleValues("recommend")).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(scaleValues("satisfaction")).toEqual([1, 2, 3, 4, 5]);
    expect(scaleValues("effort")).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it.each([
    ["recommend", "0", 0],
    ["recommend", "10", 10],
    ["recommend", "11", null],
    ["satisfaction", "0", null],
    ["effort", "7", 7],
    ["effort", "3.5", null],
    ["effort", undefined, null],
  ] as const)("reads the %s choice %s as %s", (question, raw, score) => {
    expect(scoreFrom(question, raw)).toBe(score);
  });
});

describe("answering and sending", () => {
  it("GIVEN no scored answer THEN nothing to send; GIVEN one THEN only the questions asked, the comment trimmed", () => {
    let view = asking(["recommend", "effort", "comment"]);
    expect(canSubmit(view)).toBe(false);
    view = withComment(view, "  great  ");
    expect(canSubmit(view)).toBe(false);
    view = withScore(view, "recommend", "9");
    view = withScore(view, "satisfaction", "5");
    expect(submission(view)).toEqual({ recommend: 9, satisfaction: null, effort: null, comment: "great" });
  });

  it("GIVEN a blank comment THEN no comment is sent", () => {
    const view = withComment(withScore(asking(), "effort", "2"), "   ");
    expect(submission(view)).toEqual({ ...NO_ANSWERS, effort: 2 });
  });

  it("GIVEN a comment over 1,000 characters THEN it says so and cannot be sent", () => {
    const view = withComment(withScore(asking(), "recommend", "8"), "x".repeat(1001));
    expect(commentTooLong(view)).toBe(true);
    expect(canSubmit(view)).toBe(false);
    expect(commentTooLong(withComment(view, `  ${"x".repeat(1000)}  `))).toBe(false);
  });

  it("GIVEN a submission running THEN answers are frozen and a second send is impossible", () => {
    const sending = submitting(withScore(asking(), "recommend", "7"));
    expect(canSubmit(sending)).toBe(false);
    expect(withScore(sending, "recommend", "1")).toBe(sending);
  });

  it("GIVEN the app's receipt THEN the thanks with the points earned", () => {
    const sending = submitting(withScore(asking(), "recommend", "10"));
    const thanks = afterSubmit(sending, receipt("granted", 25));
    expect(thanks).toEqual({ kind: "thanks", pointsEarned: 25, reward: "granted", rewardPoints: 25 });
    expect(thanksMessage(thanks)).toEqual({ key: "survey.thanks.earned", points: 25 });
    expect(thanksMessage(afterSubmit(sending, receipt("guest", 0)))).toEqual({ key: "survey.thanks.plain", points: null });
  });

  it.each([
    ["invalid_request", "survey.errors.invalid"],
    ["survey_disabled", "survey.errors.closed"],
    ["not_your_order", "survey.errors.notYourOrder"],
    ["network", "survey.errors.network"],
    ["something_new", "survey.errors.unknown"],
  ])("GIVEN the app refuses with %s THEN the form again, answers kept, with %s", (code, key) => {
    const sending = submitting(withScore(asking(), "recommend", "6"));
    const after = afterSubmit(sending, failure(code));
    expect(after).toMatchObject({ kind: "asking", submitting: false, errorKey: key, answers: { recommend: 6 } });
    expect(canSubmit(after)).toBe(true);
  });
});

describe("a reward still pending", () => {
  it("GIVEN the order not yet reported THEN points on their way, retried on a schedule until granted", () => {
    const pending = afterSubmit(submitting(withScore(asking(), "recommend", "9")), receipt("pending", 0));
    expect(thanksMessage(pending)).toEqual({ key: "survey.thanks.pending", points: 25 });
    expect(PENDING_RETRY_DELAYS_MS.map((_, attempt) => retryDelay(pending, attempt))).toEqual([...PENDING_RETRY_DELAYS_MS]);
    expect(retryDelay(pending, PENDING_RETRY_DELAYS_MS.length)).toBeNull();
    const stillPending = afterRetry(pending, failure("network"));
    expect(stillPending).toBe(pending);
    const granted = afterRetry(pending, receipt("granted", 25));
    expect(thanksMessage(granted)).toEqual({ key: "survey.thanks.earned", points: 25 });
    expect(retryDelay(granted, 0)).toBeNull();
  });

  it("GIVEN 409 order_not_recorded (the order's webhook not in yet) THEN the form keeps the answers and waits, sends them again after each delay, and after the last one asks to try later", async () => {
    const sending = submitting(withScore(asking(), "recommend", "9"));
    const waiting = afterSubmit(sending, failure("order_not_recorded"));
    expect(waiting).toMatchObject({ kind: "asking", submitting: true, waitingForOrder: true, errorKey: null, answers: { recommend: 9 } });
    expect(PENDING_RETRY_DELAYS_MS.map((_, attempt) => orderWaitDelay(waiting, attempt))).toEqual([...PENDING_RETRY_DELAYS_MS]);
    expect(orderWaitDelay(waiting, PENDING_RETRY_DELAYS_MS.length)).toBeNull();
    expect(afterSubmit(waiting, failure("order_not_recorded"))).toEqual(waiting);
    expect(afterSubmit(waiting, receipt("granted", 25))).toMatchObject({ kind: "thanks", pointsEarned: 25 });
    const gaveUp = stopWaitingForOrder(waiting);
    expect(gaveUp).toMatchObject({ kind: "asking", submitting: false, waitingForOrder: false, errorKey: "survey.errors.notRecorded", answers: { recommend: 9 } });
    expect(canSubmit(gaveUp)).toBe(true);
    expect(orderWaitDelay(sending, 0)).toBeNull();
    expect(orderWaitDelay(afterSubmit(sending, failure("not_your_order")), 0)).toBeNull();
  });
});
