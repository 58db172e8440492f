import { z } from "zod";
import type { AppDatabase } from "../../db/database.server";
import { inTransaction } from "../../db/transaction.server";
import { birthdayInputSchema } from "../../loyalty/annual/birthday-input";
import { localDateOf, shopTimeZone } from "../../loyalty/calendar/calendar";
import { findMemberRow, saveBirthday } from "../../repositories/members.server";
import { findShop, isInstalled } from "../../repositories/shops.server";

export type BirthdayField = "month" | "day" | "year";

export type SetBirthdayResult =
  | { readonly status: "invalid"; readonly errors: Partial<Record<BirthdayField, string>> }
  | { readonly status: "shop_not_installed" }
  | { readonly status: "not_found" }
  | { readonly status: "saved"; readonly birthday: { readonly month: number; readonly day: number; readonly year: number | null } | null };

/** Form fields are strings: "" is a missing value (the year is optional). */
const number = (value: unknown) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.trim())) : value);
const FormSchema = z.object({ month: z.preprocess(number, z.unknown()), day: z.preprocess(number, z.unknown()), year: z.preprocess(number, z.unknown()) });

export type BirthdayForm = { readonly month?: unknown; readonly day?: unknown; readonly year?: unknown };

/**
 * The merchant sets or clears a member's birthday (`input` null clears it), checked with the
 * same rules as the shopper's form (the core's birthdayInputSchema, against the shop's
 * today). Setting it starts the birthday bonus's notice period like a shopper's entry does.
 */
export async function setBirthday(database: AppDatabase, shopDomain: string, customerRowId: number, input: BirthdayForm | null, now: Date): Promise<SetBirthdayResult> {
  return inTransaction(database, async (tx): Promise<SetBirthdayResult> => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" };
    const member = await findMemberRow(tx, shop.id, customerRowId);
    if (!member) return { status: "not_found" };
    if (input === null) {
      await saveBirthday(tx, member.id, null, now);
      return { status: "saved", birthday: null };
    }
    const fields = FormSchema.parse(input);
    const today = localDateOf(now, shopTimeZone(shop.ianaTimezone));
    const parsed = birthdayInputSchema(today).safeParse({ month: fields.month, day: fields.day, ...(fields.year === undefined ? {} : { year: fields.year }) });
    if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error) };
    const birthday = { month: parsed.data.month, day: parsed.data.day, year: parsed.data.year ?? null };
    await saveBirthday(tx, member.id, birthday, now);
    return { status: "saved", birthday };
  });
}

function fieldErrors(error: z.ZodError): Partial<Record<BirthdayField, string>> {
  const errors: Partial<Record<BirthdayField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field === "month" || field === "day" || field === "year") && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}
