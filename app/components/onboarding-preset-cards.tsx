import { Badge, BlockStack, Card, InlineGrid, InlineStack, RadioButton, Text } from "@shopify/polaris";
import type { Preset } from "~/loyalty/program/presets";
import type { WizardKind } from "~/loyalty/program/wizard";

export type PresetCardsProps = {
  readonly presets: readonly Preset[];
  readonly selected: WizardKind;
  readonly onSelect: (kind: WizardKind) => void;
};

/** The eight program kinds as cards to choose from, each with its sentence and the guides' example. */
export function PresetCards({ presets, selected, onSelect }: PresetCardsProps) {
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">
        What kind of program fits your shop?
      </Text>
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
        {presets.map((preset) => (
          <Card key={preset.kind} background={preset.kind === selected ? "bg-surface-selected" : "bg-surface"}>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <RadioButton
                  label={<Text as="span" variant="headingSm">{preset.title}</Text>}
                  id={`preset-${preset.kind}`}
                  name="preset"
                  checked={preset.kind === selected}
                  onChange={() => onSelect(preset.kind)}
                />
                {preset.kind === selected ? <Badge tone="success">Selected</Badge> : null}
              </InlineStack>
              <Text as="p">{preset.summary}</Text>
              <Text as="p" tone="subdued">
                {preset.example}
              </Text>
            </BlockStack>
          </Card>
        ))}
      </InlineGrid>
    </BlockStack>
  );
}
