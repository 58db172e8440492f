import { BlockStack, Card, Checkbox, ChoiceList, Text } from "@shopify/polaris";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import { EXPIRY_POLICIES, type ExpiryRule, type PendingRule } from "~/loyalty/program/program";
import { ListField, NumberField } from "./fields";
import { issueAt } from "./issues";

const POLICY_CHOICES = [
  { label: "Points never expire", value: "never" },
  { label: "The whole balance expires after a time without activity (earning or redeeming)", value: "inactivity" },
  { label: "Each batch of points expires a set time after it was earned (oldest used first)", value: "per_batch" },
] as const;

/** A day as typed: NaN for anything that is not a number, so the core reports it. */
const asDay = (item: string) => (/^-?\d+(\.\d+)?$/.test(item) ? Number(item) : Number.NaN);

/** The pending period, expiry and its reminders (rules-schema.ts PendingRule and ExpiryRule). */
export function ExpiryRulesEditor({
  pending,
  expiry,
  onChange,
  issues,
  pointsName,
}: {
  readonly pending: PendingRule;
  readonly expiry: ExpiryRule;
  readonly onChange: (change: { pending: PendingRule; expiry: ExpiryRule }) => void;
  readonly issues: readonly ProgramIssue[];
  readonly pointsName: string;
}) {
  const reminderError = issueAt(issues, "expiry", "reminderDaysBefore") ?? expiry.reminderDaysBefore.map((_, index) => issueAt(issues, "expiry", "reminderDaysBefore", index)).find(Boolean);
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Checkbox
            label={<Text as="span" variant="headingMd">Hold new {pointsName} as pending</Text>}
            helpText="Points from an order become usable only after this many days, so returns can take them back before they are spent."
            checked={pending.enabled}
            onChange={(enabled) => onChange({ pending: { ...pending, enabled }, expiry })}
          />
          {pending.enabled ? (
            <NumberField label="Pending for" suffix="days" value={pending.days} onChange={(days) => onChange({ pending: { ...pending, days }, expiry })} error={issueAt(issues, "pending", "days")} />
          ) : null}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <ChoiceList
            title={<Text as="span" variant="headingMd">When {pointsName} expire</Text>}
            choices={POLICY_CHOICES.map((choice) => ({ ...choice }))}
            selected={[expiry.policy]}
            onChange={([policy]) => onChange({ pending, expiry: { ...expiry, policy: EXPIRY_POLICIES.find((candidate) => candidate === policy) ?? expiry.policy } })}
          />
          {expiry.policy !== "never" ? (
            <>
              <NumberField
                label={expiry.policy === "inactivity" ? "Expire after this long without activity" : "Expire this long after being earned"}
                suffix="months"
                value={expiry.months}
                onChange={(months) => onChange({ pending, expiry: { ...expiry, months } })}
                error={issueAt(issues, "expiry", "months")}
              />
              <ListField
                label="Remind members this many days before"
                helpText="Up to 3 reminders, e.g. 30, 7. Each sends a “points about to expire” message."
                values={expiry.reminderDaysBefore}
                parse={asDay}
                onChange={(reminderDaysBefore) => onChange({ pending, expiry: { ...expiry, reminderDaysBefore } })}
                error={reminderError}
              />
            </>
          ) : null}
          <Text as="p" tone="subdued">
            A new expiry rule applies from the moment you save it; {pointsName} already expired stay expired.
          </Text>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
