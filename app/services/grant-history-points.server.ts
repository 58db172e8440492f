import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { orderEarning } from "../loyalty/earning/order-points";
import { available, movePoints, programIssued } from "../loyalty/ledger/journals";
import type { Journal } from "../loyalty/ledger/ledger";
import { currentProgramVersion } from "../loyalty/program/program";
import { enrollCustomer } from "../repositories/customers.server";
import { latestHistoryImport, updateHistoryImport } from "../repositories/history-import.server";
import { appendJournals } from "../repositories/ledger.server";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled } from "../repositories/shops.server";
import { readOrderBook } from "./order-book.server";

export type GrantHistoryPointsResult =
  | { readonly status: "shop_not_installed" | "no_completed_import" | "no_program" }
  | { readonly status: "granted"; readonly orders: number; readonly points: number };

const BATCH = 200;

/** The key of an imported order's retroactive grant: one per order, ever. */
export const retroactiveGrantKey = (orderGid: string) => `order:${orderGid}:retroactive`;

/**
 * The merchant's explicit choice to reward past orders: each order from before the program
 * that the current program's rules would reward (paid, not cancelled, a customer's, spend
 * left) earns those points once, as a journal under the order's own key (`ifAbsent`), so a
 * second grant, a replay or a crash-and-rerun never grants it twice. The grant is a gift
 * on the order as it stands: later refunds of these old orders do not take it back (the
 * key is outside the accrual the webhook path reconciles). Customers granted points
 * become members.
 */
export async function grantHistoryPoints(database: AppDatabase, shopDomain: string, actor: string, now: Date): Promise<GrantHistoryPointsResult> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  const latest = await latestHistoryImport(database.db, shop.id);
  if (!latest || latest.status !== "completed") return { status: "no_completed_import" };
  const versions = await listProgramVersions(database.db, shop.id);
  const current = currentProgramVersion(versions, now);
  if (!current) return { status: "no_program" };
  // The current rules, as if they had always been in effect.
  const retroactive = [{ ...current, effectiveAt: new Date(0) }];
  let cursor = 0;
  let orders = 0;
  let points = 0;
  for (;;) {
    const page = await database.db
      .selectFrom("Order")
      .select(["id", "orderGid"])
      .where("shopId", "=", shop.id)
      .where("programVersion", "is", null)
      .where("customerId", "is not", null)
      .where("id", ">", cursor)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (page.length === 0) break;
    cursor = page[page.length - 1]?.id ?? cursor;
    const written = await inTransaction(database, async (tx) => {
      const journals: Journal[] = [];
      const customerIds = new Map<string, number>();
      for (const { orderGid } of page) {
        // Read as the webhooks read it: stored facts that cannot be part of the order's book are parked, not thrown on.
        const { stored, snapshot, refunds } = await readOrderBook(tx, shop, orderGid, { topic: "history/retroactive_grant", receivedAt: now });
        if (!stored || !snapshot || stored.customerRowId === null || !snapshot.customerId || snapshot.customerId.startsWith("redacted:")) continue;
        const earning = orderEarning({ order: snapshot, refunds, programVersions: retroactive, countTestOrders: shop.countTestOrders });
        if (earning.points <= 0) continue;
        customerIds.set(snapshot.customerId, stored.customerRowId);
        journals.push(movePoints(
          { key: retroactiveGrantKey(orderGid), kind: "bonus", customerId: snapshot.customerId, orderId: orderGid, programVersion: current.version, occurredAt: now, actor, memo: `Retroactive points for order ${snapshot.name ?? orderGid}` },
          programIssued,
          available(snapshot.customerId),
          earning.points,
        ));
      }
      const appended = await appendJournals(tx, shop.id, journals, customerIds, now, { ifAbsent: true });
      for (const journal of appended) {
        const rowId = journal.customerId ? customerIds.get(journal.customerId) : undefined;
        if (rowId !== undefined) await enrollCustomer(tx, rowId, { enrolledAt: now, source: "first_paid_order" }, now);
      }
      return appended;
    });
    orders += written.length;
    points += written.reduce((sum, journal) => sum + (journal.lines.find((line) => line.points > 0)?.points ?? 0), 0);
  }
  await updateHistoryImport(database.db, latest.id, { grantedAt: now, grantedPoints: latest.grantedPoints + points }, now);
  return { status: "granted", orders, points };
}
