/** @jsxImportSource preact */
// customer-account.profile.block.render: the balance on the Profile page, linking to the
// Rewards page (a full-page target cannot share an extension with other targets, so the
// page is its own extension in this folder's shopify.extension.toml).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useMemo } from "preact/hooks";
import type { Api } from "@shopify/ui-extensions/customer-account.profile.block.render";
import { buildTimeAppUrl } from "../../shared/app-url";
import { JoinCall, PointsSummary } from "../../shared/ui/points-summary";
import { useShopper } from "../../shared/ui/use-shopper";
import { wordsFrom } from "../../shared/ui/words";
import { createWafaClient } from "../../shared/wafa-api";

declare const shopify: Api;

/** The Rewards page: another extension, addressed by its handle (Navigation API). */
export const REWARDS_PAGE_URL = "extension://wafa-rewards-page";

function ProfileBlock() {
  const client = useMemo(() => createWafaClient({ appUrl: buildTimeAppUrl(), sessionToken: shopify.sessionToken }), []);
  const words = useMemo(() => wordsFrom(shopify.i18n), []);
  const signedIn = shopify.authenticatedAccount.customer.value !== undefined;
  const { view } = useShopper(client, signedIn, true);
  const { t } = words;
  if (view.kind === "loading") return <s-skeleton-paragraph />;
  if (view.kind === "unavailable" || view.kind === "hidden") return null;
  if (view.kind !== "member") return <JoinCall words={words} href={null} signedIn={view.kind === "not_member"} />;
  return (
    <s-section heading={t("title")}>
      <s-stack gap="base">
        <PointsSummary view={view} words={words} />
        <s-link href={REWARDS_PAGE_URL}>{t("profile.viewRewards")}</s-link>
      </s-stack>
    </s-section>
  );
}

export default async () => {
  render(<ProfileBlock />, document.body);
};
