import { z } from "zod";
import type { ProductFacts } from "../../repositories/products.server";
import { gidOf, NumericId, Timestamp, toGid } from "./common";

/**
 * products/create and products/update: only what earning needs (the tags a program can
 * exclude from the points base) and the timestamp that orders deliveries. Shopify sends
 * tags as one comma-separated string.
 */
export const ProductPayload = z.object({
  admin_graphql_api_id: gidOf("Product"),
  title: z.string().nullish(),
  tags: z.string().nullish(),
  updated_at: Timestamp,
});
export type ProductPayload = z.infer<typeof ProductPayload>;

/** products/delete carries only the id. */
export const ProductDeletePayload = z.object({ id: NumericId });

export function parseProductTags(tags: string | null | undefined): string[] {
  if (!tags) return [];
  return [...new Set(tags.split(",").map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
}

export function productFacts(product: ProductPayload): ProductFacts {
  return { productGid: product.admin_graphql_api_id, title: product.title ?? null, tags: parseProductTags(product.tags), shopifyUpdatedAt: product.updated_at };
}

export const productGidOf = (id: string) => toGid("Product", id);
