/** @jsxImportSource preact */
// customer-account.order-status.block.render: the order status page in customer accounts.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import type { Api } from "@shopify/ui-extensions/customer-account.order-status.block.render";
import { accountUrl, OrderPointsBlock } from "./order-points-block";

declare const shopify: Api;

function OrderStatus() {
  const signedIn = shopify.authenticatedAccount.customer.value !== undefined;
  const orderId = shopify.order.value?.id ?? null;
  return <OrderPointsBlock sessionToken={shopify.sessionToken} i18n={shopify.i18n} signedIn={signedIn} orderId={orderId} joinUrl={accountUrl(shopify.shop.storefrontUrl)} />;
}

export default async () => {
  render(<OrderStatus />, document.body);
};
