import { Badge, BlockStack, Button, ButtonGroup, Card, Checkbox, ChoiceList, FormLayout, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { minorUnitsPerUnit } from "~/loyalty/money/currency";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import type { Reward, RewardLimit, TierRules } from "~/loyalty/program/program";
import { ListField, MoneyField, NumberField, OptionalSetting, PERIOD_OPTIONS } from "./fields";
import { issueAt } from "./issues";
import { CollectionPicker, ProductPicker, useResourcePickerAvailable } from "./resource-pickers";
import { REWARD_KIND_LABELS } from "./reward-defaults";

type Props = {
  readonly reward: Reward;
  readonly index: number;
  readonly count: number;
  readonly onChange: (reward: Reward) => void;
  readonly onRemove: () => void;
  readonly onMove: (to: number) => void;
  readonly tiers: TierRules;
  readonly issues: readonly ProgramIssue[];
  readonly currency: string;
  readonly pointsName: string;
};

const LIMIT_PERIODS = [...PERIOD_OPTIONS, { label: "lifetime", value: "lifetime" }] as const;
const asLimitPeriod = (value: string): RewardLimit["period"] => LIMIT_PERIODS.find((option) => option.value === value)?.value ?? "month";

/** One reward of the catalogue: its kind's own fields, then cost, conditions, tiers and limit. */
export function RewardEditor({ reward, index, count, onChange, onRemove, onMove, tiers, issues, currency, pointsName }: Props) {
  const at = (...path: (string | number)[]) => issueAt(issues, "rewards", index, ...path);
  const tierChoices = [
    ...tiers.levels.map((level) => ({ label: level.name, value: level.id })),
    ...reward.tierIds.filter((id) => !tiers.levels.some((level) => level.id === id)).map((id) => ({ label: `${id} (no such tier)`, value: id })),
  ];
  const tierError = at("tierIds") ?? reward.tierIds.map((_, position) => at("tierIds", position)).find(Boolean);
  const canPick = useResourcePickerAvailable();
  const collectionsLabel = "Only for products in these collections";
  const collectionsError = at("conditions", "collectionIds") ?? reward.conditions.collectionIds.map((_, position) => at("conditions", "collectionIds", position)).find(Boolean);
  const setCollectionIds = (collectionIds: string[]) => onChange({ ...reward, conditions: { ...reward.conditions, collectionIds } });
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {reward.name || "(no name)"}
            </Text>
            <Badge>{REWARD_KIND_LABELS[reward.kind]}</Badge>
            {reward.enabled ? null : <Badge tone="attention">Off</Badge>}
          </InlineStack>
          <ButtonGroup>
            <Button disabled={index === 0} onClick={() => onMove(index - 1)} accessibilityLabel={`Move ${reward.name} up`}>
              Up
            </Button>
            <Button disabled={index === count - 1} onClick={() => onMove(index + 1)} accessibilityLabel={`Move ${reward.name} down`}>
              Down
            </Button>
            <Button tone="critical" onClick={onRemove} accessibilityLabel={`Remove ${reward.name}`}>
              Remove
            </Button>
          </ButtonGroup>
        </InlineStack>
        <FormLayout>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <TextField label="Name shoppers see" value={reward.name} onChange={(name) => onChange({ ...reward, name })} error={at("name") ?? at("id")} autoComplete="off" />
            <Checkbox label="Offered" checked={reward.enabled} onChange={(enabled) => onChange({ ...reward, enabled })} helpText="Turn off to hide it without losing its settings." />
          </InlineGrid>
          <KindFields reward={reward} onChange={onChange} at={at} currency={currency} pointsName={pointsName} canPick={canPick} />
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <MoneyField label="Minimum order" currency={currency} valueMinor={reward.conditions.minimumOrderMinor} onChange={(minimumOrderMinor) => onChange({ ...reward, conditions: { ...reward.conditions, minimumOrderMinor } })} error={at("conditions", "minimumOrderMinor")} />
            {canPick ? (
              <CollectionPicker label={collectionsLabel} collectionIds={reward.conditions.collectionIds} error={collectionsError} onChange={setCollectionIds} />
            ) : (
              <ListField label={collectionsLabel} helpText="Collection ids (gid://shopify/Collection/…), separated by commas; empty: the whole order." values={reward.conditions.collectionIds} onChange={setCollectionIds} error={collectionsError} />
            )}
          </InlineGrid>
          {tierChoices.length > 0 ? (
            <ChoiceList
              allowMultiple
              title="Only for members of these tiers (none chosen: every member)"
              choices={tierChoices}
              selected={[...reward.tierIds]}
              onChange={(tierIds) => onChange({ ...reward, tierIds })}
              {...(tierError ? { error: tierError } : {})}
            />
          ) : (
            <Text as="p" tone="subdued">
              Every member can use it. Add tiers to offer rewards to some tiers only.
            </Text>
          )}
          <OptionalSetting label="Limit how often a member can use it" value={reward.limit} whenOn={{ maxUses: 1, period: "month" as const }} onChange={(limit) => onChange({ ...reward, limit })}>
            {(limit) => (
              <InlineGrid columns={2} gap="300">
                <NumberField label="At most (uses)" value={limit.maxUses} onChange={(maxUses) => onChange({ ...reward, limit: { ...limit, maxUses } })} error={at("limit", "maxUses")} />
                <Select label="each" options={[...LIMIT_PERIODS]} value={limit.period} onChange={(period) => onChange({ ...reward, limit: { ...limit, period: asLimitPeriod(period) } })} />
              </InlineGrid>
            )}
          </OptionalSetting>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

type KindProps = {
  readonly reward: Reward;
  readonly onChange: (reward: Reward) => void;
  readonly at: (...path: (string | number)[]) => string | undefined;
  readonly currency: string;
  readonly pointsName: string;
  /** App Bridge's resource picker is there: choose products by name rather than typing ids. */
  readonly canPick: boolean;
};

function CostField({ cost, onChange, error, pointsName }: { cost: number; onChange: (cost: number) => void; error: string | undefined; pointsName: string }) {
  return <NumberField label="Cost" suffix={pointsName} value={cost} onChange={onChange} error={error} helpText="Free (0) only as a tier perk with a use limit." />;
}

/** The fields that differ by kind (rules-schema.ts RewardSchema). */
function KindFields({ reward, onChange, at, currency, pointsName, canPick }: KindProps) {
  switch (reward.kind) {
    case "fixed_amount":
    case "store_credit":
      return (
        <InlineGrid columns={2} gap="300">
          <CostField cost={reward.cost} onChange={(cost) => onChange({ ...reward, cost })} error={at("cost")} pointsName={pointsName} />
          <MoneyField label={reward.kind === "fixed_amount" ? "Amount off" : "Store credit"} currency={currency} valueMinor={reward.amountMinor} onChange={(amountMinor) => onChange({ ...reward, amountMinor })} error={at("amountMinor")} />
        </InlineGrid>
      );
    case "percentage":
      return (
        <InlineGrid columns={2} gap="300">
          <CostField cost={reward.cost} onChange={(cost) => onChange({ ...reward, cost })} error={at("cost")} pointsName={pointsName} />
          <NumberField label="Percentage off" suffix="%" value={reward.percent} onChange={(percent) => onChange({ ...reward, percent })} error={at("percent")} />
        </InlineGrid>
      );
    case "free_shipping":
      return (
        <BlockStack gap="300">
          <CostField cost={reward.cost} onChange={(cost) => onChange({ ...reward, cost })} error={at("cost")} pointsName={pointsName} />
          <OptionalSetting label="Cover shipping only up to an amount" value={reward.maxShippingMinor} whenOn={10 * minorUnitsPerUnit(currency)} onChange={(maxShippingMinor) => onChange({ ...reward, maxShippingMinor })}>
            {(max) => <MoneyField label="Most shipping covered" currency={currency} valueMinor={max} onChange={(maxShippingMinor) => onChange({ ...reward, maxShippingMinor })} error={at("maxShippingMinor")} />}
          </OptionalSetting>
        </BlockStack>
      );
    case "free_product":
      return (
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
          <CostField cost={reward.cost} onChange={(cost) => onChange({ ...reward, cost })} error={at("cost")} pointsName={pointsName} />
          <TextField label="Product title" value={reward.productTitle} onChange={(productTitle) => onChange({ ...reward, productTitle })} error={at("productTitle")} autoComplete="off" />
          {canPick ? (
            <ProductPicker
              productId={reward.productId}
              variantId={reward.variantId}
              productTitle={reward.productTitle}
              error={at("productId") ?? at("variantId")}
              onChoose={(product) => onChange({ ...reward, ...product })}
            />
          ) : (
            <>
              <TextField label="Product id" placeholder="gid://shopify/Product/…" value={reward.productId} onChange={(productId) => onChange({ ...reward, productId })} error={at("productId")} autoComplete="off" />
              <TextField label="Variant id" placeholder="gid://shopify/ProductVariant/…" value={reward.variantId} onChange={(variantId) => onChange({ ...reward, variantId })} error={at("variantId")} autoComplete="off" />
            </>
          )}
        </InlineGrid>
      );
    case "variable":
      return (
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
          <NumberField label={`Every (${pointsName})`} value={reward.rate.points} onChange={(points) => onChange({ ...reward, rate: { ...reward.rate, points } })} error={at("rate", "points")} />
          <MoneyField label="is worth" currency={currency} valueMinor={reward.rate.amountMinor} onChange={(amountMinor) => onChange({ ...reward, rate: { ...reward.rate, amountMinor } })} error={at("rate", "amountMinor")} />
          <NumberField label={`Fewest ${pointsName} per use`} value={reward.minPoints} onChange={(minPoints) => onChange({ ...reward, minPoints })} error={at("minPoints")} />
          <NumberField label={`Most ${pointsName} per use`} value={reward.maxPoints} onChange={(maxPoints) => onChange({ ...reward, maxPoints })} error={at("maxPoints")} />
          <Select
            label="Paid as"
            options={[
              { label: "A discount at checkout", value: "discount" },
              { label: "Store credit", value: "store_credit" },
            ]}
            value={reward.payout}
            onChange={(payout) => onChange({ ...reward, payout: payout === "store_credit" ? "store_credit" : "discount" })}
          />
        </InlineGrid>
      );
    case "donation":
      return (
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
          <TextField label="Cause" value={reward.cause} onChange={(cause) => onChange({ ...reward, cause })} error={at("cause")} autoComplete="off" />
          <NumberField label={`Fewest ${pointsName} per donation`} value={reward.minPoints} onChange={(minPoints) => onChange({ ...reward, minPoints })} error={at("minPoints")} />
          <NumberField label={`Every (${pointsName})`} value={reward.rate.points} onChange={(points) => onChange({ ...reward, rate: { ...reward.rate, points } })} error={at("rate", "points")} />
          <MoneyField label="gives" currency={currency} valueMinor={reward.rate.amountMinor} onChange={(amountMinor) => onChange({ ...reward, rate: { ...reward.rate, amountMinor } })} error={at("rate", "amountMinor")} />
        </InlineGrid>
      );
  }
}
