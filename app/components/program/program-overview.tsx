import { BlockStack, Card, InlineGrid, Select, Text } from "@shopify/polaris";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import { PROGRAM_KINDS, type ProgramKind, type ProgramRules } from "~/loyalty/program/program";
import { PRESETS } from "~/loyalty/program/presets";
import { MoneyField, NumberField } from "./fields";
import { capitalised, issueAt } from "./issues";

const KIND_TITLES: Record<ProgramKind, string> = {
  ...(Object.fromEntries(PRESETS.map((preset) => [preset.kind, preset.title])) as Record<Exclude<ProgramKind, "custom">, string>),
  custom: "Custom",
};

/** The program's kind and what a point is worth (for previews, liability and "points for money"). */
export function ProgramOverviewCard({
  draft,
  onChange,
  issues,
  currency,
  version,
  effectiveAt,
  pointsName,
}: {
  readonly draft: ProgramRules;
  readonly onChange: (draft: ProgramRules) => void;
  readonly issues: readonly ProgramIssue[];
  readonly currency: string;
  readonly version: number | null;
  readonly effectiveAt: string | null;
  readonly pointsName: string;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Your program
        </Text>
        {version !== null && effectiveAt ? (
          <Text as="p" tone="subdued">
            Version {version}, in force since {new Date(effectiveAt).toLocaleString("en", { dateStyle: "long", timeStyle: "short" })}. Saving makes a new version that applies to orders from then on; points already earned never change.
          </Text>
        ) : null}
        <Select
          label="Kind of program"
          options={PROGRAM_KINDS.map((kind) => ({ label: KIND_TITLES[kind], value: kind }))}
          value={draft.kind}
          onChange={(kind) => onChange({ ...draft, kind: PROGRAM_KINDS.find((candidate) => candidate === kind) ?? "custom" })}
          helpText="Sets the wording of help texts; it does not change any rule."
        />
        <InlineGrid columns={2} gap="300">
          <NumberField label={`${capitalised(pointsName)} …`} value={draft.pointValue.points} onChange={(points) => onChange({ ...draft, pointValue: { ...draft.pointValue, points } })} error={issueAt(issues, "pointValue", "points")} />
          <MoneyField
            label="… are worth"
            helpText="Used for previews and to value outstanding points."
            currency={currency}
            valueMinor={draft.pointValue.amountMinor}
            onChange={(amountMinor) => onChange({ ...draft, pointValue: { ...draft.pointValue, amountMinor } })}
            error={issueAt(issues, "pointValue", "amountMinor")}
          />
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
