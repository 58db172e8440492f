import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { serverEnv, type ServerEnv } from "../env.server";
import { API_VERSION } from "../shopify/api-version";
import { deliverWebhooks, type DeliveryResult, type Webhook } from "./delivery.server";
import { SandboxStore } from "./store/store";

const SandboxFile = z.object({
  version: z.literal(1),
  shopDomain: z.string(),
  shopName: z.string(),
  currency: z.string(),
  historyStart: z.iso.datetime(),
  seededAt: z.iso.datetime().nullable(),
  store: z.unknown(),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The simulated store's state, kept in a JSON file beside the database it feeds (one per
 * shop and DATABASE_URL), so orders placed before a restart can still be paid, refunded
 * or cancelled after it. Operations run one at a time.
 */
export class SandboxRuntime {
  readonly shopDomain: string;
  readonly shopName: string;
  readonly currency: string;
  readonly historyStart: Date;
  seededAt: Date | null;
  store: SandboxStore;
  readonly #file: string;
  readonly #env: ServerEnv;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(env: ServerEnv, now = new Date()) {
    this.#env = env;
    const databaseKey = createHash("sha256").update(env.DATABASE_URL).digest("hex").slice(0, 10);
    this.#file = path.resolve(env.SANDBOX_STATE_DIR, `${env.SANDBOX_SHOP}-${databaseKey}.json`);
    const saved = readSandboxFile(this.#file);
    this.shopDomain = env.SANDBOX_SHOP;
    this.shopName = saved?.shopName ?? "Wafa Sandbox Store";
    this.currency = saved?.currency ?? env.SANDBOX_CURRENCY;
    // The demo shop behaves as if Wafa was installed a year ago, when its history begins.
    this.historyStart = saved ? new Date(saved.historyStart) : new Date(Math.floor((now.getTime() - 365 * DAY_MS) / DAY_MS) * DAY_MS);
    this.seededAt = saved?.seededAt ? new Date(saved.seededAt) : null;
    this.store = saved ? SandboxStore.fromJSON(saved.store) : SandboxStore.empty({ shopDomain: this.shopDomain, currency: this.currency });
  }

  /** Runs a store operation after any in flight, saves the store, then delivers what it emitted. */
  async perform<T extends { emitted: readonly Webhook[] }>(operation: (store: SandboxStore) => T, options: { concurrency?: number } = {}) {
    const run = this.#queue.then(async () => {
      const result = operation(this.store);
      this.save();
      const deliveries = await this.deliver(result.emitted, options);
      return { ...result, deliveries };
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  deliver(webhooks: readonly Webhook[], options: { concurrency?: number } = {}): Promise<DeliveryResult[]> {
    return deliverWebhooks(
      { appUrl: this.#env.SHOPIFY_APP_URL, apiSecret: this.#env.SHOPIFY_API_SECRET, shop: this.shopDomain, apiVersion: API_VERSION },
      webhooks,
      options,
    );
  }

  save(): void {
    mkdirSync(path.dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    const file: z.input<typeof SandboxFile> = {
      version: 1,
      shopDomain: this.shopDomain,
      shopName: this.shopName,
      currency: this.currency,
      historyStart: this.historyStart.toISOString(),
      seededAt: this.seededAt?.toISOString() ?? null,
      store: this.store.toJSON(),
    };
    writeFileSync(temporary, JSON.stringify(file));
    renameSync(temporary, this.#file);
  }
}

function readSandboxFile(file: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  return SandboxFile.parse(JSON.parse(text));
}

let runtime: SandboxRuntime | undefined;

export function sandboxRuntime(): SandboxRuntime {
  runtime ??= new SandboxRuntime(serverEnv());
  return runtime;
}
