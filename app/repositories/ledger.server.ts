import { z } from "zod";
import type { Db } from "../db/database.server";
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
export async function orderAccrual(db: Db, shopId: number, orderGid: string): Promise<OrderAccrual> {
  const rows = await db
    .selectFrom("LedgerJournal as j")
    .innerJoin("LedgerLine as l", "l.journalId", "j.id")
    .leftJoin("Customer as c", "c.id", "l.customerId")
    .select(["j.id as journalId", "l.account", "l.points", "l.customerId", "c.customerGid"])
    .where("j.shopId", "=", shopId)
    .where("j.orderGid", "=", orderGid)
    .where("j.kind", "in", ["earn", "reversal"])
    .execute();
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
    const { id } = await db
      .insertInto("LedgerJournal")
      .values({
        shopId,
        key: journal.key,
        kind: journal.kind,
        customerId: rowId(journal.customerId),
        orderGid: journal.orderId,
        programVersion: journal.programVersion,
        occurredAt: journal.occurredAt,
        memo: journal.memo,
        actor: journal.actor,
        createdAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("LedgerLine")
      .values(journal.lines.map((line) => ({ journalId: id, shopId, account: line.account, customerId: rowId(line.customerId), points: line.points })))
      .execute();
    for (const [key, delta] of balanceDeltas(journal)) await applyBalanceDelta(db, rowId(key) ?? 0, delta, now);
  }
}

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
