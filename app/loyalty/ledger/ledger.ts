import { err, ok, type Result } from "../result";

/**
 * Wafa's ledger: append-only journals of lines that sum to zero (double entry, after
 * medici, in integers). A member's balances are sums of their lines; corrections are new
 * journals, never edits. Every journal has a domain key, unique per shop, so writing the
 * same fact twice is a no-op.
 */

export const MEMBER_ACCOUNTS = ["member.available", "member.pending", "member.held"] as const;
export const PROGRAM_ACCOUNTS = [
  "program.issued",
  "program.redeemed",
  "program.expired",
  "program.adjustments",
  "program.donated",
] as const;
export type MemberAccount = (typeof MEMBER_ACCOUNTS)[number];
export type ProgramAccount = (typeof PROGRAM_ACCOUNTS)[number];
export type Account = MemberAccount | ProgramAccount;

export const JOURNAL_KINDS = ["earn", "reversal", "redeem", "release", "adjust", "expire", "bonus"] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export type LedgerLine = {
  readonly account: Account;
  /** Set on member accounts, null on program accounts. */
  readonly customerId: string | null;
  readonly points: number;
};

export type Journal = {
  readonly key: string;
  readonly kind: JournalKind;
  readonly customerId: string | null;
  readonly orderId: string | null;
  readonly programVersion: number | null;
  readonly occurredAt: Date;
  readonly memo: string | null;
  /** What caused it: "webhook:orders/paid", "staff:<id>", "system:<job>". */
  readonly actor: string;
  /** The staff member's name for manual adjustments (the audit trail). */
  readonly actorName?: string | null;
  readonly lines: readonly LedgerLine[];
};

/** Kinds that count as a member's activity (the inactivity expiry clock): not reversals, releases or expiries. */
export const ACTIVITY_KINDS: ReadonlySet<JournalKind> = new Set(["earn", "bonus", "redeem", "adjust"]);

export type JournalError =
  | "empty"
  | "unbalanced"
  | "not_integer"
  | "zero_line"
  | "member_line_without_customer"
  | "program_line_with_customer"
  | "missing_key";

const MEMBER_ACCOUNT_SET: ReadonlySet<string> = new Set(MEMBER_ACCOUNTS);

export function isMemberAccount(account: Account): account is MemberAccount {
  return MEMBER_ACCOUNT_SET.has(account);
}

/** A journal commits only if it balances to zero in safe integers (or it is a bug). */
export function validateJournal(journal: Journal): Result<Journal, JournalError> {
  if (journal.key.trim() === "") return err("missing_key", "a journal needs a domain key");
  if (journal.lines.length < 2) return err("empty", `journal ${journal.key} needs at least two lines`);
  let sum = 0;
  for (const line of journal.lines) {
    if (!Number.isSafeInteger(line.points)) {
      return err("not_integer", `journal ${journal.key}: ${line.points} is not a safe integer of points`);
    }
    if (line.points === 0) return err("zero_line", `journal ${journal.key} has a zero line on ${line.account}`);
    if (isMemberAccount(line.account) && !line.customerId) {
      return err("member_line_without_customer", `journal ${journal.key}: ${line.account} needs a customer`);
    }
    if (!isMemberAccount(line.account) && line.customerId) {
      return err("program_line_with_customer", `journal ${journal.key}: ${line.account} is not a member account`);
    }
    sum += line.points;
  }
  if (sum !== 0) return err("unbalanced", `journal ${journal.key} does not balance: lines sum to ${sum}`);
  return ok(journal);
}

export type Balance = {
  readonly available: number;
  readonly pending: number;
  readonly held: number;
  /** Net points the program has credited the member (earn, reversal, bonus, adjust). */
  readonly lifetime: number;
};

export const ZERO_BALANCE: Balance = { available: 0, pending: 0, held: 0, lifetime: 0 };

/** Kinds that change what a member has earned, as opposed to moving or spending it. */
const LIFETIME_KINDS: ReadonlySet<JournalKind> = new Set(["earn", "reversal", "bonus", "adjust"]);

const FIELD_BY_ACCOUNT: Readonly<Record<MemberAccount, "available" | "pending" | "held">> = {
  "member.available": "available",
  "member.pending": "pending",
  "member.held": "held",
};

/** How one journal changes each member's balance (what the balance projection applies). */
export function balanceDeltas(journal: Journal): Map<string, Balance> {
  const deltas = new Map<string, Balance>();
  for (const line of journal.lines) {
    if (!isMemberAccount(line.account) || !line.customerId) continue;
    const current = deltas.get(line.customerId) ?? ZERO_BALANCE;
    const field = FIELD_BY_ACCOUNT[line.account];
    const earned = LIFETIME_KINDS.has(journal.kind) && field !== "held" ? line.points : 0;
    deltas.set(line.customerId, {
      ...current,
      [field]: current[field] + line.points,
      lifetime: current.lifetime + earned,
    });
  }
  return deltas;
}

export function addBalances(a: Balance, b: Balance): Balance {
  return {
    available: a.available + b.available,
    pending: a.pending + b.pending,
    held: a.held + b.held,
    lifetime: a.lifetime + b.lifetime,
  };
}

/** Balances derived from the ledger itself: the truth any projection must equal. */
export function balancesFromJournals(journals: Iterable<Journal>): Map<string, Balance> {
  const balances = new Map<string, Balance>();
  for (const journal of journals) {
    for (const [customerId, delta] of balanceDeltas(journal)) {
      balances.set(customerId, addBalances(balances.get(customerId) ?? ZERO_BALANCE, delta));
    }
  }
  return balances;
}
