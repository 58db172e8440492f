import type { Db } from "../db/database.server";
import type { SurveyResponse } from "../loyalty/metrics";

/**
 * Thank-you page survey answers (docs/decisions/0018-feedback-survey.md): one row per order,
 * under the unique (shop, order). The points for answering live in the ledger (journal
 * `order:<gid>:survey`); `rewardPoints` records what this response was granted.
 */

export type StoredSurveyResponse = {
  readonly id: number;
  readonly orderGid: string;
  readonly customerRowId: number | null;
  readonly recommend: number | null;
  readonly satisfaction: number | null;
  readonly effort: number | null;
  readonly comment: string | null;
  readonly rewardPoints: number;
  readonly createdAt: Date;
};

export type SurveyAnswers = {
  readonly recommend: number | null;
  readonly satisfaction: number | null;
  readonly effort: number | null;
  readonly comment: string | null;
};

const COLUMNS = ["id", "orderGid", "customerId", "recommend", "satisfaction", "effort", "comment", "rewardPoints", "createdAt"] as const;

type Row = {
  id: number; orderGid: string; customerId: number | null; recommend: number | null; satisfaction: number | null;
  effort: number | null; comment: string | null; rewardPoints: number; createdAt: Date;
};

const toStored = (row: Row): StoredSurveyResponse => ({
  id: row.id, orderGid: row.orderGid, customerRowId: row.customerId, recommend: row.recommend, satisfaction: row.satisfaction,
  effort: row.effort, comment: row.comment, rewardPoints: row.rewardPoints, createdAt: row.createdAt,
});

export async function findSurveyResponse(db: Db, shopId: number, orderGid: string): Promise<StoredSurveyResponse | null> {
  const row = await db.selectFrom("SurveyResponse").select(COLUMNS).where("shopId", "=", shopId).where("orderGid", "=", orderGid).executeTakeFirst();
  return row ? toStored(row) : null;
}

/**
 * Stores the answers unless the order already has a response; the response that is stored
 * afterwards either way (a concurrent first answer wins, the other reads it back).
 */
export async function insertSurveyResponse(
  db: Db,
  shopId: number,
  response: { readonly orderGid: string; readonly customerRowId: number | null; readonly answers: SurveyAnswers },
  now: Date,
): Promise<{ readonly inserted: boolean; readonly response: StoredSurveyResponse }> {
  const inserted = await db
    .insertInto("SurveyResponse")
    .values({
      shopId, orderGid: response.orderGid, customerId: response.customerRowId, recommend: response.answers.recommend, satisfaction: response.answers.satisfaction,
      effort: response.answers.effort, comment: response.answers.comment, rewardPoints: 0, createdAt: now, updatedAt: now,
    })
    .onConflict((conflict) => conflict.columns(["shopId", "orderGid"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  const stored = await findSurveyResponse(db, shopId, response.orderGid);
  if (!stored) throw new Error(`survey response for ${response.orderGid} vanished after its insert`);
  return { inserted: inserted !== undefined, response: stored };
}

/** The customer a response turned out to be from (the order arrived after the answers), and the points granted for it. */
export async function setSurveyReward(db: Db, responseId: number, customerRowId: number, rewardPoints: number, now: Date): Promise<void> {
  await db.updateTable("SurveyResponse").set({ customerId: customerRowId, rewardPoints, updatedAt: now }).where("id", "=", responseId).execute();
}

/**
 * The reports' source for NPS, CSAT and CES (app/loyalty/metrics/survey-scores.ts): every
 * response given in [from, to), dated when it was given, customers by row id as the other
 * report facts name them. Reads the (shop, createdAt) index.
 */
export async function surveyResponsesIn(db: Db, shopId: number, from: Date, to: Date): Promise<SurveyResponse[]> {
  const rows = await db
    .selectFrom("SurveyResponse")
    .select(["customerId", "createdAt", "recommend", "satisfaction", "effort"])
    .where("shopId", "=", shopId)
    .where("createdAt", ">=", from)
    .where("createdAt", "<", to)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    customerId: row.customerId === null ? null : String(row.customerId),
    respondedAt: row.createdAt,
    recommend: row.recommend,
    satisfaction: row.satisfaction,
    effort: row.effort,
  }));
}

/** customers/data_request: what the customer answered, for the export. */
export async function customerSurveyResponses(db: Db, shopId: number, customerRowId: number): Promise<StoredSurveyResponse[]> {
  const rows = await db.selectFrom("SurveyResponse").select(COLUMNS).where("shopId", "=", shopId).where("customerId", "=", customerRowId).orderBy("id").execute();
  return rows.map(toStored);
}

/** customers/redact: their free-text comments go (they may name them); the scores stay, anonymous, so the shop's figures stay true. */
export async function eraseSurveyComments(db: Db, shopId: number, customerRowId: number, now: Date): Promise<void> {
  await db.updateTable("SurveyResponse").set({ comment: null, updatedAt: now }).where("shopId", "=", shopId).where("customerId", "=", customerRowId).execute();
}
