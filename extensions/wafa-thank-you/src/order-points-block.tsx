/** @jsxImportSource preact */
import { useEffect, useMemo, useState } from "preact/hooks";
import { buildTimeAppUrl } from "../../shared/app-url";
import { orderPointsLine } from "../../shared/order-view";
import { JoinCall, PointsSummary } from "../../shared/ui/points-summary";
import { useShopper } from "../../shared/ui/use-shopper";
import { wordsFrom, type I18nLike } from "../../shared/ui/words";
import { createWafaClient, type OrderPoints, type WafaResult } from "../../shared/wafa-api";

type OrderPointsBlockProps = {
  sessionToken: { get(): Promise<string> };
  i18n: I18nLike;
  signedIn: boolean;
  /** The order's GID once the page knows it. */
  orderId: string | null;
  /** Where a guest signs in or creates an account (the store's account page). */
  joinUrl: string | null;
};

/**
 * After the purchase (thank-you page and order status): the points this order earns, pending
 * or available, the balance with progress to the next reward, and a call to join for guests.
 */
export function OrderPointsBlock({ sessionToken, i18n, signedIn, orderId, joinUrl }: OrderPointsBlockProps) {
  const client = useMemo(() => createWafaClient({ appUrl: buildTimeAppUrl(), sessionToken }), [sessionToken]);
  const words = useMemo(() => wordsFrom(i18n), [i18n]);
  const { view } = useShopper(client, signedIn, true);
  const [orderPoints, setOrderPoints] = useState<WafaResult<OrderPoints> | null>(null);

  useEffect(() => {
    if (!signedIn || orderId === null) return;
    let live = true;
    void client.orderPoints(orderId).then((result) => live && setOrderPoints(result));
    return () => {
      live = false;
    };
  }, [client, signedIn, orderId]);

  if (view.kind === "loading") return <s-skeleton-paragraph />;
  if (view.kind === "guest" || view.kind === "not_member") return <JoinCall words={words} href={joinUrl} signedIn={view.kind === "not_member"} />;
  if (view.kind === "unavailable" || view.kind === "hidden") return null;

  const line = orderPointsLine(orderPoints);
  const { t, number } = words;
  return (
    <s-stack gap="base">
      <s-heading>{t("title")}</s-heading>
      {line.kind === "earned" && (
        <s-stack gap="small-300">
          <s-text type="strong">{t("order.earned", { points: number(line.points) })}</s-text>
          <s-text color="subdued">{t(line.status === "pending" ? "order.pendingNote" : "order.availableNote")}</s-text>
        </s-stack>
      )}
      {line.kind === "processing" && <s-text color="subdued">{t("order.processing")}</s-text>}
      <PointsSummary view={view} words={words} />
    </s-stack>
  );
}

/** The store's customer account page, where guests sign in or sign up. */
export function accountUrl(storefrontUrl: string | undefined): string | null {
  return storefrontUrl ? `${storefrontUrl.replace(/\/+$/, "")}/account` : null;
}
