import { z } from "zod";
import { isKnownTimeZone } from "../calendar/calendar";
import { err, ok, type Result } from "../result";
import { DEFAULT_INACTIVITY_DAYS } from "./definitions";
import { DEFAULT_FREQUENCY_TARGET, DEFAULT_LOYALTY_INDEX_WEIGHTS, LoyaltyIndexWeightsSchema } from "./loyalty-index";
import { RatioSchema } from "./ratio";

/**
 * The choices a merchant makes for their reports, with the defaults the UI shows. Stored as
 * JSON and validated here when read back; the program's point value comes from the program.
 */
export const ReportSettingsSchema = z.object({
  timeZone: z.string().refine(isKnownTimeZone, "Unknown time zone."),
  /** Days without an order after which a customer is lost. */
  inactivityDays: z
    .int("The inactivity window must be a whole number of days.")
    .min(1, "The inactivity window must be at least 1 day.")
    .max(3650, "The inactivity window can be at most 3650 days.")
    .default(DEFAULT_INACTIVITY_DAYS),
  /** The merchant's expected customer lifespan for projected LTV; null derives it from churn. */
  lifespanMonths: z.int().min(1, "The lifespan must be at least a month.").max(600, "The lifespan can be at most 600 months.").nullable().default(null),
  /** The merchant's expected redemption rate for the liability, basis points; null estimates it from history. */
  expectedRedemptionBasisPoints: z.int().min(0).max(10_000, "A redemption rate can be at most 100 %.").nullable().default(null),
  loyaltyIndexWeights: LoyaltyIndexWeightsSchema.default(DEFAULT_LOYALTY_INDEX_WEIGHTS),
  /** Orders per customer in the period that earn the loyalty index's full frequency score. */
  frequencyTarget: RatioSchema.refine((target) => target.numerator > 0, "The frequency target must be above 0.").default(DEFAULT_FREQUENCY_TARGET),
});
export type ReportSettings = z.output<typeof ReportSettingsSchema>;

export function parseReportSettings(input: unknown): Result<ReportSettings, "invalid_report_settings"> {
  const parsed = ReportSettingsSchema.safeParse(input);
  if (!parsed.success) return err("invalid_report_settings", parsed.error.issues.map((issue) => issue.message).join(" "));
  return ok(parsed.data);
}
