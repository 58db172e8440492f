import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/** Staff member the sandbox admin acts as (what Shopify puts in a session token's `sub`). */
export const SANDBOX_STAFF_ID = "1";

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/**
 * An App Bridge session token (HS256 JWT signed with the app's secret), as Shopify admin
 * would hand the embedded app: https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
 */
export function mintAdminSessionToken(input: { shop: string; apiKey: string; apiSecret: string; now?: Date; sub?: string }): string {
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return signJwt(
    {
      iss: `https://${input.shop}/admin`,
      dest: `https://${input.shop}`,
      aud: input.apiKey,
      sub: input.sub ?? SANDBOX_STAFF_ID,
      exp: issuedAt + 60,
      nbf: issuedAt - 5,
      iat: issuedAt,
      jti: randomUUID(),
      sid: randomUUID(),
    },
    input.apiSecret,
  );
}

/** A checkout/customer-account extension's session token for a logged-in customer. */
export function mintExtensionSessionToken(input: { shop: string; apiKey: string; apiSecret: string; customerGid?: string; now?: Date }): string {
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return signJwt(
    {
      iss: `https://${input.shop}`,
      dest: input.shop,
      aud: input.apiKey,
      ...(input.customerGid ? { sub: input.customerGid } : {}),
      exp: issuedAt + 300,
      nbf: issuedAt - 5,
      iat: issuedAt,
      jti: randomUUID(),
    },
    input.apiSecret,
  );
}

export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const body = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(payload))}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

/**
 * Verifies an HS256 JWT signed with `secret` (the signature only: what the claims must be
 * is the caller's); returns its payload or null.
 */
export function verifyJwt(token: string, secret: string): Record<string, unknown> | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const parsed = (part: string): unknown => {
    try {
      return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    } catch {
      return null;
    }
  };
  const head = parsed(header);
  const claims = parsed(payload);
  if (typeof head !== "object" || head === null || !("alg" in head) || head.alg !== "HS256") return null;
  if (typeof claims !== "object" || claims === null) return null;
  return { ...claims };
}
