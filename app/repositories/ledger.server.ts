import { z } from "zod";
import type { Db } from "../db/database.server";
import { prepared, slot } from "../db/prepared.server";
import {
  ACTIVITY_KINDS,
  balanceDeltas,
  JOURNAL_KINDS,
  MEMBER_ACCOUNTS,
  PROGRAM_ACCOUNTS,
  validateJournal,
  type Journal,
  type JournalKind,
  type LedgerLine,
} from "../loyalty/ledger/ledger";
import { NO_HOLDING, type AccrualHolding } from "../loyalty/earning/accrual";
import { applyBalanceDelta } from "./customers.server";

const JournalKindSchema = z.enum(JOURNAL_KINDS);
const AccountSchema = z.enum([...MEMBER_ACCOUNTS, ...PROGRAM_ACCOUNTS]);

export type OrderAccrual = {
  /** What the ledger attributes to the order, by customer key (GID or tombstone). */
  readonly byCustomer: ReadonlyMap<string, AccrualHolding>;
  /** Customer row ids by ledger key. */
  readonly customerIds: ReadonlyMap<string, number>;
  readonly journalCount: number;
};

const EMPTY_ACCRUAL: OrderAccrual = { byCustomer: new Map(), customerIds: new Map(), journalCount: 0 };

type AccrualRow = { orderGid: string | null; journalId: number; account: string; points: number; customerId: number | null; customerGid: string | null };

/**
 * What the ledger holds for orders: their accrual journals (keys `order:<gid>:accrual:<n>`:
 * earn, reversal and release of pending points) summed by customer and account.
 * Deliberately without GROUP BY: SQLite's planner, lacking statistics, would walk the
 * (shop, customer) index to avoid a sort; this shape uses (shop, order).
 */
const orderAccrualQuery = prepared((db) =>
  db
    .selectFrom("LedgerJournal as j")
    .innerJoin("LedgerLine as l", "l.journalId", "j.id")
    .leftJoin("Customer as c", "c.id", "l.customerId")
    .select(["j.orderGid", "j.id as journalId", "l.account", "l.points", "l.customerId", "c.customerGid"])
    .where("j.shopId", "=", slot<number>(0))
    .where("j.orderGid", "=", slot<string>(1))
    // Other journals can name the order too (a redemption it used): only accrual counts here.
    .where("j.key", "like", "order:%:accrual:%"),
);

export async function orderAccrual(db: Db, shopId: number, orderGid: string): Promise<OrderAccrual> {
  const { rows } = await orderAccrualQuery(db, [shopId, orderGid]);
  return foldAccrual(rows);
}

/** The accrual of several orders at once (a customer's orders, for rules that span them). */
export async function ordersAccrual(db: Db, shopId: number, orderGids: readonly string[]): Promise<Map<string, OrderAccrual>> {
  const result = new Map<string, OrderAccrual>(orderGids.map((gid) => [gid, EMPTY_ACCRUAL]));
  if (orderGids.length === 0) return result;
  const rows = await db
    .selectFrom("LedgerJournal as j")
    .innerJoin("LedgerLine as l", "l.journalId", "j.id")
    .leftJoin("Customer as c", "c.id", "l.customerId")
    .select(["j.orderGid", "j.id as journalId", "l.account", "l.points", "l.customerId", "c.customerGid"])
    .where("j.shopId", "=", shopId)
    .where("j.orderGid", "in", [...orderGids])
    .where("j.key", "like", "order:%:accrual:%")
    .execute();
  const byOrder = new Map<string, AccrualRow[]>();
  for (const row of rows) if (row.orderGid) byOrder.set(row.orderGid, [...(byOrder.get(row.orderGid) ?? []), row]);
  for (const [gid, orderRows] of byOrder) result.set(gid, foldAccrual(orderRows));
  return result;
}

function foldAccrual(rows: readonly AccrualRow[]): OrderAccrual {
  const byCustomer = new Map<string, AccrualHolding>();
  const customerIds = new Map<string, number>();
  const journals = new Set<number>();
  for (const row of rows) {
    journals.add(row.journalId);
    if (!row.customerGid || row.customerId === null) continue;
    if (row.account !== "member.available" && row.account !== "member.pending") continue;
    const holding = byCustomer.get(row.customerGid) ?? NO_HOLDING;
    byCustomer.set(
      row.customerGid,
      row.account === "member.pending" ? { ...holding, pending: holding.pending + row.points } : { ...holding, available: holding.available + row.points },
    );
    customerIds.set(row.customerGid, row.customerId);
  }
  return { byCustomer, customerIds, journalCount: journals.size };
}

/**
 * Appends journals and updates the balance projection, inside the caller's transaction.
 * `customerIds` maps the core's customer keys to customer row ids. A journal that does not
 * balance is a bug: it throws and the whole transaction rolls back.
 *
 * Keys are unique per shop. By default a key already present fails the transaction (the
 * order accrual's sequence numbers rely on it to detect a concurrent writer and retry);
 * with `ifAbsent` a journal whose key exists is skipped, which is how once-only grants
 * (a sign-up bonus, a birthday, an expiry) stay once-only under replays and concurrency.
 * Returns the journals actually written.
 */
export async function appendJournals(
  db: Db,
  shopId: number,
  journals: readonly Journal[],
  customerIds: ReadonlyMap<string, number>,
  now: Date,
  options: { readonly ifAbsent?: boolean } = {},
): Promise<Journal[]> {
  const written: Journal[] = [];
  const rowId = (key: string | null): number | null => {
    if (key === null) return null;
    const id = customerIds.get(key);
    if (id === undefined) throw new Error(`no customer row for ledger key ${key}`);
    return id;
  };
  for (const journal of journals) {
    const valid = validateJournal(journal);
    if (!valid.ok) throw new Error(valid.message);
    const args = [
      shopId, journal.key, journal.kind, rowId(journal.customerId), journal.orderId, journal.programVersion,
      journal.occurredAt, journal.memo, journal.actor, now, journal.actorName ?? null,
    ];
    const [inserted] = (options.ifAbsent ? await insertJournalIfAbsentQuery(db, args) : await insertJournalQuery(db, args)).rows;
    if (!inserted) {
      if (options.ifAbsent) continue;
      throw new Error(`journal ${journal.key} was not inserted`);
    }
    written.push(journal);
    const lines = journal.lines.map((line) => ({ journalId: inserted.id, shopId, account: line.account, customerId: rowId(line.customerId), points: line.points }));
    const [first, second] = lines;
    if (lines.length === 2 && first && second) {
      await insertTwoLinesQuery(db, [first.journalId, shopId, first.account, first.customerId, first.points, second.account, second.customerId, second.points]);
    } else {
      await db.insertInto("LedgerLine").values(lines).execute();
    }
    const activityAt = ACTIVITY_KINDS.has(journal.kind) ? journal.occurredAt : null;
    for (const [key, delta] of balanceDeltas(journal)) await applyBalanceDelta(db, rowId(key) ?? 0, delta, now, activityAt);
  }
  return written;
}

/** A journal's columns: arguments 0-10 of the two inserts below. */
const JOURNAL_VALUES = {
  shopId: slot<number>(0),
  key: slot<string>(1),
  kind: slot<string>(2),
  customerId: slot<number | null>(3),
  orderGid: slot<string | null>(4),
  programVersion: slot<number | null>(5),
  occurredAt: slot<Date>(6),
  memo: slot<string | null>(7),
  actor: slot<string>(8),
  createdAt: slot<Date>(9),
  actorName: slot<string | null>(10),
};

const insertJournalQuery = prepared((db) =>
  db
    .insertInto("LedgerJournal")
    .values(JOURNAL_VALUES)
    .returning("id"),
);

const insertJournalIfAbsentQuery = prepared((db) =>
  db
    .insertInto("LedgerJournal")
    .values(JOURNAL_VALUES)
    .onConflict((conflict) => conflict.columns(["shopId", "key"]).doNothing())
    .returning("id"),
);

/** Most journals move points between two accounts. */
const insertTwoLinesQuery = prepared((db) =>
  db.insertInto("LedgerLine").values([
    { journalId: slot<number>(0), shopId: slot<number>(1), account: slot<string>(2), customerId: slot<number | null>(3), points: slot<number>(4) },
    { journalId: slot<number>(0), shopId: slot<number>(1), account: slot<string>(5), customerId: slot<number | null>(6), points: slot<number>(7) },
  ]),
);

export type LedgerEntry = {
  readonly key: string;
  readonly kind: JournalKind;
  readonly orderGid: string | null;
  readonly programVersion: number | null;
  readonly occurredAt: Date;
  readonly actor: string | null;
  readonly memo: string | null;
  readonly points: number;
};

/** A member's history, newest first: each journal with its effect on the member. */
export async function customerLedger(db: Db, shopId: number, customerId: number, limit = 100): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom("LedgerLine as l")
    .innerJoin("LedgerJournal as j", "j.id", "l.journalId")
    .select(["j.id", "j.key", "j.kind", "j.orderGid", "j.programVersion", "j.occurredAt", "j.actor", "j.memo", "l.points", "l.account"])
    .where("l.shopId", "=", shopId)
    .where("l.customerId", "=", customerId)
    .orderBy("j.id", "desc")
    .limit(limit)
    .execute();
  const byJournal = new Map<number, LedgerEntry>();
  for (const row of rows) {
    const previous = byJournal.get(row.id);
    const points = row.account === "member.held" ? 0 : row.points;
    byJournal.set(row.id, previous ? { ...previous, points: previous.points + points } : {
      key: row.key, kind: JournalKindSchema.parse(row.kind), orderGid: row.orderGid, programVersion: row.programVersion,
      occurredAt: row.occurredAt, actor: row.actor, memo: row.memo, points,
    });
  }
  return [...byJournal.values()];
}

/** Every line of a shop, for checks that the projection equals the ledger. */
export async function shopLedgerLines(db: Db, shopId: number): Promise<Array<LedgerLine & { customerRowId: number | null; kind: JournalKind }>> {
  const rows = await db
    .selectFrom("LedgerLine as l")
    .innerJoin("LedgerJournal as j", "j.id", "l.journalId")
    .select(["l.account", "l.customerId", "l.points", "j.kind"])
    .where("l.shopId", "=", shopId)
    .execute();
  return rows.map((row) => ({
    account: AccountSchema.parse(row.account),
    customerId: row.customerId === null ? null : String(row.customerId),
    customerRowId: row.customerId,
    points: row.points,
    kind: JournalKindSchema.parse(row.kind),
  }));
}
