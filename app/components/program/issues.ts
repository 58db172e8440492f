import type { ProgramIssue } from "~/loyalty/program/program-checks";

export type IssuePath = readonly (string | number)[];

const sameStart = (path: IssuePath, prefix: IssuePath) => prefix.every((segment, index) => path[index] === segment);

/** The message(s) the core gave for exactly this field, for Polaris's `error` prop. */
export function issueAt(issues: readonly ProgramIssue[], ...path: IssuePath): string | undefined {
  const messages = issues.filter((issue) => issue.path.length === path.length && sameStart(issue.path, path)).map((issue) => issue.message);
  return messages.length > 0 ? messages.join(" ") : undefined;
}

/** Every issue at or under this path (a card's fields), e.g. to mark a collapsed section. */
export function issuesUnder(issues: readonly ProgramIssue[], ...prefix: IssuePath): ProgramIssue[] {
  return issues.filter((issue) => sameStart(issue.path, prefix));
}

/** A change to one field of a value (immutably), for the editors' onChange handlers. */
export function withField<T extends object, K extends keyof T>(value: T, key: K, next: T[K]): T {
  return { ...value, [key]: next };
}

/** "points" → "Points", for labels that start with the shop's name for points. */
export const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase("en") + text.slice(1);
