/** @jsxImportSource preact */
// purchase.thank-you.block.render: the feedback survey on the thank-you page, on every plan.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import type { Api } from "@shopify/ui-extensions/purchase.thank-you.block.render";
import { SurveyBlock } from "./survey-block";

declare const shopify: Api;

function ThankYouSurvey() {
  // "gid://shopify/OrderIdentity/<id>": the app reads it as the order of the same id.
  const orderId = shopify.orderConfirmation.value.order.id || null;
  return <SurveyBlock sessionToken={shopify.sessionToken} i18n={shopify.i18n} orderId={orderId} />;
}

export default async () => {
  render(<ThankYouSurvey />, document.body);
};
