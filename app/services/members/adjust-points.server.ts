import { z } from "zod";
import type { AppDatabase } from "../../db/database.server";
import { inTransaction } from "../../db/transaction.server";
import { available, movePoints, programAdjustments } from "../../loyalty/ledger/journals";
import { currentProgramVersion } from "../../loyalty/program/program";
import { appendJournals } from "../../repositories/ledger.server";
import { findMemberRow } from "../../repositories/members.server";
import { lockCustomer } from "../../repositories/orders.server";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { findShop, isInstalled } from "../../repositories/shops.server";
import type { StaffMember } from "../staff.server";
import { isValidIdempotencyKey } from "../../loyalty/idempotency";

/** Large enough for any goodwill gesture or correction, small enough that a typo cannot mint a fortune. */
export const MAX_ADJUSTMENT = 1_000_000;

const trimmed = (value: unknown) => (typeof value === "string" ? value.trim() : value);

/** The adjustment form. Messages are the merchant's: the page shows them beside the field. */
export const AdjustmentInputSchema = z.object({
  points: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value === "" ? undefined : value),
    z
      .number("Enter a number of points, like 100 or -50.")
      .int("Points must be a whole number.")
      .min(-MAX_ADJUSTMENT, `You can remove at most ${MAX_ADJUSTMENT.toLocaleString("en-US")} points at a time.`)
      .max(MAX_ADJUSTMENT, `You can add at most ${MAX_ADJUSTMENT.toLocaleString("en-US")} points at a time.`)
      .refine((points) => points !== 0, "Enter a number of points other than 0."),
  ),
  reason: z.preprocess(
    trimmed,
    z.string("Enter a reason.").min(1, "Enter a reason: the member's history shows it.").max(500, "Keep the reason to 500 characters or fewer."),
  ),
  // Generated when the form is shown: a second submit of the same form is the same adjustment.
  idempotencyKey: z.string("Reload the page and try again.").refine(isValidIdempotencyKey, "Reload the page and try again."),
});

export type AdjustmentField = "points" | "reason" | "idempotencyKey";

export type AdjustPointsResult =
  | { readonly status: "invalid"; readonly errors: Partial<Record<AdjustmentField, string>> }
  | { readonly status: "shop_not_installed" }
  | { readonly status: "not_found" }
  | { readonly status: "not_member"; readonly message: string }
  | { readonly status: "insufficient"; readonly message: string; readonly available: number }
  | { readonly status: "adjusted" | "already_recorded"; readonly points: number; readonly available: number; readonly journalKey: string };

/** Domain key of a manual adjustment: one journal per submitted form, whatever the retries. */
export const adjustmentKey = (customerKey: string, idempotencyKey: string) => `adjust:${customerKey}:${idempotencyKey}`;

/**
 * Staff add or remove a member's points by hand, with a reason and their name on the
 * journal (the audit trail). Under the customer's lock, in one transaction: the balance
 * check, the `adjust` journal and the balance projection. A deduction that would leave the
 * member below zero is refused. The form's idempotency key makes a double submit one journal.
 */
export async function adjustPoints(
  database: AppDatabase,
  shopDomain: string,
  customerRowId: number,
  input: unknown,
  staff: StaffMember,
  now: Date,
): Promise<AdjustPointsResult> {
  const parsed = AdjustmentInputSchema.safeParse(input);
  if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error) };
  const { points, reason, idempotencyKey } = parsed.data;
  return inTransaction(database, async (tx): Promise<AdjustPointsResult> => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" };
    await lockCustomer(tx, database.kind, shop.id, customerRowId);
    const member = await findMemberRow(tx, shop.id, customerRowId);
    if (!member) return { status: "not_found" };
    const key = adjustmentKey(member.customerGid, idempotencyKey);
    const existing = await tx.selectFrom("LedgerJournal").select("id").where("shopId", "=", shop.id).where("key", "=", key).executeTakeFirst();
    if (existing) return { status: "already_recorded", points, available: member.pointsAvailable, journalKey: key };
    if (member.enrolledAt === null) return { status: "not_member", message: "This customer is not a member of the program yet, so they have no points to adjust." };
    if (member.pointsAvailable + points < 0) {
      const has = member.pointsAvailable.toLocaleString("en-US");
      return {
        status: "insufficient",
        available: member.pointsAvailable,
        message: `This member has ${has} points available, so you can remove at most ${has}. Points they have not earned yet (pending) cannot be removed.`,
      };
    }
    const version = currentProgramVersion(await listProgramVersions(tx, shop.id), now);
    const meta = { key, kind: "adjust" as const, customerId: member.customerGid, orderId: null, programVersion: version?.version ?? null, occurredAt: now, memo: reason, actor: staff.actor, actorName: staff.name };
    const memberAccount = available(member.customerGid);
    const journal = points > 0 ? movePoints(meta, programAdjustments, memberAccount, points) : movePoints(meta, memberAccount, programAdjustments, -points);
    // ifAbsent: a concurrent submit of the same form that committed first makes this a no-op.
    const written = await appendJournals(tx, shop.id, [journal], new Map([[member.customerGid, member.id]]), now, { ifAbsent: true });
    if (written.length === 0) return { status: "already_recorded", points, available: member.pointsAvailable, journalKey: key };
    return { status: "adjusted", points, available: member.pointsAvailable + points, journalKey: key };
  });
}

function fieldErrors(error: z.ZodError): Partial<Record<AdjustmentField, string>> {
  const errors: Partial<Record<AdjustmentField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field === "points" || field === "reason" || field === "idempotencyKey") && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}
