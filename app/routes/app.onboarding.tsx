import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Box, Button, ButtonGroup, Card, InlineGrid, InlineStack, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { KeyNumbersStep, type NumberDrafts } from "~/components/onboarding-key-numbers";
import { PresetCards } from "~/components/onboarding-preset-cards";
import { EarningPreviewCard } from "~/components/onboarding-preview";
import { getDatabase } from "~/db.server";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import { PRESETS } from "~/loyalty/program/presets";
import { previewTypicalCustomer } from "~/loyalty/program/preview";
import { KeyNumbersSchema, shopAmountFormatter, WIZARD_KINDS, wizardProgram, type WizardKind } from "~/loyalty/program/wizard";
import { completeOnboarding, getOnboardingWizard } from "~/services/onboarding.server";
import { ENSURE_APP_DISCOUNT_JOB } from "~/jobs/app-discount-jobs.server";
import { SYNC_STOREFRONT_CONFIG_JOB } from "~/jobs/storefront-jobs.server";
import { requestShopJobs } from "~/services/request-shop-jobs.server";
import { staffFromSession } from "~/services/staff.server";
import { authenticate } from "~/shopify.server";

const NUMBER_FIELDS = ["spendPoints", "orderPoints", "signupPoints"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const wizard = await getOnboardingWizard(getDatabase(), session.shop, new Date());
  if (!wizard) throw new Response("This shop is not installed", { status: 404 });
  return {
    currencyCode: wizard.shop.currencyCode,
    onboarded: wizard.shop.onboardedAt !== null,
    live: wizard.shop.launchedAt !== null,
    currentKind: wizard.currentKind,
    typicalCustomer: wizard.typicalCustomer,
  };
}

export type OnboardingActionData =
  | { readonly status: "invalid"; readonly issues: readonly ProgramIssue[] }
  | { readonly status: "done"; readonly version: number; readonly programChanged: boolean; readonly live: boolean };

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const numbers = Object.fromEntries(NUMBER_FIELDS.filter((name) => name in form).map((name) => [name, form[name]]));
  const input = { kind: form.kind, launch: form.launch, numbers };
  const result = await completeOnboarding(getDatabase(), session.shop, input, staffFromSession(session, sessionToken?.sub), new Date());
  if (result.status === "shop_not_installed") throw new Response("This shop is not installed", { status: 404 });
  if (result.status === "invalid") return data<OnboardingActionData>(result, { status: 400 });
  await requestShopJobs(getDatabase(), session.shop, result.live ? [SYNC_STOREFRONT_CONFIG_JOB, ENSURE_APP_DISCOUNT_JOB] : [SYNC_STOREFRONT_CONFIG_JOB]);
  return data<OnboardingActionData>(result);
}

const STEPS = ["Choose a program", "Set the key numbers", "Preview", "Launch"] as const;

export default function Onboarding() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const submit = useSubmit();
  const shopify = useAppBridge();
  const [step, setStep] = useState(0);
  const initialKind = WIZARD_KINDS.find((kind) => kind === loaded.currentKind) ?? "spend";
  const [kind, setKind] = useState<WizardKind>(initialKind);
  const [drafts, setDrafts] = useState<NumberDrafts>({});
  const formatAmount = useMemo(() => shopAmountFormatter(loaded.currencyCode), [loaded.currencyCode]);

  // The same parse and the same program the server will save: the preview cannot drift.
  const parsedNumbers = KeyNumbersSchema.safeParse(Object.fromEntries(Object.entries(drafts).filter(([, value]) => value !== "")));
  const numberErrors: Partial<Record<(typeof NUMBER_FIELDS)[number], string>> = {};
  for (const issue of parsedNumbers.success ? [] : parsedNumbers.error.issues) {
    const field = NUMBER_FIELDS.find((name) => name === issue.path[0]);
    if (field) numberErrors[field] = issue.message;
  }
  const program = parsedNumbers.success ? wizardProgram({ kind, numbers: parsedNumbers.data }, loaded.currencyCode, formatAmount) : null;
  const presetProgram = useMemo(() => wizardProgram({ kind, numbers: {} }, loaded.currencyCode, formatAmount), [kind, loaded.currencyCode, formatAmount]);
  const preview = program ? previewTypicalCustomer(program, loaded.typicalCustomer.customer, loaded.currencyCode) : null;
  const submitting = navigation.state === "submitting";
  const launching = navigation.formData?.get("launch");
  // Once saved the wizard is leaving for the home page: a second submit meanwhile would abort that navigation.
  const leaving = submitting || actionData?.status === "done";

  useEffect(() => {
    if (actionData?.status !== "done") return;
    shopify.toast.show(actionData.live ? "Your program is live" : "Your program is saved: launch it when you are ready");
    navigate("/app");
  }, [actionData, navigate, shopify]);

  const finish = (launch: "now" | "later") => {
    const fields: Record<string, string> = { kind, launch };
    for (const name of NUMBER_FIELDS) if (drafts[name] !== undefined && drafts[name] !== "") fields[name] = drafts[name] ?? "";
    submit(fields, { method: "post" });
  };
  const serverIssues = actionData?.status === "invalid" ? actionData.issues : [];

  return (
    <Page title="Set up your loyalty program" backAction={{ content: "Home", url: "/app" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="p" variant="bodySm" tone="subdued">
                  Step {step + 1} of {STEPS.length}: {STEPS[step]}
                </Text>
                <ProgressBar progress={((step + 1) / STEPS.length) * 100} size="small" />
              </BlockStack>
            </Card>
            {loaded.onboarded ? (
              <Banner tone="info" title="You have set up a program before">
                <p>Finishing the wizard again saves a new version of your program; points already earned are not changed.</p>
              </Banner>
            ) : null}
            {serverIssues.length > 0 ? (
              <Banner tone="critical" title="The program could not be saved">
                <ul>
                  {serverIssues.map((issue) => (
                    <li key={`${issue.path.join(".")}:${issue.message}`}>{issue.message}</li>
                  ))}
                </ul>
              </Banner>
            ) : null}
            {step === 0 ? <PresetCards presets={PRESETS} selected={kind} onSelect={(next) => { setKind(next); setDrafts({}); }} /> : null}
            {step === 1 ? (
              <KeyNumbersStep program={presetProgram} currencyCode={loaded.currencyCode} drafts={drafts} errors={numberErrors} onChange={setDrafts} />
            ) : null}
            {step >= 2 && preview && program ? (
              <EarningPreviewCard preview={preview} typical={loaded.typicalCustomer} currencyCode={loaded.currencyCode} pointValue={program.pointValue} />
            ) : null}
            {step === 3 ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Ready to start
                  </Text>
                  <Text as="p">
                    Saving makes &ldquo;{PRESETS.find((preset) => preset.kind === kind)?.title}&rdquo; your program from now on. Customers earn on their orders
                    whether or not you launch; launching shows the program to shoppers on your store, on the thank-you and order status pages and in their
                    account on every plan, and inside checkout on Shopify Plus. You can fine-tune everything later in the program designer.
                  </Text>
                  <InlineStack gap="200">
                    <Button variant="primary" onClick={() => finish("now")} loading={submitting && launching === "now"} disabled={leaving}>
                      Launch now
                    </Button>
                    <Button onClick={() => finish("later")} loading={submitting && launching === "later"} disabled={leaving}>
                      Save and launch later
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            ) : null}
            <Box paddingBlockEnd="400">
              <InlineGrid columns={2}>
                <div>{step > 0 ? <Button onClick={() => setStep(step - 1)}>Back</Button> : null}</div>
                <InlineStack align="end">
                  {step < STEPS.length - 1 ? (
                    <ButtonGroup>
                      <Button variant="primary" onClick={() => setStep(step + 1)} disabled={step >= 1 && !parsedNumbers.success}>
                        Next
                      </Button>
                    </ButtonGroup>
                  ) : null}
                </InlineStack>
              </InlineGrid>
            </Box>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
