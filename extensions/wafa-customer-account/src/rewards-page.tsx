/** @jsxImportSource preact */
// customer-account.page.render: the full-page Rewards view in customer accounts (all plans).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Api } from "@shopify/ui-extensions/customer-account.page.render";
import { buildTimeAppUrl } from "../../shared/app-url";
import { errorMessageKey } from "../../shared/error-messages";
import { accountOffers } from "../../shared/redeem-view";
import type { MemberDetails } from "../../shared/shopper-view";
import { OfferList } from "../../shared/ui/offer-list";
import { JoinCall, Notice, PointsSummary } from "../../shared/ui/points-summary";
import { useRedeem } from "../../shared/ui/use-redeem";
import { useShopper } from "../../shared/ui/use-shopper";
import { wordsFrom, type Words } from "../../shared/ui/words";
import { createWafaClient, type HistoryEntry, type WafaClient, type WafaResult } from "../../shared/wafa-api";
import { historyKindKey } from "./history-view";

declare const shopify: Api;

function RewardsPage() {
  const client = useMemo(() => createWafaClient({ appUrl: buildTimeAppUrl(), sessionToken: shopify.sessionToken }), []);
  const words = useMemo(() => wordsFrom(shopify.i18n), []);
  const signedIn = shopify.authenticatedAccount.customer.value !== undefined;
  const { view, reload } = useShopper(client, signedIn, true);
  // Codes are shown to copy here: no checkout to apply them to.
  const { state, redeem } = useRedeem({ client, channel: "code", onSettled: reload });
  const { t } = words;

  return (
    <s-page heading={t("page.title")}>
      {view.kind === "loading" && <s-skeleton-paragraph />}
      {(view.kind === "guest" || view.kind === "not_member") && <JoinCall words={words} href={null} signedIn={view.kind === "not_member"} />}
      {view.kind === "unavailable" && <s-banner tone="warning">{t(view.messageKey)}</s-banner>}
      {view.kind === "hidden" && <s-text color="subdued">{t("redemption.errors.not_available")}</s-text>}
      {view.kind === "member" && (
        <s-stack gap="large">
          <s-section heading={t("balance.heading")}>
            <PointsSummary view={view} words={words} />
          </s-section>
          <Notice words={words} error={state.error} success={state.success} />
          {state.success?.code && <s-clipboard-item text={state.success.code} />}
          {view.perks.length > 0 && (
            <s-section heading={t("perks.heading")}>
              <s-unordered-list>
                {view.perks.map((perk) => <s-list-item key={perk.id}>{perk.name}</s-list-item>)}
              </s-unordered-list>
            </s-section>
          )}
          <s-section heading={t("rewards.heading")}>
            {view.rewardsError ? <s-text color="subdued">{t(view.rewardsError)}</s-text> : (
              <OfferList offers={accountOffers(view.rewards, view.available)} words={words} busyRewardId={state.busyRewardId} actionKey="rewards.redeem" onRedeem={(offer, points) => void redeem(offer, points)} />
            )}
          </s-section>
          <OpenRedemptions view={view} words={words} client={client} onChanged={reload} />
          <History client={client} words={words} />
        </s-stack>
      )}
    </s-page>
  );
}

/** Rewards redeemed and not used yet: their code, until when, and a way to take the points back. */
function OpenRedemptions({ view, words, client, onChanged }: { view: MemberDetails; words: Words; client: WafaClient; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (view.open.length === 0) return null;
  const names = new Map(view.rewards.map((reward) => [reward.id, reward.name]));
  const { t, number, date } = words;

  async function giveBack(id: string) {
    setBusy(id);
    const result = await client.cancel(id);
    setBusy(null);
    setError(result.ok ? null : errorMessageKey(result.code));
    onChanged();
  }

  return (
    <s-section heading={t("open.heading")}>
      <s-stack gap="base">
        {error && <s-banner tone="critical">{t(error)}</s-banner>}
        {view.open.map((open) => (
          <s-stack key={open.id} direction="inline" gap="base" justifyContent="space-between" alignItems="center">
            <s-stack gap="none">
              <s-text type="strong">{names.get(open.rewardId) ?? t("open.reward")}</s-text>
              <s-text color="subdued">{t("open.detail", { points: number(open.points), date: date(open.expiresAt) })}</s-text>
              {open.code && <s-text>{t("result.code", { code: open.code })}</s-text>}
            </s-stack>
            {open.status !== "applied" && (
              <s-button variant="secondary" loading={busy === open.id} onClick={() => void giveBack(open.id)}>{t("open.cancel")}</s-button>
            )}
          </s-stack>
        ))}
      </s-stack>
    </s-section>
  );
}

/** Points earned, spent and returned, newest first. */
function History({ client, words }: { client: WafaClient; words: Words }) {
  const [history, setHistory] = useState<WafaResult<readonly HistoryEntry[]> | null>(null);
  useEffect(() => {
    let live = true;
    void client.history().then((result) => live && setHistory(result));
    return () => {
      live = false;
    };
  }, [client]);
  const { t, number, date } = words;
  // The history endpoint is not served yet (see wafa-api.ts): show nothing rather than an error.
  if (history === null || (!history.ok && history.code === "not_available")) return null;
  return (
    <s-section heading={t("history.heading")}>
      {!history.ok ? <s-text color="subdued">{t(errorMessageKey(history.code))}</s-text> : history.value.length === 0 ? (
        <s-text color="subdued">{t("history.empty")}</s-text>
      ) : (
        <s-stack gap="small-200">
          {history.value.map((entry, index) => (
            <s-stack key={`${entry.at}-${index}`} direction="inline" gap="base" justifyContent="space-between">
              <s-text>{t(historyKindKey(entry.kind), { order: entry.orderName ?? "" })}</s-text>
              <s-text color="subdued">{date(entry.at)}</s-text>
              <s-text type="strong">{entry.points > 0 ? `+${number(entry.points)}` : number(entry.points)}</s-text>
            </s-stack>
          ))}
        </s-stack>
      )}
    </s-section>
  );
}

export default async () => {
  render(<RewardsPage />, document.body);
};
