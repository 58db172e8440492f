// The program designer's pages share one loader and one action (they edit one program):
// authenticate, parse, call one service, answer. See docs/decisions/0009-program-designer.md.
import { data } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import type { ProgramRules } from "~/loyalty/program/program";
import type { PlacementImpact } from "~/loyalty/tiers/tier-placement";
import type { TierMovesPreview } from "~/loyalty/tiers/tier-preview";
import { getProgram } from "~/services/get-program.server";
import { previewTierChange } from "~/services/preview-tier-change.server";
import { saveProgram } from "~/services/save-program.server";
import { staffFromSession } from "~/services/staff.server";
import { authenticate } from "~/shopify.server";
import { ENSURE_APP_DISCOUNT_JOB } from "~/jobs/app-discount-jobs.server";
import { SYNC_STOREFRONT_CONFIG_JOB } from "~/jobs/storefront-jobs.server";
import { requestShopJobs } from "~/services/request-shop-jobs.server";

export type ProgramEditorData = {
  readonly currencyCode: string;
  readonly version: number | null;
  readonly effectiveAt: string | null;
  readonly rules: ProgramRules | null;
  readonly pointsName: { readonly singular: string; readonly plural: string };
};

export async function loadProgramEditor(request: Request): Promise<ProgramEditorData> {
  const { session } = await authenticate.admin(request);
  const program = await getProgram(getDatabase(), session.shop, new Date());
  if (!program) throw new Response("This shop is not installed", { status: 404 });
  return {
    currencyCode: program.shop.currencyCode,
    version: program.version,
    effectiveAt: program.effectiveAt?.toISOString() ?? null,
    rules: program.rules,
    pointsName: program.pointsName,
  };
}

/** What the designer's action answers; `kind` tells the page what to show. */
export type ProgramActionResult =
  | { readonly kind: "saved"; readonly version: number; readonly tiersChanged: boolean; readonly placement: PlacementImpact | null; readonly currencyCode: string }
  | { readonly kind: "unchanged"; readonly version: number }
  | { readonly kind: "invalid"; readonly issues: readonly ProgramIssue[] }
  /** Not saved: it moves members or grants points; saving again with `confirmed` = placement.fingerprint applies it. */
  | { readonly kind: "confirm"; readonly placement: PlacementImpact; readonly currencyCode: string }
  | { readonly kind: "tier_preview"; readonly members: number; readonly moves: TierMovesPreview; readonly placement: PlacementImpact; readonly currencyCode: string };

const Submission = z.object({
  intent: z.enum(["save", "preview_tiers"]).default("save"),
  program: z.string().max(1_000_000),
  confirmed: z.string().max(100).optional(),
});

/** Anything the designer sends is an object of schema version 2; the rest is not ours to explain field by field. */
const ProgramEnvelope = z.looseObject({ schemaVersion: z.literal(2) });

/**
 * The core words every rule for merchants; only a key the schema does not know (which the
 * designer never sends: an old tab, a hand-made request) keeps zod's wording, rephrased here.
 */
function inMerchantWords(issue: ProgramIssue): ProgramIssue {
  const unknown = /^Unrecognized keys?: (.+)$/.exec(issue.message);
  if (!unknown) return issue;
  return { path: issue.path, message: `Wafa does not know the setting ${unknown[1]}: reload the page and try again.` };
}

const invalid = (message: string) => data<ProgramActionResult>({ kind: "invalid", issues: [{ path: [], message }] }, { status: 400 });

/** Saves the whole program (or previews its tier moves) from the `program` form field, as JSON. */
export async function programEditorAction(request: Request) {
  const { session, sessionToken } = await authenticate.admin(request);
  const submission = Submission.safeParse(Object.fromEntries(await request.formData()));
  if (!submission.success) return invalid("The form was incomplete: reload the page and try again.");
  let program: unknown;
  try {
    program = JSON.parse(submission.data.program);
  } catch {
    return invalid("The program could not be read (it is not valid JSON): reload the page and try again.");
  }
  if (!ProgramEnvelope.safeParse(program).success) return invalid("This is not a Wafa program: reload the page and try again.");
  const now = new Date();
  if (submission.data.intent === "preview_tiers") {
    const preview = await previewTierChange(getDatabase(), session.shop, program, now);
    if (preview.status === "shop_not_installed") throw new Response("This shop is not installed", { status: 404 });
    if (preview.status === "invalid") return data<ProgramActionResult>({ kind: "invalid", issues: preview.issues.map(inMerchantWords) }, { status: 400 });
    return data<ProgramActionResult>({ kind: "tier_preview", members: preview.members, moves: preview.moves, placement: preview.placement, currencyCode: preview.currencyCode });
  }
  const staff = staffFromSession(session, sessionToken?.sub);
  const result = await saveProgram(getDatabase(), session.shop, program, staff, now, { confirmed: submission.data.confirmed });
  switch (result.status) {
    case "shop_not_installed":
      throw new Response("This shop is not installed", { status: 404 });
    case "invalid":
      return data<ProgramActionResult>({ kind: "invalid", issues: result.issues.map(inMerchantWords) }, { status: 400 });
    case "unchanged":
      return data<ProgramActionResult>({ kind: "unchanged", version: result.version.version });
    case "needs_confirmation":
      return data<ProgramActionResult>({ kind: "confirm", placement: result.impact, currencyCode: result.currencyCode });
    case "saved":
      // The theme shows the rules; the Function learns reward collections from the discount.
      await requestShopJobs(getDatabase(), session.shop, [SYNC_STOREFRONT_CONFIG_JOB, ENSURE_APP_DISCOUNT_JOB]);
      return data<ProgramActionResult>({ kind: "saved", version: result.version.version, tiersChanged: result.tiersChanged, placement: result.impact, currencyCode: result.currencyCode });
  }
}
