import { describe, expect, it } from "vitest";
import { assertValidJobs, cronFor, isSupportedPeriod, nextSlotAfter, type JobDefinition } from "./job";

const job = (name: string, everyMinutes: number): JobDefinition => ({ name, everyMinutes, perShop: false, run: async () => ({ processed: 0, complete: true }) });

describe("job schedules", () => {
  it.each([
    [1, "* * * * *"],
    [15, "*/15 * * * *"],
    [60, "0 * * * *"],
    [360, "0 */6 * * *"],
    [1440, "0 0 * * *"],
  ])("GIVEN every %i minutes THEN the cron expression is %s", (minutes, cron) => {
    expect(cronFor(minutes)).toBe(cron);
  });

  it("GIVEN periods that do not divide an hour or a day evenly THEN they are refused", () => {
    for (const minutes of [0, 7, 45, 90, 300, 2880, 1.5]) expect(isSupportedPeriod(minutes)).toBe(false);
    expect(() => cronFor(7)).toThrow(/unsupported/);
  });

  it("GIVEN an instant THEN the next slot is the next cron firing, strictly after it, in UTC", () => {
    expect(nextSlotAfter(new Date("2026-03-01T10:07:30Z"), 15)).toEqual(new Date("2026-03-01T10:15:00Z"));
    expect(nextSlotAfter(new Date("2026-03-01T10:15:00Z"), 15)).toEqual(new Date("2026-03-01T10:30:00Z"));
    expect(nextSlotAfter(new Date("2026-03-01T10:07:30Z"), 360)).toEqual(new Date("2026-03-01T12:00:00Z"));
    expect(nextSlotAfter(new Date("2026-03-01T23:59:59Z"), 1440)).toEqual(new Date("2026-03-02T00:00:00Z"));
  });

  it("GIVEN job definitions with a bad name, a duplicate or a bad period THEN the scheduler refuses them", () => {
    expect(() => assertValidJobs([job("expire-points", 60), job("birthdays", 60)])).not.toThrow();
    expect(() => assertValidJobs([job("Expire Points", 60)])).toThrow(/kebab-case/);
    expect(() => assertValidJobs([job("birthdays", 60), job("birthdays", 30)])).toThrow(/two jobs/);
    expect(() => assertValidJobs([job("birthdays", 45)])).toThrow(/not supported/);
  });
});
