/** @jsxImportSource preact */
// purchase.thank-you.block.render: the thank-you page, on every plan.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import type { Api } from "@shopify/ui-extensions/purchase.thank-you.block.render";
import { accountUrl, OrderPointsBlock } from "./order-points-block";

declare const shopify: Api;

function ThankYou() {
  const signedIn = shopify.buyerIdentity?.customer.value !== undefined;
  const orderId = shopify.orderConfirmation.value.order.id;
  return <OrderPointsBlock sessionToken={shopify.sessionToken} i18n={shopify.i18n} signedIn={signedIn} orderId={orderId} joinUrl={accountUrl(shopify.shop.storefrontUrl)} />;
}

export default async () => {
  render(<ThankYou />, document.body);
};
