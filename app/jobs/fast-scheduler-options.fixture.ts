// Test support: scheduler options that make tests take seconds. pg-boss's minimums: 0.5 s
// polling, 1 s maintenance (which is what notices an expired lease), 1 s retry delay.
import type { SchedulerOptions } from "./scheduler-options";

export const FAST_SCHEDULER_OPTIONS = {
  leaseSeconds: 3,
  firstRunDelayMs: 0,
  concurrency: 2,
  postgres: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, stopTimeoutMs: 5_000 },
} satisfies SchedulerOptions;
