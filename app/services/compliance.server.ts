import type { AppDatabase } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { saveCustomerDataExport } from "../repositories/data-exports.server";
import { findCustomer, redactCustomer } from "../repositories/customers.server";
import { customerLedger } from "../repositories/ledger.server";
import { listCustomerRedemptions } from "../repositories/redemptions.server";
import { findShop, deleteShopRows } from "../repositories/shops.server";
import { customerSurveyResponses, eraseSurveyComments } from "../repositories/survey-responses.server";

/**
 * customers/redact: the customer's personal data is removed (name, email, phone, and the
 * GID itself, replaced by a tombstone), as are data exports about them. Their anonymous
 * ledger totals and orders stay, so the shop's figures stay true.
 */
export async function redactCustomerData(database: AppDatabase, shopDomain: string, customerGid: string, now: Date) {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!shop) return { status: "unknown_shop" } as const;
    const customerId = await redactCustomer(tx, shop.id, customerGid, now);
    if (customerId !== null) await eraseSurveyComments(tx, shop.id, customerId, now);
    await tx.deleteFrom("CustomerDataExport").where("shopId", "=", shop.id).where("customerGid", "=", customerGid).execute();
    return { status: customerId === null ? "unknown_customer" : "redacted" } as const;
  });
}

/** shop/redact: every row Wafa holds for the shop is deleted. */
export async function redactShopData(database: AppDatabase, shopDomain: string) {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (shop) await deleteShopRows(tx, shop);
    else await tx.deleteFrom("Session").where("shop", "=", shopDomain).execute();
    return { status: shop ? "deleted" : "unknown_shop" } as const;
  });
}

/**
 * customers/data_request: an export of everything Wafa holds on the customer (profile,
 * membership, balances, orders, ledger, redemptions, survey answers), recorded for the
 * merchant, who sees and downloads it under Data requests (./customer-data-requests.server.ts).
 */
export async function exportCustomerData(
  database: AppDatabase,
  shopDomain: string,
  request: { customerGid: string; dataRequestId: string | null; ordersRequested: readonly string[] },
  now: Date,
) {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!shop) return { status: "unknown_shop" } as const;
    const customer = await findCustomer(tx, shop.id, request.customerGid);
    const orders = customer
      ? await tx
          .selectFrom("Order")
          .select(["orderGid", "name", "financialStatus", "cancelledAt", "processedAt", "currency", "subtotalMinor", "totalMinor", "discountCodes"])
          .where("shopId", "=", shop.id)
          .where("customerId", "=", customer.id)
          .orderBy("id")
          .execute()
      : [];
    const document = {
      requestedAt: now.toISOString(),
      shop: shopDomain,
      customerGid: request.customerGid,
      dataRequestId: request.dataRequestId,
      ordersRequested: request.ordersRequested,
      held: customer !== null,
      profile: customer && {
        email: customer.email,
        firstName: customer.firstName,
        lastName: customer.lastName,
        phone: customer.phone,
        redacted: customer.redactedAt !== null,
      },
      membership: customer && {
        member: customer.enrolledAt !== null,
        enrolledAt: customer.enrolledAt?.toISOString() ?? null,
        enrollmentSource: customer.enrollmentSource,
        points: { available: customer.pointsAvailable, pending: customer.pointsPending, lifetime: customer.pointsLifetime },
      },
      orders: orders.map((order) => ({ ...order, discountCodes: JSON.parse(order.discountCodes) as unknown })),
      ledger: customer ? await customerLedger(tx, shop.id, customer.id, 10_000) : [],
      redemptions: customer
        ? (await listCustomerRedemptions(tx, shop.id, customer.id)).map(({ rowId: _rowId, customerRowId: _customerRowId, updatedAt: _updatedAt, ...redemption }) => redemption)
        : [],
      surveyResponses: customer ? await customerSurveyResponses(tx, shop.id, customer.id) : [],
    };
    const exportId = await saveCustomerDataExport(tx, shop.id, { customerGid: request.customerGid, dataRequestId: request.dataRequestId, document }, now);
    return { status: "exported", exportId } as const;
  });
}
