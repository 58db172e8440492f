import { createHmac, randomUUID } from "node:crypto";
import { WEBHOOK_TOPICS, type WebhookTopic } from "../shopify/webhook-topics";

export type Webhook = { readonly topic: WebhookTopic; readonly payload: unknown; readonly at: Date };

export type DeliveryTarget = {
  /** The app's base URL, e.g. http://127.0.0.1:3000 */
  readonly appUrl: string;
  readonly apiSecret: string;
  readonly shop: string;
  readonly apiVersion: string;
};

export type DeliveryResult = { readonly topic: WebhookTopic; readonly status: number; readonly attempts: number };

/** The headers Shopify sends with a webhook, signed over the exact body bytes. */
export function signedWebhookRequest(target: DeliveryTarget, webhook: Webhook, body = JSON.stringify(webhook.payload)): Request {
  return new Request(new URL(WEBHOOK_TOPICS[webhook.topic], target.appUrl), {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": webhook.topic,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", target.apiSecret).update(body, "utf8").digest("base64"),
      "X-Shopify-Shop-Domain": target.shop,
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": webhook.at.toISOString(),
      "X-Shopify-API-Version": target.apiVersion,
    },
  });
}

const RETRY_DELAYS_MS = [50, 200, 1000];

/**
 * Delivers over HTTP like Shopify: at least once, retrying failures (Shopify retries 8 times
 * over 4 hours; the sandbox, a few times over a second). `concurrency` > 1 lets deliveries
 * overlap, so their order is not guaranteed, as with Shopify.
 */
export async function deliverWebhooks(
  target: DeliveryTarget,
  webhooks: readonly Webhook[],
  options: { concurrency?: number } = {},
): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = new Array(webhooks.length);
  let next = 0;
  const worker = async () => {
    while (next < webhooks.length) {
      const index = next++;
      const webhook = webhooks[index];
      if (webhook) results[index] = await deliverOne(target, webhook);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return results;
}

async function deliverOne(target: DeliveryTarget, webhook: Webhook): Promise<DeliveryResult> {
  const body = JSON.stringify(webhook.payload);
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    try {
      const response = await fetch(signedWebhookRequest(target, webhook, body));
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    const delay = RETRY_DELAYS_MS[attempt - 1];
    if ((status >= 200 && status < 300) || delay === undefined || (status >= 400 && status < 500)) {
      return { topic: webhook.topic, status, attempts: attempt };
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
