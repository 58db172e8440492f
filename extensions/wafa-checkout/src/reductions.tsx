/** @jsxImportSource preact */
// purchase.checkout.reductions.render-after: under the discount code field, where shoppers
// look for savings. Shopify Plus only, like every checkout-step block (see checkout-block.tsx).
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import type { Api } from "@shopify/ui-extensions/purchase.checkout.reductions.render-after";
import { CheckoutRewards } from "./checkout-rewards";

declare const shopify: Api;

export default async () => {
  render(<CheckoutRewards api={shopify} compact={true} />, document.body);
};
