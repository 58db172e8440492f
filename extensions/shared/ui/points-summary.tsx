/** @jsxImportSource preact */
import type { MemberDetails } from "../shopper-view";
import type { Words } from "./words";

/** Balance, tier and progress to the next reward: the head of every member view. */
export function PointsSummary({ view, words }: { view: MemberDetails; words: Words }) {
  const { t, number } = words;
  return (
    <s-stack gap="small-200">
      <s-text type="strong">{t("balance.available", { points: number(view.available) })}</s-text>
      {view.pending > 0 && <s-text color="subdued">{t("balance.pending", { points: number(view.pending) })}</s-text>}
      {view.held > 0 && <s-text color="subdued">{t("balance.held", { points: number(view.held) })}</s-text>}
      {view.tierName !== null && <s-badge>{t("balance.tier", { tier: view.tierName })}</s-badge>}
      {view.nextReward !== null && (
        <s-stack gap="small-300">
          <s-progress value={view.nextReward.percent} max={100} accessibilityLabel={t("progress.label", { reward: view.nextReward.rewardName })} />
          <s-text color="subdued">{t("progress.next", { reward: view.nextReward.rewardName, points: number(view.nextReward.remaining) })}</s-text>
        </s-stack>
      )}
    </s-stack>
  );
}

/** For shoppers who are not members yet: why to join, and where. */
export function JoinCall({ words, href, signedIn }: { words: Words; href: string | null; signedIn: boolean }) {
  const { t } = words;
  return (
    <s-stack gap="small-200">
      <s-heading>{t("join.heading")}</s-heading>
      <s-text>{t(signedIn ? "join.member" : "join.guest")}</s-text>
      {href !== null && <s-link href={href}>{t("join.action")}</s-link>}
    </s-stack>
  );
}

/** A failure or success after an action, in the shopper's language. */
export function Notice({ words, error, success }: {
  words: Words;
  error: { key: string; params: Readonly<Record<string, string | number>> } | null;
  success: { key: string; params: Readonly<Record<string, string>> } | null;
}) {
  if (error) return <s-banner tone="critical">{words.t(error.key, { ...error.params })}</s-banner>;
  if (success) return <s-banner tone="success">{words.t(success.key, { ...success.params })}</s-banner>;
  return null;
}
