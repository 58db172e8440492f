import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout } from "@shopify/polaris";
import { EarningPreviewCard } from "~/components/program/earning-preview";
import { EarningRulesEditor } from "~/components/program/earning-rules";
import { NoProgramYet } from "~/components/program/no-program";
import { ProgramEditorPage, useProgramEditor } from "~/components/program/program-editor";
import { ProgramOverviewCard } from "~/components/program/program-overview";
import type { ProgramRules } from "~/loyalty/program/program";
import { loadProgramEditor, programEditorAction } from "./program-editor.server";

export const loader = ({ request }: LoaderFunctionArgs) => loadProgramEditor(request);
export const action = ({ request }: ActionFunctionArgs) => programEditorAction(request);

export default function ProgramEarning() {
  const data = useLoaderData<typeof loader>();
  if (!data.rules) return <NoProgramYet title="Program" />;
  return <EarningPage {...data} rules={data.rules} />;
}

function EarningPage({ rules, version, effectiveAt, currencyCode, pointsName }: ReturnType<typeof useLoaderData<typeof loader>> & { rules: ProgramRules }) {
  const editor = useProgramEditor(rules, version);
  const { draft } = editor;
  return (
    <ProgramEditorPage title="Program" subtitle="How customers earn" section="earning" editor={editor}>
      <Layout>
        <Layout.Section>
          <ProgramOverviewCard draft={draft} onChange={(next) => editor.update(() => next)} issues={editor.issues} currency={currencyCode} version={version} effectiveAt={effectiveAt} pointsName={pointsName.plural} />
        </Layout.Section>
        <Layout.Section>
          <EarningRulesEditor earning={draft.earning} onChange={(earning) => editor.update((current) => ({ ...current, earning }))} issues={editor.issues} currency={currencyCode} pointsName={pointsName.plural} />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <EarningPreviewCard draft={draft} currency={currencyCode} pointsName={pointsName.plural} />
        </Layout.Section>
      </Layout>
    </ProgramEditorPage>
  );
}
