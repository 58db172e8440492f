import { BlockStack, Box, Card, Checkbox, ChoiceList, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import {
  contrastRatio,
  LANGUAGE_NAMES,
  MINIMUM_CONTRAST,
  RIGHT_TO_LEFT,
  SHOPPER_LANGUAGES,
  SURVEY_QUESTIONS,
  type SurveyQuestion,
  type ShopperLanguage,
  type ShopperTexts,
  type ShopSettings,
} from "~/loyalty/settings/shop-settings";
import { changeMainLanguage, WAFA_TEXTS } from "~/loyalty/settings/shopper-texts";

export type SettingsDraft = { readonly settings: ShopSettings; readonly countTestOrders: boolean };

/** Field errors keyed by their path within the settings ("branding.primaryColor"). */
export type SettingsErrors = Readonly<Record<string, string>>;

export function settingsIssuesByField(issues: readonly ProgramIssue[]): SettingsErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".").replace(/^settings\.?/, "") || "settings";
    errors[key] ??= issue.message;
  }
  return errors;
}

const HEX = /^#[0-9a-fA-F]{6}$/;
const TEXT_FIELDS = [
  ["launcherLabel", "Launcher button label", "The button shoppers click to open the rewards panel."],
  ["widgetTitle", "Rewards panel title", "The heading of the panel on your store."],
  ["joinCallToAction", "Invitation to join", "Shown to shoppers who are not members yet."],
] as const;
const TRANSLATABLE: readonly (readonly [keyof ShopperTexts, string])[] = [
  ["pointsSingular", "Points name (singular)"],
  ["pointsPlural", "Points name (plural)"],
  ["launcherLabel", "Launcher button label"],
  ["widgetTitle", "Rewards panel title"],
  ["joinCallToAction", "Invitation to join"],
];

const SURVEY_QUESTION_LABELS: Readonly<Record<SurveyQuestion, string>> = {
  recommend: "How likely are you to recommend us? (0–10, for NPS)",
  satisfaction: "How satisfied are you with your purchase? (1–5, for CSAT)",
  effort: "How easy was it to buy from us? (1–7, for CES)",
  comment: "Anything else you'd like to tell us? (optional text)",
};

export type ShopSettingsFormProps = {
  readonly draft: SettingsDraft;
  readonly currencyCode: string;
  readonly errors: SettingsErrors;
  readonly onChange: (draft: SettingsDraft) => void;
};

/** Points name, money display, branding, shopper texts, languages and test orders. */
export function ShopSettingsForm({ draft, currencyCode, errors, onChange }: ShopSettingsFormProps) {
  const { settings } = draft;
  const set = (next: Partial<ShopSettings>) => onChange({ ...draft, settings: { ...settings, ...next } });
  const setBranding = (next: Partial<ShopSettings["branding"]>) => set({ branding: { ...settings.branding, ...next } });
  const colours = [settings.branding.primaryColor, settings.branding.textOnPrimaryColor];
  const ratio = colours.every((colour) => HEX.test(colour)) ? contrastRatio(colours[0] ?? "", colours[1] ?? "") : null;
  const otherLanguages = settings.languages.enabled.filter((language) => language !== settings.languages.primary);
  const setTranslation = (language: ShopperLanguage, field: keyof ShopperTexts, value: string) => {
    const texts: ShopperTexts = { ...(settings.translations[language] ?? {}), [field]: value };
    if (value === "") delete texts[field];
    set({ translations: { ...settings.translations, [language]: texts } });
  };
  const currencyExample = (display: "symbol" | "code" | "name") => new Intl.NumberFormat("en", { style: "currency", currency: currencyCode, currencyDisplay: display }).format(5);

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Points and money
          </Text>
          <FormLayout>
            <FormLayout.Group>
              <TextField label="Name of one point" value={settings.pointsName.singular} onChange={(singular) => set({ pointsName: { ...settings.pointsName, singular } })} error={errors["pointsName.singular"]} autoComplete="off" helpText='E.g. "star" or "coin".' />
              <TextField label="Name of several points" value={settings.pointsName.plural} onChange={(plural) => set({ pointsName: { ...settings.pointsName, plural } })} error={errors["pointsName.plural"]} autoComplete="off" helpText='E.g. "stars" or "coins".' />
            </FormLayout.Group>
            <Select
              label="Show amounts of money as"
              options={(["symbol", "code", "name"] as const).map((display) => ({ label: currencyExample(display), value: display }))}
              value={settings.currencyDisplay}
              onChange={(value) => set({ currencyDisplay: value === "code" || value === "name" ? value : "symbol" })}
              error={errors.currencyDisplay}
            />
          </FormLayout>
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Branding
          </Text>
          <FormLayout>
            <FormLayout.Group>
              <TextField label="Brand colour" value={settings.branding.primaryColor} onChange={(primaryColor) => setBranding({ primaryColor })} error={errors["branding.primaryColor"]} prefix={<Swatch colour={settings.branding.primaryColor} />} autoComplete="off" helpText="A hex colour like #1F5199." />
              <TextField label="Text on the brand colour" value={settings.branding.textOnPrimaryColor} onChange={(textOnPrimaryColor) => setBranding({ textOnPrimaryColor })} error={errors["branding.textOnPrimaryColor"]} prefix={<Swatch colour={settings.branding.textOnPrimaryColor} />} autoComplete="off" helpText={ratio === null || errors["branding.textOnPrimaryColor"] ? undefined : `Contrast ${ratio.toFixed(1)}:1 (at least ${MINIMUM_CONTRAST}:1 keeps it readable).`} />
            </FormLayout.Group>
          </FormLayout>
          {ratio !== null && ratio >= MINIMUM_CONTRAST ? (
            <InlineStack>
              <Box padding="200" borderRadius="200">
                <span style={{ background: settings.branding.primaryColor, color: settings.branding.textOnPrimaryColor, padding: "8px 16px", borderRadius: 8, display: "inline-block" }}>{settings.branding.launcherLabel}</span>
              </Box>
            </InlineStack>
          ) : null}
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Texts shoppers see ({LANGUAGE_NAMES[settings.languages.primary]})
          </Text>
          <FormLayout>
            {TEXT_FIELDS.map(([field, label, help]) => (
              <TextField key={field} label={label} helpText={help} value={settings.branding[field]} onChange={(value) => setBranding({ [field]: value })} error={errors[`branding.${field}`]} autoComplete="off" />
            ))}
          </FormLayout>
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Languages
          </Text>
          <ChoiceList
            title="Languages offered to shoppers"
            allowMultiple
            choices={SHOPPER_LANGUAGES.map((language) => ({ label: LANGUAGE_NAMES[language], value: language, helpText: RIGHT_TO_LEFT.has(language) ? "Shown right to left." : undefined }))}
            selected={settings.languages.enabled}
            onChange={(selected) => set({ languages: { ...settings.languages, enabled: SHOPPER_LANGUAGES.filter((language) => selected.includes(language)) } })}
            error={errors["languages.enabled"]}
          />
          <Select
            label="Main language"
            options={settings.languages.enabled.map((language) => ({ label: LANGUAGE_NAMES[language], value: language }))}
            value={settings.languages.primary}
            onChange={(value) => onChange({ ...draft, settings: changeMainLanguage(settings, SHOPPER_LANGUAGES.find((language) => language === value) ?? settings.languages.primary) })}
            helpText="Your texts above are in this language; changing it keeps each text with its language."
            error={errors["languages.primary"]}
          />
          {otherLanguages.map((language) => (
            <BlockStack key={language} gap="200">
              <Text as="h3" variant="headingSm">
                {LANGUAGE_NAMES[language]}: your own wording (optional; empty uses Wafa&apos;s translation)
              </Text>
              <FormLayout>
                {TRANSLATABLE.map(([field, label]) => (
                  <TextField
                    key={field}
                    label={label}
                    value={settings.translations[language]?.[field] ?? ""}
                    placeholder={field === "pointsSingular" || field === "pointsPlural" ? undefined : WAFA_TEXTS[language][field]}
                    onChange={(value) => setTranslation(language, field, value)}
                    error={errors[`translations.${language}.${field}`]}
                    autoComplete="off"
                  />
                ))}
              </FormLayout>
            </BlockStack>
          ))}
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Feedback survey
          </Text>
          <Text as="p" tone="subdued">
            A short survey on the thank-you page (add the &quot;Wafa feedback survey&quot; block in the checkout editor). One answer per order; the Reports page turns the answers into NPS, CSAT and CES.
          </Text>
          <Checkbox label="Show the survey after a purchase" checked={settings.survey.enabled} onChange={(enabled) => set({ survey: { ...settings.survey, enabled } })} error={errors["survey.enabled"]} />
          <ChoiceList
            title="Questions"
            allowMultiple
            choices={SURVEY_QUESTIONS.map((question) => ({ label: SURVEY_QUESTION_LABELS[question], value: question }))}
            selected={[...settings.survey.questions]}
            onChange={(selected) => set({ survey: { ...settings.survey, questions: SURVEY_QUESTIONS.filter((question) => selected.includes(question)) } })}
            error={errors["survey.questions"]}
          />
          <TextField
            label="Points for answering"
            type="number"
            min={0}
            value={String(settings.survey.rewardPoints)}
            onChange={(value) => set({ survey: { ...settings.survey, rewardPoints: value.trim() === "" ? 0 : Number(value) } })}
            error={errors["survey.rewardPoints"]}
            helpText="0 for no reward. Granted once per order, to signed-in members answering about their own order."
            autoComplete="off"
          />
        </BlockStack>
      </Card>

      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Test orders
          </Text>
          <Checkbox
            label="Test orders earn points"
            helpText="Useful while you try the program with Shopify's test payments. It applies as Shopify reports orders from now on: a test order that changes later is counted again under the new setting."
            checked={draft.countTestOrders}
            onChange={(countTestOrders) => onChange({ ...draft, countTestOrders })}
            error={errors.countTestOrders}
          />
        </BlockStack>
      </Card>
    </BlockStack>
  );
}

function Swatch({ colour }: { readonly colour: string }) {
  return <span aria-hidden style={{ display: "inline-block", width: 16, height: 16, borderRadius: 4, border: "1px solid #8a8a8a", background: HEX.test(colour) ? colour : "transparent" }} />;
}
