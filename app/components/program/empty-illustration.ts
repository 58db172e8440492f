/** A small inline illustration for empty states (the sandbox has no network for Shopify's CDN images). */
export const EMPTY_ILLUSTRATION =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="226" height="160" viewBox="0 0 226 160"><rect x="48" y="30" width="130" height="100" rx="14" fill="#e3e8f4"/><path d="M113 52l9 18 20 3-14 14 3 20-18-9-18 9 3-20-14-14 20-3z" fill="#1f5199"/></svg>',
  );
