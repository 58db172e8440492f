import { describe, expect, it } from "vitest";
import { consoleJobLogger, resolveSchedulerOptions } from "./scheduler-options";

describe("scheduler options", () => {
  it("GIVEN no options THEN the production defaults: the real clock, a 5-minute lease, a run 5 s after start, pg-boss's own schema", () => {
    const options = resolveSchedulerOptions();
    const before = Date.now();
    expect(options.now().getTime()).toBeGreaterThanOrEqual(before);
    expect(options).toMatchObject({ leaseSeconds: 300, concurrency: 2, runAtStart: true, firstRunDelayMs: 5_000, logger: consoleJobLogger });
    expect(options.postgres).toEqual({ schema: "pgboss", poolSize: 4, pollingIntervalSeconds: 5, maintenanceIntervalSeconds: 60, retryLimit: 5, retryDelaySeconds: 30, stopTimeoutMs: 30_000 });
  });

  it("GIVEN some PostgreSQL options THEN the others keep their defaults", () => {
    expect(resolveSchedulerOptions({ postgres: { pollingIntervalSeconds: 0.5 } }).postgres).toMatchObject({ pollingIntervalSeconds: 0.5, retryLimit: 5 });
  });

  it("GIVEN values pg-boss would refuse THEN they are refused before it starts", () => {
    expect(() => resolveSchedulerOptions({ leaseSeconds: 1 })).toThrow();
    expect(() => resolveSchedulerOptions({ postgres: { pollingIntervalSeconds: 0.1 } })).toThrow();
  });
});
