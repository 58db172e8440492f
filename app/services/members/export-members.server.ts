import type { AppDatabase } from "../../db/database.server";
import { csvRow } from "../../csv";
import { findShop } from "../../repositories/shops.server";
import { allMatchingMembers, type MemberListQuery } from "./list-members.server";

export const CSV_HEADER = ["Customer ID", "Name", "Email", "Tier", "Available points", "Pending points", "Points earned", "Orders", "Last order", "Member since"] as const;

/** Shopify's numeric customer id (what merchants see in the admin), or the tombstone of a redacted customer. */
const customerId = (gid: string) => /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(gid)?.[1] ?? gid;
const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/**
 * Every member matching the list's filters, in its order, as a CSV stream (UTF-8 with a
 * BOM so that spreadsheets read accents right): rows are read in keyset batches as the
 * client consumes them, so memory stays flat for 100k members. Null for an unknown shop.
 */
export async function exportMembersCsv(database: AppDatabase, shopDomain: string, query: MemberListQuery, now: Date): Promise<ReadableStream<Uint8Array> | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!shop) return null;
  const members = allMatchingMembers(database, shop, query, now);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvRow(CSV_HEADER)}`));
    },
    async pull(controller) {
      let chunk = "";
      for (let count = 0; count < 500; count++) {
        const next = await members.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        const member = next.value;
        chunk += csvRow([
          customerId(member.customerGid), member.name, member.email, member.tierName, member.available, member.pending, member.lifetime,
          member.orders, isoDay(member.lastOrderAt), isoDay(member.enrolledAt),
        ]);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await members.return(undefined);
    },
  });
}
