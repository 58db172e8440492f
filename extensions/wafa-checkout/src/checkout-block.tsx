/** @jsxImportSource preact */
// purchase.checkout.block.render: a block the merchant places in checkout (all plans for the
// order summary; https://shopify.dev/docs/api/checkout-ui-extensions/latest/targets).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import type { Api } from "@shopify/ui-extensions/purchase.checkout.block.render";
import { CheckoutRewards } from "./checkout-rewards";

declare const shopify: Api;

export default async () => {
  render(<CheckoutRewards api={shopify} compact={false} />, document.body);
};
