import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, Text } from "@shopify/polaris";
import { useState } from "react";
import type { ProgramRules } from "~/loyalty/program/program";
import { placementHeadline } from "~/loyalty/tiers/placement-description";
import type { ProgramActionResult } from "./program-editor";

const plural = (count: number, one: string, many: string) => `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

/**
 * "Preview changes": asks the server how many members the draft's tier rules would move
 * (their values measured under the proposed metric and window), before anything is saved.
 */
export function TierPreviewCard({ draft, graceDays }: { readonly draft: ProgramRules; readonly graceDays: number }) {
  const fetcher = useFetcher<ProgramActionResult>();
  const [previewed, setPreviewed] = useState<string | null>(null);
  const proposal = JSON.stringify(draft);
  const result = fetcher.data;
  const preview = () => {
    setPreviewed(JSON.stringify(draft.tiers));
    fetcher.submit({ intent: "preview_tiers", program: proposal }, { method: "post" });
  };
  const stale = previewed !== null && previewed !== JSON.stringify(draft.tiers);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Who would move
        </Text>
        <Text as="p" tone="subdued">
          See how many members these tier rules would move before you save them.
        </Text>
        <Button onClick={preview} loading={fetcher.state !== "idle"}>
          Preview changes
        </Button>
        {result?.kind === "invalid" ? (
          <Banner tone="warning" title="Fix the problems shown on the page to preview">
            <p>{result.issues[0]?.message}</p>
          </Banner>
        ) : null}
        {result?.kind === "tier_preview" ? (
          <BlockStack gap="200">
            {stale ? <Banner tone="info">The tiers changed since this preview: preview again.</Banner> : null}
            <Text as="p" variant="headingSm">
              {result.moves.up === 0 && result.moves.down === 0
                ? `Nobody would move (${plural(result.members, "member", "members")}).`
                : `${plural(result.moves.up, "member", "members")} would move up, ${result.moves.down.toLocaleString("en")} down, ${result.moves.unchanged.toLocaleString("en")} would stay.`}
            </Text>
            <Text as="p">{placementHeadline(result.placement, result.currencyCode, "Saving these rules now")}</Text>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric"]}
              headings={["Tier", "Now", "After saving"]}
              rows={result.moves.byTier.map((row) => [row.name, row.before.toLocaleString("en"), row.after.toLocaleString("en")])}
            />
            <Text as="p" tone="subdued">
              Upgrades happen at once. Downgrades wait for the {plural(graceDays, "day", "days")} of grace, so members below a threshold keep their tier until then. Points already earned never change.
            </Text>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
