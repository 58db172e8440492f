import { available, movePoints, programIssued } from "../ledger/journals";
import type { Journal } from "../ledger/ledger";
import { programVersionAt, type ProgramVersion } from "../program/program";
import type { Enrollment } from "./membership";

/** Domain key of a member's sign-up bonus: granted once, ever. */
export function signupBonusKey(customerKey: string): string {
  return `customer:${customerKey}:signup`;
}

/**
 * The welcome value on day one (../shared/PRODUCT.md): when a customer becomes a member,
 * the sign-up bonus of the program in force at that moment, available at once.
 */
export function signupBonus(customerKey: string, enrollment: Enrollment, versions: readonly ProgramVersion[], actor: string): Journal | null {
  const governing = programVersionAt(versions, enrollment.enrolledAt);
  const rule = governing?.rules.earning.signup;
  if (!governing || !rule?.enabled) return null;
  return movePoints(
    {
      key: signupBonusKey(customerKey),
      kind: "bonus",
      customerId: customerKey,
      orderId: null,
      programVersion: governing.version,
      occurredAt: enrollment.enrolledAt,
      memo: "Sign-up bonus",
      actor,
    },
    programIssued,
    available(customerKey),
    rule.points,
  );
}
