import { isPaidStatus, orderProcessedAt, type OrderSnapshot } from "../orders/order-state";
import { programVersionAt, type ProgramVersion } from "../program/program";

export type EnrollmentSource = "customers/create" | "first_paid_order";

export type Enrollment = { readonly enrolledAt: Date; readonly source: EnrollmentSource };

/**
 * A customer becomes a member on customers/create or on their first paid order, never
 * before the shop's program began. A paid order enrols even if it is later refunded or
 * cancelled: it was paid (and a refunded status can only follow a payment). Test orders
 * enrol only where they count.
 */
export function enrollmentFromOrder(
  order: OrderSnapshot,
  programVersions: readonly ProgramVersion[],
  countTestOrders: boolean,
): Enrollment | null {
  if (!order.customerId || !isPaidStatus(order.financialStatus)) return null;
  if (order.test && !countTestOrders) return null;
  const at = orderProcessedAt(order);
  if (!programVersionAt(programVersions, at)) return null;
  return { enrolledAt: at, source: "first_paid_order" };
}

export function enrollmentFromSignup(
  customerCreatedAt: Date,
  programVersions: readonly ProgramVersion[],
): Enrollment | null {
  const start = programStart(programVersions);
  if (!start) return null;
  const enrolledAt = customerCreatedAt.getTime() < start.getTime() ? start : customerCreatedAt;
  return { enrolledAt, source: "customers/create" };
}

/** The earliest enrollment wins, so the result does not depend on webhook order. */
export function mergeEnrollment(current: Enrollment | null, candidate: Enrollment | null): Enrollment | null {
  if (!candidate) return current;
  if (!current) return candidate;
  const difference = candidate.enrolledAt.getTime() - current.enrolledAt.getTime();
  if (difference < 0) return candidate;
  if (difference > 0) return current;
  // Same instant: pick deterministically.
  return candidate.source < current.source ? candidate : current;
}

function programStart(versions: readonly ProgramVersion[]): Date | null {
  let start: Date | null = null;
  for (const version of versions) {
    if (!start || version.effectiveAt.getTime() < start.getTime()) start = version.effectiveAt;
  }
  return start;
}
