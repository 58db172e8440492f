import { Banner, BlockStack, List, Text } from "@shopify/polaris";
import { placementExampleLines, placementHeadline, placementTierLines } from "~/loyalty/tiers/placement-description";
import type { PlacementImpact } from "~/loyalty/tiers/tier-placement";

/**
 * Before a save that moves members or grants points: who moves (counts per tier and a few
 * names) and what the entry bonuses cost, then "Save and apply" or "Keep editing". Nothing
 * is written until the merchant confirms this very impact (issue 10, item 10).
 */
export function PlacementConfirmation({
  placement,
  currencyCode,
  confirm,
  cancel,
  saving,
}: {
  readonly placement: PlacementImpact;
  readonly currencyCode: string;
  readonly confirm: () => void;
  readonly cancel: () => void;
  readonly saving: boolean;
}) {
  const tiers = placementTierLines(placement);
  const examples = placementExampleLines(placement);
  return (
    <Banner
      tone="warning"
      title="Confirm before saving: this changes members' tiers"
      action={{ content: "Save and apply", onAction: confirm, loading: saving }}
      secondaryAction={{ content: "Keep editing", onAction: cancel }}
    >
      <BlockStack gap="200">
        <Text as="p">{placementHeadline(placement, currencyCode)}</Text>
        {tiers.length > 0 ? (
          <List>
            {tiers.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        ) : null}
        {examples.length > 0 ? (
          <Text as="p" tone="subdued">
            Who moves: {examples.join("; ")}.
          </Text>
        ) : null}
        {placement.graceStarted > 0 ? (
          <Text as="p" tone="subdued">
            {placement.graceStarted.toLocaleString("en")} {placement.graceStarted === 1 ? "member falls" : "members fall"} below their tier and keep it for the grace period.
          </Text>
        ) : null}
      </BlockStack>
    </Banner>
  );
}
