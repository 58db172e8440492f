import { BlockStack, Button, InlineError, InlineStack, Tag, Text } from "@shopify/polaris";
import { useEffect, useId, useState } from "react";
import { z } from "zod";

/**
 * Choosing products and collections with App Bridge's resource picker
 * (https://shopify.dev/docs/api/app-bridge-library/apis/resource-picker): it resolves to the
 * selection (GIDs, titles, a product's variants) or undefined when the merchant cancels.
 * The picker lives in Shopify admin's chrome, so it is only known once the page runs in the
 * browser; until then (and wherever App Bridge lacks it) the editor keeps its text fields.
 */

/** Whether App Bridge offers the resource picker here: false on the server and until hydrated. */
export function useResourcePickerAvailable(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    setAvailable("shopify" in window && typeof window.shopify.resourcePicker === "function");
  }, []);
  return available;
}

// The picker's answer is Shopify's data, validated like any other edge; only what we keep is read.
const PickedProduct = z.object({
  id: z.string(),
  title: z.string(),
  variants: z.array(z.object({ id: z.string().optional() }).passthrough()),
});
const PickedCollection = z.object({ id: z.string(), title: z.string() });

export type ChosenProduct = { readonly productId: string; readonly variantId: string; readonly productTitle: string };

type ProductPickerProps = {
  readonly productId: string;
  readonly variantId: string;
  readonly productTitle: string;
  readonly error: string | undefined;
  readonly onChoose: (product: ChosenProduct) => void;
};

/** "Choose product…": one product, and the variant the merchant ticked (its first one otherwise). */
export function ProductPicker({ productId, variantId, productTitle, error, onChoose }: ProductPickerProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  const message = problem ?? error;
  const choose = async () => {
    const selectionIds = productId ? [{ id: productId, ...(variantId ? { variants: [{ id: variantId }] } : {}) }] : [];
    const picked = await window.shopify.resourcePicker({ type: "product", action: "select", multiple: false, selectionIds });
    if (!picked) return; // cancelled: keep the current product
    const product = PickedProduct.safeParse(picked[0]);
    const variant = product.success ? product.data.variants.find((candidate) => candidate.id)?.id : undefined;
    if (!product.success || !variant) {
      setProblem("Shopify did not say which product or variant was chosen. Try again, or type the ids.");
      return;
    }
    setProblem(null);
    onChoose({ productId: product.data.id, variantId: variant, productTitle: product.data.title });
  };
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center">
        <Button onClick={() => void choose()}>{productId ? "Change product…" : "Choose product…"}</Button>
        <Text as="span" tone={productId ? undefined : "subdued"}>
          {productId ? `${productTitle || productId} (variant ${variantId || "not chosen"})` : "No product chosen yet"}
        </Text>
      </InlineStack>
      {message ? <InlineError message={message} fieldID={errorId} /> : null}
    </BlockStack>
  );
}

type CollectionPickerProps = {
  readonly label: string;
  readonly collectionIds: readonly string[];
  readonly error: string | undefined;
  readonly onChange: (collectionIds: string[]) => void;
};

/** "Choose collections…", with the chosen ones as tags that can be removed one by one. */
export function CollectionPicker({ label, collectionIds, error, onChange }: CollectionPickerProps) {
  // The program keeps ids only; titles are known for what was picked on this page.
  const [titles, setTitles] = useState<Readonly<Record<string, string>>>({});
  const errorId = useId();
  const choose = async () => {
    const picked = await window.shopify.resourcePicker({ type: "collection", action: "select", multiple: true, selectionIds: collectionIds.map((id) => ({ id })) });
    if (!picked) return;
    const collections = picked.flatMap((item) => {
      const parsed = PickedCollection.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    setTitles((known) => ({ ...known, ...Object.fromEntries(collections.map((collection) => [collection.id, collection.title])) }));
    onChange(collections.map((collection) => collection.id));
  };
  return (
    <BlockStack gap="200">
      <Text as="p">{label}</Text>
      <InlineStack gap="200" blockAlign="center">
        <Button onClick={() => void choose()}>Choose collections…</Button>
        {collectionIds.length === 0 ? (
          <Text as="span" tone="subdued">
            None: the whole order counts.
          </Text>
        ) : (
          collectionIds.map((id) => (
            <Tag key={id} onRemove={() => onChange(collectionIds.filter((other) => other !== id))} accessibilityLabel={`Remove ${titles[id] ?? id}`}>
              {titles[id] ?? id}
            </Tag>
          ))
        )}
      </InlineStack>
      {error ? <InlineError message={error} fieldID={errorId} /> : null}
    </BlockStack>
  );
}
