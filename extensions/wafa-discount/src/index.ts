// The exports Shopify's build wires to the targets in shopify.extension.toml.
export { cartLinesDiscountsGenerateRun, cartDeliveryOptionsDiscountsGenerateRun } from "./run";
