/**
 * The two bulk queries of the history import (Admin GraphQL, the pinned API version):
 * customers, then orders with their line items as child objects (one nested connection,
 * within the limits of five connections and two levels). Only the fields the webhook path
 * stores are read, so both paths make the same snapshot (./history-lines.ts).
 * https://shopify.dev/docs/api/usage/bulk-operations/queries
 */
const SHOP_MONEY = "shopMoney { amount currencyCode }";

export const CUSTOMERS_BULK_QUERY = `{
  customers {
    edges {
      node {
        id
        defaultEmailAddress { emailAddress }
        firstName
        lastName
        phone
        createdAt
        updatedAt
      }
    }
  }
}`;

export const ORDERS_BULK_QUERY = `{
  orders(sortKey: PROCESSED_AT) {
    edges {
      node {
        id
        name
        createdAt
        processedAt
        updatedAt
        cancelledAt
        test
        displayFinancialStatus
        taxesIncluded
        sourceName
        discountCodes
        customer { id }
        currentSubtotalPriceSet { ${SHOP_MONEY} }
        currentTotalPriceSet { ${SHOP_MONEY} }
        currentTotalDiscountsSet { ${SHOP_MONEY} }
        currentShippingPriceSet { ${SHOP_MONEY} }
        currentTotalTaxSet { ${SHOP_MONEY} }
        refunds { id }
        lineItems {
          edges {
            node {
              id
              quantity
              currentQuantity
              isGiftCard
              product { id }
              originalUnitPriceSet { ${SHOP_MONEY} }
              totalDiscountSet { ${SHOP_MONEY} }
            }
          }
        }
      }
    }
  }
}`;

export type HistoryPhase = "customers" | "orders";

export const BULK_QUERY_OF: Readonly<Record<HistoryPhase, string>> = { customers: CUSTOMERS_BULK_QUERY, orders: ORDERS_BULK_QUERY };
