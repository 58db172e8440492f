import { z } from "zod";
import type { AppDatabase } from "../db/database.server";
import { findCustomerDataExport, listRecentCustomerDataExports } from "../repositories/data-exports.server";
import { findShop, isInstalled } from "../repositories/shops.server";

/**
 * customers/data_request reaches the merchant: Shopify asks the app for what it holds on a
 * customer, and the merchant (not Shopify) hands it over. Each request's export
 * (./compliance.server.ts, written when the webhook arrives) is listed on the admin's Data
 * requests page and downloaded from it as JSON.
 * https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance
 */

/** The most a page lists; older requests stay stored and downloadable by id. */
export const DATA_REQUESTS_SHOWN = 200;

/** What the page shows of a stored export: read back through zod, never cast. */
const ExportSummary = z.object({
  ordersRequested: z.array(z.string()).catch([]),
  held: z.boolean().catch(false),
  profile: z.object({ email: z.string().nullable().catch(null) }).passthrough().nullable().catch(null),
});

export type CustomerDataRequest = {
  readonly id: number;
  readonly customerGid: string;
  readonly email: string | null;
  readonly dataRequestId: string | null;
  readonly receivedAt: Date;
  readonly ordersRequested: readonly string[];
  /** Whether Wafa held anything on the customer when Shopify asked. */
  readonly held: boolean;
};

function summaryOf(json: string) {
  const parsed = ExportSummary.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : { ordersRequested: [], held: false, profile: null };
}

/** The shop's data requests, newest first; null when the shop is not installed. */
export async function listCustomerDataRequests(database: AppDatabase, shopDomain: string): Promise<CustomerDataRequest[] | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return null;
  const rows = await listRecentCustomerDataExports(database.db, shop.id, DATA_REQUESTS_SHOWN);
  return rows.map((row) => {
    const summary = summaryOf(row.export);
    return {
      id: row.id,
      customerGid: row.customerGid,
      email: summary.profile?.email ?? null,
      dataRequestId: row.dataRequestId,
      receivedAt: row.createdAt,
      ordersRequested: summary.ordersRequested,
      held: summary.held,
    };
  });
}

export type CustomerDataDownload = { readonly filename: string; readonly body: string };

/** One request's export as the JSON file the merchant hands over; null when it is not this shop's. */
export async function customerDataDownload(database: AppDatabase, shopDomain: string, id: number): Promise<CustomerDataDownload | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return null;
  const row = await findCustomerDataExport(database.db, shop.id, id);
  if (!row) return null;
  const customerNumber = /\/(\d+)$/.exec(row.customerGid)?.[1] ?? "customer";
  return {
    filename: `wafa-customer-${customerNumber}-request-${row.id}.json`,
    body: `${JSON.stringify(JSON.parse(row.export), null, 2)}\n`,
  };
}
