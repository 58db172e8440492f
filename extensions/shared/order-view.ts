import type { OrderPoints, WafaResult } from "./wafa-api";

/** What the thank-you and order status blocks say about this order's points. */
export type OrderPointsLine =
  | { readonly kind: "earned"; readonly points: number; readonly status: "pending" | "available" }
  /** The app has not recorded the order yet (its webhook arrives after the page). */
  | { readonly kind: "processing" }
  | { readonly kind: "none" };

export function orderPointsLine(result: WafaResult<OrderPoints> | null): OrderPointsLine {
  if (result === null) return { kind: "none" };
  if (!result.ok) return result.code === "not_available" ? { kind: "processing" } : { kind: "none" };
  const { points, status } = result.value;
  if (status === "not_recorded") return { kind: "processing" };
  return points > 0 ? { kind: "earned", points, status } : { kind: "none" };
}
