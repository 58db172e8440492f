import { z } from "zod";
import type { Db } from "../db/database.server";
import { prepared, slot } from "../db/prepared.server";
import {
  balanceDeltas,
  JOURNAL_KINDS,
  MEMBER_ACCOUNTS,
  PROGRAM_ACCOUNTS,
  validateJournal,
  type Journal,
  type JournalKind,
  type LedgerLine,
} from "../loyalty/ledger/ledger";
import { applyBalanceDelta } from "./customers.server";

const JournalKindSchema = z.enum(JOURNAL_KINDS);
const AccountSchema = z.enum([...MEMBER_ACCOUNTS, ...PROGRAM_ACCOUNTS]);

export type OrderAccrual = {
  /** Points the ledger attributes to the order, by customer key (GID or tombstone). */
  readonly byCustomer: ReadonlyMap<string, number>;
  /** Customer row ids by ledger key. */
  readonly customerIds: ReadonlyMap<string, number>;
  readonly journalCount: number;
};

/**
 * What the ledger holds for one order: the sum of its earn and reversal lines on member
 * accounts. Deliberately without GROUP BY: SQLite's planner, lacking statistics, would
 * walk the (shop, customer) index to avoid a sort; this shape uses (shop, order).
 */
const orderAccrualQuery = prepared((db) =>
  db
    .selectFrom("LedgerJournal as j")
    .innerJoin("LedgerLine as l", "l.journalId", "j.id")
    .leftJoin("Customer as c", "c.id", "l.customerId")
    .select(["j.id as journalId", "l.account", "l.points", "l.customerId", "c.customerGid"])
    .where("j.shopId", "=", slot<number>(0))
    .where("j.orderGid", "=", slot<string>(1))
    .where("j.kind", "in", ["earn", "reversal"]),
);

export async function orderAccrual(db: Db, shopId: number, orderGid: string): Promise<OrderAccrual> {
  const { rows } = await orderAccrualQuery(db, [shopId, orderGid]);
  const byCustomer = new Map<string, number>();
  const customerIds = new Map<string, number>();
  const journals = new Set<number>();
  for (const row of rows) {
    journals.add(row.journalId);
    if (!row.customerGid || row.customerId === null || !row.account.startsWith("member.")) continue;
    byCustomer.set(row.customerGid, (byCustomer.get(row.customerGid) ?? 0) + row.points);
    customerIds.set(row.customerGid, row.customerId);
  }
  return { byCustomer, customerIds, journalCount: journals.size };
}

/**
 * Appends journals and updates the balance projection, inside the caller's transaction.
 * `customerIds` maps the core's customer keys to customer row ids. A journal that does not
 * balance is a bug: it throws and the whole transaction rolls back.
 */
export async function appendJournals(
  db: Db,
  shopId: number,
  journals: readonly Journal[],
  customerIds: ReadonlyMap<string, number>,
  now: Date,
): Promise<void> {
  const rowId = (key: string | null): number | null => {
    if (key === null) return null;
    const id = customerIds.get(key);
    if (id === undefined) throw new Error(`no customer row for ledger key ${key}`);
    return id;
  };
  for (const journal of journals) {
    const valid = validateJournal(journal);
    if (!valid.ok) throw new Error(valid.message);
    const [inserted] = (
      await insertJournalQuery(db, [
        shopId, journal.key, journal.kind, rowId(journal.customerId), journal.orderId, journal.programVersion,
        journal.occurredAt, journal.memo, journal.actor, now,
      ])
    ).rows;
    if (!inserted) throw new Error(`journal ${journal.key} was not inserted`);
    const lines = journal.lines.map((line) => ({ journalId: inserted.id, shopId, account: line.account, customerId: rowId(line.customerId), points: line.points }));
    const [first, second] = lines;
    if (lines.length === 2 && first && second) {
      await insertTwoLinesQuery(db, [first.journalId, shopId, first.account, first.customerId, first.points, second.account, second.customerId, second.points]);
    } else {
      await db.insertInto("LedgerLine").values(lines).execute();
    }
    for (const [key, delta] of balanceDeltas(journal)) await applyBalanceDelta(db, rowId(key) ?? 0, delta, now);
  }
}

const insertJournalQuery = prepared((db) =>
  db
    .insertInto("LedgerJournal")
    .values({
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
    })
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
