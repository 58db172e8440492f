import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { ProgramStatusCard } from "~/components/program-status-card";
import { RedemptionSurfacesCard } from "~/components/redemption-surfaces-card";
import { ShopSettingsForm, settingsIssuesByField, type SettingsDraft } from "~/components/shop-settings-form";
import { getDatabase } from "~/db.server";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import { ShopSettingsSchema } from "~/loyalty/settings/shop-settings";
import { getShopSettings, saveShopSettingsFor } from "~/services/shop-settings.server";
import { SYNC_STOREFRONT_CONFIG_JOB } from "~/jobs/storefront-jobs.server";
import { requestShopJobs } from "~/services/request-shop-jobs.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const view = await getShopSettings(getDatabase(), session.shop);
  if (!view) throw new Response("This shop is not installed", { status: 404 });
  return { ...view, launchedAt: view.launchedAt?.toISOString() ?? null };
}

export type SettingsActionData = { readonly status: "invalid"; readonly issues: readonly ProgramIssue[] } | { readonly status: "saved" };

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const result = await saveShopSettingsFor(getDatabase(), session.shop, { settings: form.settings, countTestOrders: form.countTestOrders }, new Date());
  if (result.status === "shop_not_installed") throw new Response("This shop is not installed", { status: 404 });
  if (result.status === "invalid") return data<SettingsActionData>({ status: "invalid", issues: result.issues }, { status: 400 });
  await requestShopJobs(getDatabase(), session.shop, [SYNC_STOREFRONT_CONFIG_JOB]);
  return data<SettingsActionData>({ status: "saved" });
}

const SAVE_BAR_ID = "settings-save-bar";

export default function Settings() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const shopify = useAppBridge();
  const saved: SettingsDraft = useMemo(() => ({ settings: loaded.settings, countTestOrders: loaded.countTestOrders }), [loaded]);
  const [draft, setDraft] = useState<SettingsDraft>(saved);
  // After a save the loader runs again: its data is the new baseline.
  useEffect(() => setDraft(saved), [saved]);
  useEffect(() => {
    if (actionData?.status === "saved") shopify.toast.show("Settings saved");
    if (actionData?.status === "invalid") shopify.toast.show("Settings not saved: check the highlighted fields", { isError: true });
  }, [actionData, shopify]);

  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const saving = navigation.state === "submitting";
  // The same schema as the server: errors show beside the field as the merchant types.
  const checked = ShopSettingsSchema.safeParse(draft.settings);
  const clientErrors = checked.success ? {} : settingsIssuesByField(checked.error.issues.map(({ path, message }) => ({ path: path.map(String), message })));
  const serverErrors = actionData?.status === "invalid" && !saving ? settingsIssuesByField(actionData.issues) : {};
  const errors = { ...serverErrors, ...clientErrors };
  const save = () => submit({ settings: JSON.stringify(draft.settings), countTestOrders: String(draft.countTestOrders) }, { method: "post" });

  return (
    <>
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        <button variant="primary" onClick={save} {...(saving ? { loading: "" } : {})} {...(!checked.success ? { disabled: true } : {})}>
          Save
        </button>
        <button onClick={() => setDraft(saved)} {...(saving ? { disabled: true } : {})}>
          Discard
        </button>
      </SaveBar>
      {/* One Save: the save bar's, as in Shopify admin (a second one in the header said the same thing twice). */}
      <Page title="Settings" backAction={{ content: "Home", url: "/app" }}>
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {Object.keys(errors).length > 0 && !checked.success ? (
                <Banner tone="critical" title="Some settings need attention">
                  <p>Fix the highlighted fields to save.</p>
                </Banner>
              ) : null}
              <ProgramStatusCard launchedAt={loaded.launchedAt} />
              <RedemptionSurfacesCard />
              <ShopSettingsForm draft={draft} currencyCode={loaded.currencyCode} errors={errors} onChange={setDraft} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Page>
    </>
  );
}
