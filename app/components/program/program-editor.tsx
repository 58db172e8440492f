import { useBlocker, useFetcher, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Layout, List, Page, SkeletonBodyText, SkeletonDisplayText, SkeletonPage, Card, Tabs, Text } from "@shopify/polaris";
import { useEffect, useState, type ReactNode } from "react";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import type { ProgramRules } from "~/loyalty/program/program";
import { describeLocation } from "~/loyalty/program/program-diff";
import { placementHeadline } from "~/loyalty/tiers/placement-description";
import type { PlacementImpact } from "~/loyalty/tiers/tier-placement";
import type { TierMovesPreview } from "~/loyalty/tiers/tier-preview";
import { PlacementConfirmation } from "./placement-confirmation";

/** What the designer's shared action answers (app/routes/program-editor.server.ts). */
export type ProgramActionResult =
  | { readonly kind: "saved"; readonly version: number; readonly tiersChanged: boolean; readonly placement: PlacementImpact | null; readonly currencyCode: string }
  | { readonly kind: "unchanged"; readonly version: number }
  | { readonly kind: "invalid"; readonly issues: readonly ProgramIssue[] }
  /** Not saved: it moves members or grants points, and waits for the merchant to confirm exactly that. */
  | { readonly kind: "confirm"; readonly placement: PlacementImpact; readonly currencyCode: string }
  | { readonly kind: "tier_preview"; readonly members: number; readonly moves: TierMovesPreview; readonly placement: PlacementImpact; readonly currencyCode: string };

export const SAVE_BAR_ID = "program-save-bar";

export type ProgramEditor = {
  readonly draft: ProgramRules;
  readonly update: (change: (draft: ProgramRules) => ProgramRules) => void;
  readonly dirty: boolean;
  readonly saving: boolean;
  readonly issues: readonly ProgramIssue[];
  readonly save: () => void;
  readonly discard: () => void;
  /** Set while a save that moves members or grants points waits for the merchant's confirmation. */
  readonly confirmation: { readonly placement: PlacementImpact; readonly currencyCode: string; readonly confirm: () => void; readonly cancel: () => void } | null;
};

/**
 * The program being edited on one page: a draft of the WHOLE program (each page edits its
 * part; the save sends all of it, so the core validates the program as the engine will run
 * it), dirty when it differs from the version in force, saved through the page's action.
 */
export function useProgramEditor(saved: ProgramRules, version: number | null): ProgramEditor {
  const fetcher = useFetcher<ProgramActionResult>();
  const shopify = useAppBridge();
  const [draft, setDraft] = useState(saved);
  // A newly saved version (after the action, the loader runs again) is the new baseline.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the version identifies `saved`
  useEffect(() => setDraft(saved), [version]);
  useEffect(() => {
    const result = fetcher.data;
    if (!result) return;
    if (result.kind === "saved") shopify.toast.show(`Program saved: version ${result.version} is in force from now on. ${savedPlacementText(result)}`);
    if (result.kind === "unchanged") shopify.toast.show("Nothing to save: the program is unchanged.");
    if (result.kind === "invalid") shopify.toast.show(`Not saved: fix ${result.issues.length === 1 ? "the problem" : `the ${result.issues.length} problems`} shown on the page.`, { isError: true });
  }, [fetcher.data, shopify]);
  const result = fetcher.data;
  // The confirmation answers the draft it was asked for; editing the draft withdraws it.
  const [confirmFor, setConfirmFor] = useState<string | null>(null);
  const submitted = JSON.stringify(draft);
  const submit = (confirmed?: string) => {
    setConfirmFor(submitted);
    fetcher.submit({ intent: "save", program: submitted, ...(confirmed ? { confirmed } : {}) }, { method: "post" });
  };
  const confirming = result?.kind === "confirm" && confirmFor === submitted && fetcher.state === "idle" ? result : null;
  return {
    draft,
    update: (change) => setDraft((current) => change(current)),
    dirty: JSON.stringify(draft) !== JSON.stringify(saved),
    saving: fetcher.state !== "idle",
    issues: result?.kind === "invalid" ? result.issues : [],
    save: () => submit(),
    discard: () => setDraft(saved),
    confirmation: confirming && {
      placement: confirming.placement,
      currencyCode: confirming.currencyCode,
      confirm: () => submit(confirming.placement.fingerprint),
      cancel: () => setConfirmFor(null),
    },
  };
}

const SECTIONS = [
  { id: "earning", content: "Earning", url: "/app/program" },
  { id: "tiers", content: "Tiers", url: "/app/program/tiers" },
  { id: "rewards", content: "Rewards", url: "/app/program/rewards" },
  { id: "expiry", content: "Pending and expiry", url: "/app/program/expiry" },
  { id: "history", content: "History", url: "/app/program/history" },
] as const;
export type ProgramSection = (typeof SECTIONS)[number]["id"];

/** Tabs between the designer's pages; while loading another page, its skeleton. */
export function ProgramTabs({ selected }: { readonly selected: ProgramSection }) {
  const navigate = useNavigate();
  return (
    <Tabs
      tabs={SECTIONS.map(({ id, content }) => ({ id, content }))}
      selected={SECTIONS.findIndex((section) => section.id === selected)}
      onSelect={(index) => navigate(SECTIONS[index]?.url ?? "/app/program")}
    />
  );
}

function useLeavingPage(): boolean {
  const navigation = useNavigation();
  const location = useLocation();
  return navigation.state === "loading" && navigation.location.pathname !== location.pathname;
}

export function ProgramSkeleton({ title }: { readonly title: string }) {
  return (
    <SkeletonPage title={title} primaryAction>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <SkeletonDisplayText size="small" />
              <SkeletonBodyText lines={6} />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}

const describePath = (path: ProgramIssue["path"], draft: unknown) => {
  const where = describeLocation(path, draft);
  return where ? `${where}: ` : "";
};

/**
 * One page of the designer: tabs, the App Bridge save bar while there are unsaved changes
 * (and Save/Discard in the page header, for keyboards and screen readers), every problem the
 * core found in a banner, and a confirmation before leaving with unsaved changes.
 */
export function ProgramEditorPage({
  title,
  subtitle,
  section,
  editor,
  children,
}: {
  readonly title: string;
  readonly subtitle?: string;
  readonly section: ProgramSection;
  readonly editor: ProgramEditor;
  readonly children: ReactNode;
}) {
  const leaving = useLeavingPage();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => editor.dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm("Leave this page? Your unsaved changes to the program will be lost.")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
  if (leaving) return <ProgramSkeleton title={title} />;
  return (
    <>
      {/* The contextual save bar is the page's only Save and Discard (a header Save beside it was a second control for the same thing). */}
      <SaveBar id={SAVE_BAR_ID} open={editor.dirty}>
        <button variant="primary" onClick={editor.save} {...(editor.saving ? { loading: "" } : {})}>
          Save
        </button>
        <button onClick={editor.discard} {...(editor.saving ? { disabled: true } : {})}>
          Discard
        </button>
      </SaveBar>
      <Page
        title={title}
        {...(subtitle ? { subtitle } : {})}
      >
        <BlockStack gap="400">
          <ProgramTabs selected={section} />
          {editor.confirmation ? <PlacementConfirmation {...editor.confirmation} saving={editor.saving} /> : null}
          {editor.issues.length > 0 ? (
            <Banner tone="critical" title={editor.issues.length === 1 ? "The program was not saved: one thing needs fixing" : `The program was not saved: ${editor.issues.length} things need fixing`}>
              <List>
                {editor.issues.map((issue, index) => (
                  <List.Item key={index}>
                    <Text as="span" tone="subdued">
                      {describePath(issue.path, editor.draft)}
                    </Text>
                    {issue.message}
                  </List.Item>
                ))}
              </List>
            </Banner>
          ) : null}
          {children}
        </BlockStack>
      </Page>
    </>
  );
}

/** What the toast adds after a save: who moved and what it granted, or that nobody moved. */
function savedPlacementText(result: Extract<ProgramActionResult, { kind: "saved" }>): string {
  const placement = result.placement;
  if (!placement || (placement.up + placement.down === 0 && placement.bonusPoints === 0)) return "No members move.";
  return placementHeadline(placement, result.currencyCode, "It", "after");
}
