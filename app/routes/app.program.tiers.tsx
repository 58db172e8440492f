import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout } from "@shopify/polaris";
import { NoProgramYet } from "~/components/program/no-program";
import { ProgramEditorPage, useProgramEditor } from "~/components/program/program-editor";
import { TierPreviewCard } from "~/components/program/tier-preview-card";
import { TierRulesEditor } from "~/components/program/tier-rules";
import type { ProgramRules } from "~/loyalty/program/program";
import { loadProgramEditor, programEditorAction } from "./program-editor.server";

export const loader = ({ request }: LoaderFunctionArgs) => loadProgramEditor(request);
export const action = ({ request }: ActionFunctionArgs) => programEditorAction(request);

export default function ProgramTiers() {
  const data = useLoaderData<typeof loader>();
  if (!data.rules) return <NoProgramYet title="Tiers" />;
  return <TiersPage {...data} rules={data.rules} />;
}

function TiersPage({ rules, version, currencyCode, pointsName }: ReturnType<typeof useLoaderData<typeof loader>> & { rules: ProgramRules }) {
  const editor = useProgramEditor(rules, version);
  const { draft } = editor;
  return (
    <ProgramEditorPage title="Tiers" subtitle="VIP levels, thresholds and perks" section="tiers" editor={editor}>
      <Layout>
        <Layout.Section>
          <TierRulesEditor tiers={draft.tiers} onChange={(tiers) => editor.update((current) => ({ ...current, tiers }))} issues={editor.issues} currency={currencyCode} pointsName={pointsName.plural} />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <TierPreviewCard draft={draft} graceDays={draft.tiers.downgradeGraceDays} />
        </Layout.Section>
      </Layout>
    </ProgramEditorPage>
  );
}
