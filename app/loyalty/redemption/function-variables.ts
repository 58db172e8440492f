/**
 * The input-query variables of Wafa's discount Function, kept in a metafield on the shop's
 * automatic app discount (`$app:wafa.function-variables`, named in
 * extensions/wafa-discount/shopify.extension.toml). The Function asks, for each cart line,
 * whether its product is in `$collectionIds`; a reservation limited to collections finds no
 * eligible line unless its collections are in that list. So the list is every collection a
 * reward of the program is limited to, plus those of rewards already reserved (a snapshot
 * may name a collection the program has since dropped, and its hold is still open).
 * https://shopify.dev/docs/apps/build/functions/input-queries/use-variables-input-queries
 */
export const FUNCTION_VARIABLES_METAFIELD = { namespace: "$app:wafa", key: "function-variables", type: "json" } as const;

/** Functions read metafield values up to 10,000 bytes; a longer value would not reach the Function. */
export const FUNCTION_VARIABLES_MAX_BYTES = 10_000;

export type FunctionVariables = { readonly collectionIds: readonly string[] };

type WithCollections = { readonly conditions: { readonly collectionIds: readonly string[] } };

/** Every collection any of these rewards is limited to, once each, in a stable order (so an unchanged program writes nothing). */
export function functionVariables(rewards: readonly WithCollections[]): FunctionVariables {
  const ids = new Set<string>();
  for (const reward of rewards) for (const id of reward.conditions.collectionIds) ids.add(id);
  return { collectionIds: [...ids].sort() };
}

export type FunctionVariablesValue = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

/** The metafield's JSON, or a refusal when it would be too long for the Function to read. */
export function functionVariablesValue(variables: FunctionVariables): FunctionVariablesValue {
  const value = JSON.stringify({ collectionIds: variables.collectionIds });
  // Collection GIDs are ASCII, so characters are bytes.
  if (value.length > FUNCTION_VARIABLES_MAX_BYTES) {
    return { ok: false, message: `rewards are limited to ${variables.collectionIds.length} collections: too many for the discount Function (at most ${FUNCTION_VARIABLES_MAX_BYTES} bytes of collection ids)` };
  }
  return { ok: true, value };
}

/** Whether a stored metafield value already holds these variables (any other or unreadable value does not). */
export function holdsFunctionVariables(stored: string | null, variables: FunctionVariables): boolean {
  if (stored === null) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return false;
  }
  if (typeof parsed !== "object" || parsed === null || !("collectionIds" in parsed) || !Array.isArray(parsed.collectionIds)) return false;
  const storedIds: unknown[] = parsed.collectionIds;
  return storedIds.length === variables.collectionIds.length && storedIds.every((id, index) => id === variables.collectionIds[index]);
}
