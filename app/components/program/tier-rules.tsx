import { BlockStack, Button, ButtonGroup, Card, Checkbox, EmptyState, FormLayout, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useId } from "react";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import { TIER_METRICS, TIER_WINDOWS, type TierLevel, type TierRules } from "~/loyalty/program/program";
import { EMPTY_ILLUSTRATION } from "./empty-illustration";
import { MoneyField, NumberField } from "./fields";
import { issueAt } from "./issues";

const METRIC_LABELS = { spend: "Amount spent", points: "Points earned", orders: "Number of orders" } as const;
const WINDOW_LABELS = { lifetime: "Since they joined", calendar_year: "This calendar year", rolling_12_months: "The last 12 months" } as const;

type Props = {
  readonly tiers: TierRules;
  readonly onChange: (tiers: TierRules) => void;
  readonly issues: readonly ProgramIssue[];
  readonly currency: string;
  readonly pointsName: string;
};

/** An id no other level uses: ids are stable (rewards and members refer to them), names can change. */
function newLevel(levels: readonly TierLevel[]): TierLevel {
  let number = levels.length + 1;
  while (levels.some((level) => level.id === `tier-${number}`)) number += 1;
  const highest = levels.at(-1)?.threshold ?? -1;
  return { id: `tier-${number}`, name: `Tier ${number}`, threshold: highest + 1, entryBonusPoints: 0, perks: { earnMultiplierPercent: 100, earlyAccess: false } };
}

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** Tier settings and levels (rules-schema.ts TierRules), lowest level first. */
export function TierRulesEditor({ tiers, onChange, issues, currency, pointsName }: Props) {
  const at = (...path: (string | number)[]) => issueAt(issues, "tiers", ...path);
  // Every level repeats the same labels (Name, Entry bonus…): each card is a group named by
  // its heading, so a screen reader says which level a field belongs to.
  const headingId = useId();
  const setLevel = (index: number, level: TierLevel) => onChange({ ...tiers, levels: tiers.levels.map((current, position) => (position === index ? level : current)) });
  const addLevel = () => onChange({ ...tiers, enabled: true, levels: [...tiers.levels, newLevel(tiers.levels)] });
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Checkbox
            label={<Text as="span" variant="headingMd">Tiers are on</Text>}
            helpText="Members move up as they qualify; higher tiers can earn faster and get perks."
            checked={tiers.enabled}
            onChange={(enabled) => onChange({ ...tiers, enabled })}
          />
          <FormLayout>
            <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
              <Select label="Qualify by" options={TIER_METRICS.map((metric) => ({ label: METRIC_LABELS[metric], value: metric }))} value={tiers.metric} onChange={(metric) => onChange({ ...tiers, metric: TIER_METRICS.find((candidate) => candidate === metric) ?? tiers.metric })} />
              <Select label="Counted over" options={TIER_WINDOWS.map((window) => ({ label: WINDOW_LABELS[window], value: window }))} value={tiers.window} onChange={(window) => onChange({ ...tiers, window: TIER_WINDOWS.find((candidate) => candidate === window) ?? tiers.window })} />
              <NumberField label="Grace before a downgrade" suffix="days" value={tiers.downgradeGraceDays} onChange={(downgradeGraceDays) => onChange({ ...tiers, downgradeGraceDays })} error={at("downgradeGraceDays")} />
            </InlineGrid>
          </FormLayout>
          {at("levels") ? <Text as="p" tone="critical">{at("levels")}</Text> : null}
        </BlockStack>
      </Card>
      {tiers.levels.length === 0 ? (
        <Card>
          <EmptyState heading="No tiers yet" action={{ content: "Add your first tier", onAction: addLevel }} image={EMPTY_ILLUSTRATION}>
            <p>Tiers reward your best customers: e.g. Member, Gold and Elite, each earning a little more.</p>
          </EmptyState>
        </Card>
      ) : (
        <>
          {tiers.levels.map((level, index) => (
            <div key={level.id} role="group" aria-labelledby={`${headingId}-${index}`}>
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="center">
                    <Text as="h3" variant="headingSm" id={`${headingId}-${index}`}>
                      Level {index + 1}: {level.name || "(no name)"}
                    </Text>
                    <ButtonGroup>
                      <Button disabled={index === 0} onClick={() => onChange({ ...tiers, levels: move(tiers.levels, index, index - 1) })} accessibilityLabel={`Move ${level.name} down a level`}>
                        Lower
                      </Button>
                      <Button disabled={index === tiers.levels.length - 1} onClick={() => onChange({ ...tiers, levels: move(tiers.levels, index, index + 1) })} accessibilityLabel={`Move ${level.name} up a level`}>
                        Higher
                      </Button>
                      <Button tone="critical" onClick={() => onChange({ ...tiers, levels: tiers.levels.filter((_, position) => position !== index) })} accessibilityLabel={`Remove ${level.name}`}>
                        Remove
                      </Button>
                    </ButtonGroup>
                  </InlineStack>
                  <FormLayout>
                    <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                      <TextField label="Name" value={level.name} onChange={(name) => setLevel(index, { ...level, name })} error={at("levels", index, "name") ?? at("levels", index, "id")} autoComplete="off" />
                      {tiers.metric === "spend" ? (
                        <MoneyField label="Reached at (amount spent)" currency={currency} valueMinor={level.threshold} onChange={(threshold) => setLevel(index, { ...level, threshold })} error={at("levels", index, "threshold")} />
                      ) : (
                        <NumberField label={tiers.metric === "orders" ? "Reached at (orders)" : `Reached at (${pointsName} earned)`} value={level.threshold} onChange={(threshold) => setLevel(index, { ...level, threshold })} error={at("levels", index, "threshold")} />
                      )}
                      <NumberField label="Entry bonus" suffix={pointsName} helpText="Given once, the first time a member reaches this tier." value={level.entryBonusPoints} onChange={(entryBonusPoints) => setLevel(index, { ...level, entryBonusPoints })} error={at("levels", index, "entryBonusPoints")} />
                      <NumberField
                        label="Earn multiplier"
                        suffix="%"
                        helpText="100 % earns as usual, 150 % earns 1.5× on purchases."
                        value={level.perks.earnMultiplierPercent}
                        onChange={(earnMultiplierPercent) => setLevel(index, { ...level, perks: { ...level.perks, earnMultiplierPercent } })}
                        error={at("levels", index, "perks", "earnMultiplierPercent")}
                      />
                    </InlineGrid>
                    <Checkbox
                      label="Early access"
                      helpText="Members of this tier get a customer tag and metafield you can use for early sale access."
                      checked={level.perks.earlyAccess}
                      onChange={(earlyAccess) => setLevel(index, { ...level, perks: { ...level.perks, earlyAccess } })}
                    />
                  </FormLayout>
                </BlockStack>
              </Card>
            </div>
          ))}
          <InlineStack>
            <Button onClick={addLevel} disabled={tiers.levels.length >= 10}>
              Add a tier
            </Button>
          </InlineStack>
        </>
      )}
    </BlockStack>
  );
}
