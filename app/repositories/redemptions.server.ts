import { z } from "zod";
import type { Db } from "../db/database.server";
import { RELEASE_REASONS, REDEMPTION_STATUSES, type Materialisation, type Redemption, type RedemptionStatus } from "../loyalty/redemption/lifecycle";
import type { RewardValue } from "../loyalty/redemption/reward-value";
import { RewardSchema, type Reward } from "../loyalty/program/program";

/**
 * Redemption rows (docs/decisions/0015-redemption.md): the lifecycle's state beside the
 * ledger's journals. JSON columns are validated on every read.
 */

const RewardValueSchema: z.ZodType<RewardValue> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("amount_off"), amountMinor: z.number().int(), currency: z.string() }),
  z.object({ kind: z.literal("percent_off"), percent: z.number().int() }),
  z.object({ kind: z.literal("free_shipping"), maxShippingMinor: z.number().int().nullable(), currency: z.string() }),
  z.object({ kind: z.literal("free_product"), productId: z.string(), variantId: z.string() }),
  z.object({ kind: z.literal("store_credit"), amountMinor: z.number().int(), currency: z.string() }),
  z.object({ kind: z.literal("donation"), cause: z.string(), amountMinor: z.number().int(), currency: z.string() }),
]);
const StatusSchema = z.enum(REDEMPTION_STATUSES);
const ReasonSchema = z.enum(RELEASE_REASONS);
const KindSchema = z.enum(["discount_function", "discount_code", "store_credit", "donation"]);

export type StoredRedemption = Redemption & {
  readonly rowId: number;
  readonly customerRowId: number;
  readonly idempotencyKey: string;
  readonly reward: Reward;
  /** When the row last changed (a replay uses it to tell a stalled materialisation from one under way). */
  readonly updatedAt: Date;
};

type Row = {
  id: number; customerId: number; redemptionKey: string; idempotencyKey: string; rewardId: string; rewardSnapshot: string; points: number;
  value: string; status: string; programVersion: number | null; requestedAt: Date; expiresAt: Date; materialisationKind: string | null;
  discountCode: string | null; discountId: string | null; storeCreditTransactionId: string | null; orderGid: string | null;
  releaseReason: string | null; updatedAt: Date; customerGid: string;
};

function materialisationOf(row: Row): Materialisation | null {
  if (row.materialisationKind === null) return null;
  const kind = KindSchema.parse(row.materialisationKind);
  switch (kind) {
    case "discount_function":
    case "donation":
      return { kind };
    case "discount_code":
      return { kind, code: z.string().parse(row.discountCode), discountId: z.string().parse(row.discountId) };
    case "store_credit":
      return { kind, transactionId: z.string().parse(row.storeCreditTransactionId) };
  }
}

function toRedemption(row: Row): StoredRedemption {
  return {
    rowId: row.id, customerRowId: row.customerId, idempotencyKey: row.idempotencyKey, reward: RewardSchema.parse(JSON.parse(row.rewardSnapshot)),
    id: row.redemptionKey, customerId: row.customerGid, rewardId: row.rewardId, points: row.points,
    value: RewardValueSchema.parse(JSON.parse(row.value)), programVersion: row.programVersion, status: StatusSchema.parse(row.status),
    requestedAt: row.requestedAt, expiresAt: row.expiresAt, materialisation: materialisationOf(row), orderId: row.orderGid,
    releaseReason: row.releaseReason === null ? null : ReasonSchema.parse(row.releaseReason), updatedAt: row.updatedAt,
  };
}

const COLUMNS = [
  "r.id", "r.customerId", "r.redemptionKey", "r.idempotencyKey", "r.rewardId", "r.rewardSnapshot", "r.points", "r.value", "r.status",
  "r.programVersion", "r.requestedAt", "r.expiresAt", "r.materialisationKind", "r.discountCode", "r.discountId", "r.storeCreditTransactionId",
  "r.orderGid", "r.releaseReason", "r.updatedAt", "c.customerGid",
] as const;

const selectRedemptions = (db: Db, shopId: number) =>
  db.selectFrom("Redemption as r").innerJoin("Customer as c", "c.id", "r.customerId").select(COLUMNS).where("r.shopId", "=", shopId);

export async function findRedemptionByKey(db: Db, shopId: number, customerRowId: number, idempotencyKey: string): Promise<StoredRedemption | null> {
  const row = await selectRedemptions(db, shopId).where("r.customerId", "=", customerRowId).where("r.idempotencyKey", "=", idempotencyKey).executeTakeFirst();
  return row ? toRedemption(row) : null;
}

/** Every redemption of a member (for use limits and one open discount per class), newest first. */
export async function listCustomerRedemptions(db: Db, shopId: number, customerRowId: number): Promise<StoredRedemption[]> {
  const rows = await selectRedemptions(db, shopId).where("r.customerId", "=", customerRowId).orderBy("r.id", "desc").execute();
  return rows.map(toRedemption);
}

const OPEN: readonly RedemptionStatus[] = ["requested", "reserved", "materialised"];

/** Open redemptions whose hold has run out, oldest first (the expiry job; index (shopId, status, expiresAt)). */
export async function listExpiredRedemptions(db: Db, shopId: number, now: Date, limit: number): Promise<StoredRedemption[]> {
  const rows = await selectRedemptions(db, shopId).where("r.status", "in", [...OPEN]).where("r.expiresAt", "<=", now).orderBy("r.expiresAt").limit(limit).execute();
  return rows.map(toRedemption);
}

/** Redemptions an order may concern: a code it used, or any not yet settled of its customer, or any already tied to it. */
export async function listOrderCandidates(db: Db, shopId: number, order: { orderGid: string; customerRowId: number | null; codes: readonly string[] }): Promise<StoredRedemption[]> {
  const rows = await selectRedemptions(db, shopId)
    .where((eb) => {
      const branches = [eb("r.orderGid", "=", order.orderGid)];
      if (order.codes.length > 0) branches.push(eb("r.discountCode", "in", [...order.codes]));
      if (order.customerRowId !== null) branches.push(eb.and([eb("r.customerId", "=", order.customerRowId), eb("r.status", "in", [...OPEN, "applied"])]));
      return eb.or(branches);
    })
    .orderBy("r.id")
    .execute();
  return rows.map(toRedemption);
}

export type NewRedemption = { readonly redemption: Redemption; readonly customerRowId: number; readonly idempotencyKey: string; readonly reward: Reward };

/** Inserts unless the (shop, customer, key) row exists; true when this call inserted it. */
export async function insertRedemption(db: Db, shopId: number, input: NewRedemption, now: Date): Promise<boolean> {
  const { redemption } = input;
  const inserted = await db
    .insertInto("Redemption")
    .values({
      shopId, customerId: input.customerRowId, redemptionKey: redemption.id, idempotencyKey: input.idempotencyKey, rewardId: redemption.rewardId,
      rewardSnapshot: JSON.stringify(input.reward), points: redemption.points, value: JSON.stringify(redemption.value), status: redemption.status,
      programVersion: redemption.programVersion, requestedAt: redemption.requestedAt, expiresAt: redemption.expiresAt, ...materialisationColumns(redemption.materialisation),
      orderGid: redemption.orderId, releaseReason: redemption.releaseReason, createdAt: now, updatedAt: now,
    })
    .onConflict((conflict) => conflict.columns(["shopId", "customerId", "idempotencyKey"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

function materialisationColumns(materialisation: Materialisation | null) {
  return {
    materialisationKind: materialisation?.kind ?? null,
    discountCode: materialisation?.kind === "discount_code" ? materialisation.code : null,
    discountId: materialisation?.kind === "discount_code" ? materialisation.discountId : null,
    storeCreditTransactionId: materialisation?.kind === "store_credit" ? materialisation.transactionId : null,
  };
}

/** Saves a transition's state: status, materialisation, order, release reason. */
export async function saveRedemptionState(db: Db, rowId: number, redemption: Redemption, now: Date): Promise<void> {
  await db
    .updateTable("Redemption")
    .set({ status: redemption.status, ...materialisationColumns(redemption.materialisation), orderGid: redemption.orderId, releaseReason: redemption.releaseReason, updatedAt: now })
    .where("id", "=", rowId)
    .execute();
}

/** Locks one redemption row for a transition (PostgreSQL; SQLite serialises writers). */
export async function findRedemptionForUpdate(db: Db, shopId: number, rowId: number, postgres: boolean): Promise<StoredRedemption | null> {
  let query = selectRedemptions(db, shopId).where("r.id", "=", rowId);
  if (postgres) query = query.forUpdate("r");
  const row = await query.executeTakeFirst();
  return row ? toRedemption(row) : null;
}

/** Marks a reserved row as being materialised now (under the customer's lock). */
export async function touchRedemption(db: Db, rowId: number, now: Date): Promise<void> {
  await db.updateTable("Redemption").set({ updatedAt: now }).where("id", "=", rowId).execute();
}

/**
 * PostgreSQL: holds the member's row until the transaction ends. The points-expiry sweep
 * locks member rows (FOR UPDATE SKIP LOCKED) rather than the advisory customer lock, so a
 * redemption takes both: a sweep then skips a member whose points are moving, or the
 * redemption waits for the sweep and reads the balance it left.
 */
export async function lockMemberRow(db: Db, shopId: number, customerRowId: number): Promise<void> {
  await db.selectFrom("Customer").select("id").where("shopId", "=", shopId).where("id", "=", customerRowId).forUpdate().execute();
}
