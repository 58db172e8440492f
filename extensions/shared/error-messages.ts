import { REDEMPTION_ERRORS } from "../../app/loyalty/redemption/redemption-errors";
import { CLIENT_ERRORS } from "./wafa-api";

/**
 * Every failure code a shopper can meet, each with a message in every extension's
 * `locales/` under `redemption.errors.<code>` (the key the app sends as `messageKey`) (a test holds the locale files to this list). The domain
 * core's redemption codes are imported, not copied, so a new code cannot ship untranslated.
 */
export const HTTP_ERRORS = ["guest", "invalid_request", "not_a_member", "shop_not_installed", "redemption_not_found"] as const;

export const SHOPPER_ERROR_CODES: readonly string[] = [...REDEMPTION_ERRORS, ...HTTP_ERRORS, ...CLIENT_ERRORS, "discount_not_applied"];

/** The locale key for a failure code; codes the extension does not know read as "unknown". */
export function errorMessageKey(code: string): string {
  return `redemption.errors.${SHOPPER_ERROR_CODES.includes(code) ? code : "unknown"}`;
}
