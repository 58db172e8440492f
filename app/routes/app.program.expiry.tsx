import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout } from "@shopify/polaris";
import { ExpiryRulesEditor } from "~/components/program/expiry-rules";
import { NoProgramYet } from "~/components/program/no-program";
import { ProgramEditorPage, useProgramEditor } from "~/components/program/program-editor";
import type { ProgramRules } from "~/loyalty/program/program";
import { loadProgramEditor, programEditorAction } from "./program-editor.server";

export const loader = ({ request }: LoaderFunctionArgs) => loadProgramEditor(request);
export const action = ({ request }: ActionFunctionArgs) => programEditorAction(request);

export default function ProgramExpiry() {
  const data = useLoaderData<typeof loader>();
  if (!data.rules) return <NoProgramYet title="Pending and expiry" />;
  return <ExpiryPage {...data} rules={data.rules} />;
}

function ExpiryPage({ rules, version, pointsName }: ReturnType<typeof useLoaderData<typeof loader>> & { rules: ProgramRules }) {
  const editor = useProgramEditor(rules, version);
  const { draft } = editor;
  return (
    <ProgramEditorPage title="Pending and expiry" subtitle="When points can be used, and when they expire" section="expiry" editor={editor}>
      <Layout>
        <Layout.Section>
          <ExpiryRulesEditor pending={draft.pending} expiry={draft.expiry} onChange={({ pending, expiry }) => editor.update((current) => ({ ...current, pending, expiry }))} issues={editor.issues} pointsName={pointsName.plural} />
        </Layout.Section>
      </Layout>
    </ProgramEditorPage>
  );
}
