import { z } from "zod";
import type { AppDatabase, Tx } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { available, movePoints, programIssued } from "../loyalty/ledger/journals";
import { currentProgramVersion } from "../loyalty/program/program";
import { readShopSettings, type SurveyQuestion, type SurveySettings } from "../loyalty/settings/shop-settings";
import { findCustomer } from "../repositories/customers.server";
import { appendJournals } from "../repositories/ledger.server";
import { findOrder, lockOrder } from "../repositories/orders.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled, readShopSettingsJson, type ShopRecord } from "../repositories/shops.server";
import { findSurveyResponse, insertSurveyResponse, setSurveyReward, type StoredSurveyResponse } from "../repositories/survey-responses.server";
import { evaluateMemberTier } from "./evaluate-member-tier.server";

/**
 * The thank-you page survey (docs/decisions/0018-feedback-survey.md): one response per
 * order, stored once; its reward, when the shop offers one, granted once through the ledger
 * under `order:<gid>:survey`. The shopper is the customer in the verified session token.
 */

export const MAX_SURVEY_COMMENT = 1000;

/**
 * The thank-you page names the order as `gid://shopify/OrderIdentity/<id>` (the order
 * confirmation's id, "the ID of the Order once successfully created"); webhooks name it
 * `gid://shopify/Order/<id>`. Both are stored as the latter so the two meet.
 */
const OrderId = z
  .string("Send the order id from the thank-you page.")
  .regex(/^gid:\/\/shopify\/(Order|OrderIdentity)\/\d{1,20}$/, "The order id must look like gid://shopify/Order/123.")
  .transform((gid) => gid.replace("/OrderIdentity/", "/Order/"));

const score = (name: string, low: number, high: number) =>
  z
    .int(`${name} must be a whole number from ${low} to ${high}.`)
    .min(low, `${name} must be a whole number from ${low} to ${high}.`)
    .max(high, `${name} must be a whole number from ${low} to ${high}.`)
    .nullable()
    .default(null);

/** Scales as app/loyalty/metrics/metric-facts.ts reads them; each question may be skipped (null or left out). */
export const SurveySubmissionSchema = z
  .object({
    orderId: OrderId,
    recommend: score("How likely you are to recommend us", 0, 10),
    satisfaction: score("Satisfaction", 1, 5),
    effort: score("Effort", 1, 7),
    comment: z
      .string("The comment must be text.")
      .trim()
      .max(MAX_SURVEY_COMMENT, `The comment can be at most ${MAX_SURVEY_COMMENT} characters.`)
      .nullable()
      .default(null)
      .transform((comment) => (comment === "" ? null : comment)),
  })
  .strict()
  .refine((answers) => answers.recommend !== null || answers.satisfaction !== null || answers.effort !== null, {
    message: "Answer at least one question.",
    path: ["recommend"],
  });
export type SurveySubmission = z.infer<typeof SurveySubmissionSchema>;

export type SurveyIssue = { readonly path: string; readonly message: string };

/**
 * Why a response earned no points (yet):
 * - no_reward: the shop offers none; guest: no customer signed in;
 * - pending: the order (or the customer's membership) is not recorded yet: sending the same
 *   answers again once Shopify has reported the order grants it, once;
 * - not_a_member: the customer is not in the program; not_eligible: the order is not theirs to be rewarded for.
 */
export type SurveyRewardStatus = "granted" | "no_reward" | "guest" | "pending" | "not_a_member" | "not_eligible";

export type SurveyReceipt = {
  readonly orderId: string;
  readonly pointsEarned: number;
  readonly reward: SurveyRewardStatus;
};

export type RecordSurveyResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "survey_disabled" }
  | { readonly status: "invalid"; readonly issues: readonly SurveyIssue[] }
  | { readonly status: "not_your_order" }
  /** The order's webhook has not arrived yet: the same answers, sent again later, are recorded. */
  | { readonly status: "order_not_recorded" }
  | { readonly status: "recorded" | "already_recorded"; readonly receipt: SurveyReceipt };

export type Shopper = { readonly shop: string; readonly customerGid: string | null };

export async function recordSurveyResponse(database: AppDatabase, shopper: Shopper, input: unknown, now: Date): Promise<RecordSurveyResult> {
  const parsed = SurveySubmissionSchema.safeParse(input);
  if (!parsed.success) return { status: "invalid", issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })) };
  const answers = parsed.data;
  return inTransaction(database, async (tx): Promise<RecordSurveyResult> => {
    const shop = await findShop(tx, shopper.shop);
    if (!isInstalled(shop)) return { status: "shop_not_installed" };
    const survey = readShopSettings(await readShopSettingsJson(tx, shop.id)).survey;
    // One transaction per order at a time: the response and its reward are decided together.
    await lockOrder(tx, database.kind, shop.id, answers.orderId);
    // An answer binds only to an order Wafa has recorded for this same shopper (issue 10, item 5):
    // accepting one for an order not recorded yet let any signed-in shopper (or a guest) take
    // the order's one response before its buyer. Not recorded yet is retryable: the thank-you
    // page can render before orders/paid arrives, and the extension sends the answers again.
    const owner = await orderOwner(tx, shop.id, answers.orderId);
    if (!owner.known) return { status: "order_not_recorded" };
    if (owner.customerGid !== shopper.customerGid) return { status: "not_your_order" };
    const customer = shopper.customerGid === null ? null : await findCustomer(tx, shop.id, shopper.customerGid);

    const existing = await findSurveyResponse(tx, shop.id, answers.orderId);
    if (existing && existing.customerRowId !== null && existing.customerRowId !== customer?.id) return { status: "not_your_order" };
    if (!existing) {
      if (!survey.enabled) return { status: "survey_disabled" };
      const unasked = unaskedQuestions(answers, survey);
      if (unasked.length > 0) return { status: "invalid", issues: unasked.map((question) => ({ path: question, message: "This shop's survey does not ask this question." })) };
    }
    const stored = existing ?? (await insertSurveyResponse(tx, shop.id, { orderGid: answers.orderId, customerRowId: customer?.id ?? null, answers }, now)).response;
    const receipt = await settleReward(tx, shop, survey, stored, { owner, customer, customerGid: shopper.customerGid }, now);
    return { status: existing ? "already_recorded" : "recorded", receipt };
  });
}

function unaskedQuestions(answers: SurveySubmission, survey: SurveySettings): SurveyQuestion[] {
  const given: SurveyQuestion[] = [];
  if (answers.recommend !== null) given.push("recommend");
  if (answers.satisfaction !== null) given.push("satisfaction");
  if (answers.effort !== null) given.push("effort");
  if (answers.comment !== null) given.push("comment");
  return given.filter((question) => !survey.questions.includes(question));
}

type OrderOwner = { readonly known: false } | { readonly known: true; readonly customerGid: string | null };

async function orderOwner(tx: Tx, shopId: number, orderGid: string): Promise<OrderOwner> {
  const order = await findOrder(tx, shopId, orderGid);
  return order ? { known: true, customerGid: order.snapshot.customerId } : { known: false };
}

type Answerer = { readonly owner: OrderOwner; readonly customer: Awaited<ReturnType<typeof findCustomer>>; readonly customerGid: string | null };

/**
 * Grants the response's reward when everything is known: a reward offered, the signed-in
 * customer's own recorded order, and a member to credit. The journal key makes it once per
 * order whatever the replays; a reward already granted is reported, never granted again.
 */
async function settleReward(tx: Tx, shop: ShopRecord, survey: SurveySettings, response: StoredSurveyResponse, answerer: Answerer, now: Date): Promise<SurveyReceipt> {
  const receipt = (reward: SurveyRewardStatus, pointsEarned = 0): SurveyReceipt => ({ orderId: response.orderGid, pointsEarned, reward });
  if (response.rewardPoints > 0) return receipt("granted", response.rewardPoints);
  if (survey.rewardPoints === 0) return receipt("no_reward");
  const { owner, customer, customerGid } = answerer;
  if (customerGid === null) return receipt("guest");
  if (!owner.known) return receipt("pending");
  if (owner.customerGid !== customerGid) return receipt("not_eligible");
  if (!customer || customer.enrolledAt === null) return receipt(customer ? "not_a_member" : "pending");

  const versions = await listProgramVersions(tx, shop.id);
  const journal = movePoints(
    {
      key: surveyRewardKey(response.orderGid), kind: "bonus", customerId: customer.customerGid, orderId: response.orderGid,
      programVersion: currentProgramVersion(versions, now)?.version ?? null, occurredAt: now, memo: "Survey reward", actor: "shopper:survey",
    },
    programIssued,
    available(customer.customerGid),
    survey.rewardPoints,
  );
  const written = await appendJournals(tx, shop.id, [journal], new Map([[customer.customerGid, customer.id]]), now, { ifAbsent: true });
  if (written.length === 0) return receipt("granted", response.rewardPoints);
  await setSurveyReward(tx, response.id, customer.id, survey.rewardPoints, now);
  await evaluateMemberTier(tx, shop, versions, customer.id, now, "shopper:survey");
  return receipt("granted", survey.rewardPoints);
}

/** Domain key of the reward for answering the survey about an order: once per order, ever. */
export const surveyRewardKey = (orderGid: string) => `order:${orderGid}:survey`;

export type SurveyStatus =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "invalid"; readonly issues: readonly SurveyIssue[] }
  | {
      readonly status: "ok";
      /** What to ask; the reward is 0 for a guest (nothing to credit). */
      readonly survey: { readonly enabled: boolean; readonly questions: readonly SurveyQuestion[]; readonly rewardPoints: number };
      /** Whether the order has a response; its points only to the customer who gave it. */
      readonly response: { readonly answered: boolean; readonly pointsEarned: number };
    };

/** GET /api/survey: what the thank-you page shows: the survey, or the thanks for an answer already given. */
export async function getSurveyStatus(database: AppDatabase, shopper: Shopper, orderId: unknown): Promise<SurveyStatus> {
  const parsed = OrderId.safeParse(orderId);
  if (!parsed.success) return { status: "invalid", issues: parsed.error.issues.map((issue) => ({ path: "orderId", message: issue.message })) };
  const shop = await findShop(database.db, shopper.shop);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  const { enabled, questions, rewardPoints } = readShopSettings(await readShopSettingsJson(database.db, shop.id)).survey;
  const stored = await findSurveyResponse(database.db, shop.id, parsed.data);
  const customer = stored?.customerRowId != null && shopper.customerGid !== null ? await findCustomer(database.db, shop.id, shopper.customerGid) : null;
  const theirs = stored !== null && stored.customerRowId !== null && stored.customerRowId === customer?.id;
  return {
    status: "ok",
    survey: { enabled, questions, rewardPoints: shopper.customerGid === null ? 0 : rewardPoints },
    response: { answered: stored !== null, pointsEarned: theirs ? stored.rewardPoints : 0 },
  };
}
