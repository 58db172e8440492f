import { getDatabase } from "../db.server";
import { recordDeadLetter } from "../services/record-dead-letter.server";
import { authenticate } from "../shopify.server";
import { parseWebhookJson } from "./json";
import { WEBHOOK_HANDLERS } from "./webhooks.server";
import { COMPLIANCE_TOPICS, type WebhookTopic } from "./webhook-topics";

/** Shopify's webhook bodies are far smaller; anything bigger is refused before it is read in full. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

const ok = () => new Response(null, { status: 200 });

/**
 * Every webhook route: size limit (413), authenticate.webhook (bad or missing HMAC: 401,
 * nothing written), a shop that is not installed (200, nothing written), the payload
 * parsed losslessly and validated with zod (a schema break: 200 and a dead letter, since
 * a retry cannot fix it), then one service call in one transaction, and 200.
 */
export async function handleWebhook(request: Request, routeTopics: readonly WebhookTopic[]): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) return new Response("Payload too large", { status: 413 });
  // Unsigned is unauthenticated (the library would call it a bad request: missing header).
  if (!request.headers.get("x-shopify-hmac-sha256")) return new Response("Unauthorized", { status: 401 });
  const bytes = await readLimited(request, MAX_WEBHOOK_BYTES);
  if (bytes === null) return new Response("Payload too large", { status: 413 });
  const rawBody = new TextDecoder().decode(bytes);

  let context;
  try {
    context = await authenticate.webhook(new Request(request.url, { method: request.method, headers: shopifyHeaders(request.headers), body: bytes }));
  } catch (error) {
    if (error instanceof Response) throw error;
    // A body that is signed but is not JSON: nothing a retry would change.
    if (error instanceof SyntaxError) return new Response("Body is not JSON", { status: 400 });
    throw error;
  }
  // The library reports topics in storage form ("ORDERS_PAID").
  const topic = routeTopics.find((candidate) => storageForm(candidate) === context.topic);
  if (!topic) return new Response(`Topic ${context.topic} is not handled at this address`, { status: 400 });
  if (!COMPLIANCE_TOPICS.has(topic) && topic !== "app/uninstalled" && !context.session) return ok();

  // authenticate.webhook has parsed the body already; only ids beyond 2^53 need a second, lossless pass.
  const payload: unknown = /\d{16}/.test(rawBody) ? parseWebhookJson(rawBody) : context.payload;
  const receivedAt = new Date();
  const outcome = await WEBHOOK_HANDLERS[topic](getDatabase(), { shop: context.shop, topic, payload, receivedAt });
  if (outcome.status === "invalid_payload") {
    await recordDeadLetter(
      getDatabase(),
      { shopDomain: context.shop, topic, webhookId: context.webhookId ?? null, reason: outcome.reason, payload: rawBody },
      receivedAt,
    );
  }
  return ok();
}

/** The headers authenticate.webhook requires (webhook-type detection and validation). */
const REQUIRED_HEADERS = ["x-shopify-hmac-sha256", "x-shopify-topic", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id"];

/**
 * Only the headers the library requires go to authenticate.webhook: it canonicalises every
 * header name once per header it looks up (measured at ~7 % of a webhook's CPU with a
 * proxy's headers), and Wafa uses none of the optional ones.
 */
function shopifyHeaders(headers: Headers): Headers {
  const kept = new Headers();
  for (const name of REQUIRED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept.set(name, value);
  }
  return kept;
}

const storageForm = (topic: WebhookTopic) => topic.toUpperCase().replace(/\//g, "_");

/** The body's bytes, or null when they exceed `limit` (whatever Content-Length said). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  // The host (app/server/node-adapter.ts) refuses larger bodies before reading them; this
  // check keeps the route safe behind any other server.
  const bytes = new Uint8Array(await request.arrayBuffer());
  return bytes.byteLength > limit ? null : bytes;
}
