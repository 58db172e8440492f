import { z } from "zod";

/**
 * The facts every report is computed from, kept minimal. Repositories build them (from
 * stored orders, customers and ledger journals) and validate them with these schemas at
 * that boundary; the metric functions trust them.
 *
 * Each customer's first order is not a stored fact: it is derived from the order facts
 * (the earliest order that counts, see definitions.ts), so it cannot disagree with them.
 */

const minorAmount = z.int().min(0);

/**
 * One Shopify order, as the reports see it.
 * - `placedAt`: Shopify's `processed_at` (falling back to `created_at`), the same instant
 *   the ledger uses (orders/order-state.ts `orderProcessedAt`); orders imported from before
 *   the install are facts like any other.
 * - `netSalesMinor`: net sales in minor units of the shop currency = the order's current
 *   subtotal: after discounts, edits and refunds; before shipping and taxes (the edge
 *   removes included taxes in tax-inclusive shops); gift-card lines excluded (selling a gift
 *   card is not a sale, spending it is). Never negative; 0 for a fully refunded order.
 * - `customerId`: `null` for a guest checkout.
 */
export const OrderFactSchema = z
  .object({
    orderId: z.string().min(1),
    customerId: z.string().min(1).nullable(),
    placedAt: z.date(),
    netSalesMinor: minorAmount,
    cancelled: z.boolean(),
    test: z.boolean(),
  })
  .readonly();
export type OrderFact = z.infer<typeof OrderFactSchema>;

/**
 * A Shopify customer. `enrolledAt` is when they joined the program (members/membership.ts
 * decides it), `null` if they never did. A customer with orders but no customer fact is a
 * non-member.
 */
export const CustomerFactSchema = z
  .object({
    customerId: z.string().min(1),
    enrolledAt: z.date().nullable(),
  })
  .readonly();
export type CustomerFact = z.infer<typeof CustomerFactSchema>;

export const POINTS_MOVEMENT_KINDS = ["earned", "redeemed", "expired", "donated"] as const;
export type PointsMovementKind = (typeof POINTS_MOVEMENT_KINDS)[number];

/**
 * Points moving in or out of members' balances, from ledger journals (one fact per journal):
 * - earned: earn, bonus and positive adjustments; a refund's reversal and negative
 *   adjustments are `earned` with negative points (they undo earning).
 * - redeemed: points spent on a reward; a release (an unused reward given back) is
 *   `redeemed` with negative points.
 * - expired: points that lapsed. donated: points a member gave to the merchant's cause.
 * `costMinor` is what the movement costs the shop in its currency (the reward's value, the
 * donation paid to the cause); 0 for earned and expired points.
 */
export const PointsMovementSchema = z
  .object({
    at: z.date(),
    kind: z.enum(POINTS_MOVEMENT_KINDS),
    points: z.int(),
    costMinor: z.int(),
  })
  .readonly();
export type PointsMovement = z.infer<typeof PointsMovementSchema>;

/**
 * One answer to the thank-you-page survey. Each question is optional:
 * - recommend: 0..10, "How likely are you to recommend us to a friend?" (NPS);
 * - satisfaction: 1..5, "How satisfied are you with your purchase?" (CSAT; 5 = very satisfied);
 * - effort: 1..7, "How easy was it to buy from us?" on an effort scale where
 *   1 = very easy and 7 = very difficult (CES; lower is better).
 */
export const SurveyResponseSchema = z
  .object({
    customerId: z.string().min(1).nullable(),
    respondedAt: z.date(),
    recommend: z.int().min(0).max(10).nullable(),
    satisfaction: z.int().min(1).max(5).nullable(),
    effort: z.int().min(1).max(7).nullable(),
  })
  .readonly();
export type SurveyResponse = z.infer<typeof SurveyResponseSchema>;
