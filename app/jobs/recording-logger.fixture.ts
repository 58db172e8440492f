// Test support: a job logger that keeps its events, and a wait for one of them.
import type { JobLogFields, JobLogger } from "./scheduler-options";

export type LoggedEvent = { readonly level: "info" | "warn" | "error"; readonly event: string; readonly fields: JobLogFields };

export function recordingLogger() {
  const events: LoggedEvent[] = [];
  const record = (level: LoggedEvent["level"]) => (event: string, fields: JobLogFields) => void events.push({ level, event, fields });
  const logger: JobLogger = { info: record("info"), warn: record("warn"), error: record("error") };
  const named = (event: string) => events.filter((entry) => entry.event === event);
  return { logger, events, named };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
