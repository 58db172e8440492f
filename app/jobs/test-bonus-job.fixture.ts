// Test support (no test runner imports: a spawned worker uses it too): a sweep that grants
// a bonus to every member once per day, through the real ledger, as the real jobs will
// (birthdays, anniversaries): due = members without this day's journal key.
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import type { AppDatabase, Db } from "../db/database.server";
import { available, movePoints, programIssued } from "../loyalty/ledger/journals";
import { appendJournals } from "../repositories/ledger.server";
import type { JobDefinition } from "./job";
import { sweepInBatches, type BatchProgress } from "./sweep.server";

export const TEST_BONUS_JOB = "test-bonus";
export const TEST_BONUS_POINTS = 25;

export const testBonusDay = (now: Date): string => now.toISOString().slice(0, 10);
export const testBonusKey = (customerGid: string, now: Date): string => `customer:${customerGid}:test-bonus:${testBonusDay(now)}`;

type DueMember = { readonly id: number; readonly customerGid: string };

export type TestBonusOptions = {
  readonly batchSize?: number;
  /** Held inside each batch's transaction, after its writes: a slow worker, to be killed mid-batch. */
  readonly delayMs?: number;
  /** PostgreSQL: lock due rows (FOR UPDATE SKIP LOCKED) so overlapping sweeps split the work. Default true. */
  readonly lockRows?: boolean;
  /** Throws on reaching this member, after granting the earlier ones of its batch: a crash mid-batch. */
  readonly failOnCustomerGid?: string;
  readonly onBatchCommitted?: (progress: BatchProgress<number>) => void;
  /** Sees each run begin and end (overlap checks). */
  readonly onRun?: (event: "begin" | "end", shopId: number) => void;
  readonly everyMinutes?: number;
  /** Awaited once, before this job's first write (the first attempt of its first batch): lines up two sweeps. */
  readonly beforeFirstWrite?: () => Promise<void>;
};

export function testBonusJob(options: TestBonusOptions = {}): JobDefinition {
  let waited = false;
  return {
    name: TEST_BONUS_JOB,
    everyMinutes: options.everyMinutes ?? 60,
    perShop: true,
    async run({ database, now, shopId, signal }) {
      options.onRun?.("begin", shopId);
      try {
        return await sweepInBatches<DueMember, number>({
          database,
          signal,
          batchSize: options.batchSize ?? 10,
          fetchBatch: (tx, after, limit) => dueMembers(tx, database.kind === "postgres" && (options.lockRows ?? true), { shopId, now, after, limit }),
          cursorOf: (member) => member.id,
          processBatch: async (tx, members) => {
            if (!waited && options.beforeFirstWrite) {
              waited = true;
              await options.beforeFirstWrite();
            }
            for (const member of members) {
              if (member.customerGid === options.failOnCustomerGid) throw new Error(`simulated crash at ${member.customerGid}`);
              await grantBonus(tx, shopId, member, now);
            }
            if (options.delayMs) await sleep(options.delayMs);
          },
          onBatchCommitted: options.onBatchCommitted,
        });
      } finally {
        options.onRun?.("end", shopId);
      }
    },
  };
}

function dueMembers(db: Db, lockRows: boolean, query: { shopId: number; now: Date; after: number | null; limit: number }) {
  const { shopId, now, after, limit } = query;
  return db
    .selectFrom("Customer as c")
    .select(["c.id", "c.customerGid"])
    .where("c.shopId", "=", shopId)
    .where("c.enrolledAt", "is not", null)
    .where("c.redactedAt", "is", null)
    .$if(after !== null, (qb) => qb.where("c.id", ">", after ?? 0))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("LedgerJournal as j")
            .select("j.id")
            .whereRef("j.shopId", "=", "c.shopId")
            .where("j.key", "=", sql<string>`'customer:' || ${sql.ref("c.customerGid")} || ${`:test-bonus:${testBonusDay(now)}`}`),
        ),
      ),
    )
    .orderBy("c.id")
    .limit(limit)
    .$if(lockRows, (qb) => qb.forUpdate("c").skipLocked())
    .execute();
}

async function grantBonus(tx: Db, shopId: number, member: DueMember, now: Date): Promise<void> {
  const journal = movePoints(
    { key: testBonusKey(member.customerGid, now), kind: "bonus", customerId: member.customerGid, orderId: null, programVersion: null, occurredAt: now, actor: "system:test-bonus" },
    programIssued,
    available(member.customerGid),
    TEST_BONUS_POINTS,
  );
  await appendJournals(tx, shopId, [journal], new Map([[member.customerGid, member.id]]), now);
}

/** Members (enrolled) and one customer who is not a member, whom the sweep must skip. */
export async function seedMembers(database: AppDatabase, shopId: number, count: number): Promise<string[]> {
  const now = new Date("2026-02-01T00:00:00Z");
  const gids = Array.from({ length: count }, (_, index) => `gid://shopify/Customer/${shopId}${String(index).padStart(4, "0")}`);
  const row = (customerGid: string, enrolledAt: Date | null) => ({
    shopId, customerGid, email: null, firstName: null, lastName: null, phone: null, shopifyCreatedAt: now, shopifyUpdatedAt: now,
    enrolledAt, enrollmentSource: enrolledAt ? "customers/create" : null, redactedAt: null, createdAt: now, updatedAt: now,
  });
  const rows = [...gids.map((gid) => row(gid, now)), row(`gid://shopify/Customer/${shopId}9999`, null)];
  await database.db.insertInto("Customer").values(rows).execute();
  return gids;
}
