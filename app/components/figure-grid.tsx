import { BlockStack, InlineGrid, Text } from "@shopify/polaris";

/** Headline figures side by side, each a small label over its value (program summary, onboarding preview). */
export function FigureGrid({ figures }: { readonly figures: readonly (readonly [label: string, value: string])[] }) {
  return (
    <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
      {figures.map(([label, value]) => (
        <BlockStack key={label} gap="100">
          <Text as="p" tone="subdued">
            {label}
          </Text>
          <Text as="p" variant="headingLg">
            {value}
          </Text>
        </BlockStack>
      ))}
    </InlineGrid>
  );
}
