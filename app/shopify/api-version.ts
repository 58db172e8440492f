import { ApiVersion } from "@shopify/shopify-api";

/**
 * The one place the Admin API version is pinned: the newest stable version this library
 * release supports. shopify.app.toml's `[webhooks] api_version` matches it (tested).
 */
export const API_VERSION = ApiVersion.October26;
