import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The theme app extension these tests read. They live beside it, not in it: Shopify's CLI
 * refuses a theme extension holding anything but assets/, blocks/, locales/, snippets/.
 */
export const THEME_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../wafa-theme");
