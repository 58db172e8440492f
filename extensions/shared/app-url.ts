/**
 * Where the extensions find the app: a build-time constant, `WAFA_APP_URL`, set in the
 * environment of `shopify app build` / `shopify app deploy` (e.g. `WAFA_APP_URL=$SHOPIFY_APP_URL`).
 * Shopify CLI's bundler defines every environment variable as `process.env.<NAME>`, so the
 * URL is inlined into the bundle; nothing named `process` exists where extensions run, so an
 * unset variable throws, which reads as "not configured". Not an extension setting: settings
 * are edited by merchants in the checkout editor, and the app's address is ours to set.
 * See docs/decisions/0016-ui-extensions.md.
 */
export function buildTimeAppUrl(): string | null {
  try {
    return appUrlFrom(process.env.WAFA_APP_URL);
  } catch {
    return null;
  }
}

/** The app origin without a trailing slash: https anywhere, http only on the local machine (the sandbox). */
export function appUrlFrom(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.trim() === "") return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  const local = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) return null;
  if (url.search || url.hash || url.username || url.password) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
