import type { ProgramChange } from "~/loyalty/program/program-diff";

/**
 * A tier or reward added or removed shows in the diff as one change per field; the history
 * reads better with one line for it ("Added") and the field-by-field rows for edits only.
 */
export function groupAddedAndRemoved(changes: readonly ProgramChange[]): ProgramChange[] {
  const entityOf = (label: string) => /^((?:Tier|Reward) “[^”]*” \([^)]+\)) › /.exec(label)?.[1] ?? null;
  const byEntity = new Map<string, ProgramChange[]>();
  for (const change of changes) {
    const entity = entityOf(change.label);
    if (entity) byEntity.set(entity, [...(byEntity.get(entity) ?? []), change]);
  }
  const whole = new Map<string, ProgramChange>();
  for (const [entity, fields] of byEntity) {
    if (fields.every((field) => field.before === null)) whole.set(entity, { label: entity, before: null, after: "added" });
    if (fields.every((field) => field.after === null)) whole.set(entity, { label: entity, before: "present", after: "removed" });
  }
  const result: ProgramChange[] = [];
  const shown = new Set<string>();
  for (const change of changes) {
    const entity = entityOf(change.label);
    const replacement = entity ? whole.get(entity) : undefined;
    if (!replacement || !entity) result.push(change);
    else if (!shown.has(entity)) {
      shown.add(entity);
      result.push(replacement);
    }
  }
  return result;
}
