import type { Session } from "@shopify/shopify-api";

/** Who did something in the admin: recorded with program versions and manual adjustments. */
export type StaffMember = { readonly actor: string; readonly name: string | null };

/**
 * The staff member behind an admin request, from the online session Shopify's token
 * exchange gave for them (its associated user). Without one, the session token's user id.
 */
export function staffFromSession(session: Session, sessionTokenSub?: string | null): StaffMember {
  const user = session.onlineAccessInfo?.associated_user;
  if (user) {
    const name = [user.first_name, user.last_name].filter(Boolean).join(" ").trim();
    return { actor: `staff:${user.id}`, name: name || user.email || null };
  }
  return { actor: sessionTokenSub ? `staff:${sessionTokenSub}` : "staff:unknown", name: null };
}
