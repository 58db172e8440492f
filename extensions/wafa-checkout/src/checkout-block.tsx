/** @jsxImportSource preact */
// purchase.checkout.block.render: a block the merchant places in checkout. Shopify Plus only:
// checkout blocks on the information, shipping and payment steps render only on Plus
// (https://shopify.dev/docs/api/checkout-ui-extensions/latest); other plans redeem on the
// storefront or in customer accounts, and the discount Function applies the reward.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import type { Api } from "@shopify/ui-extensions/purchase.checkout.block.render";
import { CheckoutRewards } from "./checkout-rewards";

declare const shopify: Api;

export default async () => {
  render(<CheckoutRewards api={shopify} compact={false} />, document.body);
};
