/**
 * Values the members list's URL shares between the server and the page (this module is
 * safe to import from the browser bundle).
 */

/** The tier filter's value for members without a tier: never a tier id (slugs have no `_`). */
export const NO_TIER = "_none";
