// Fails any test that logs an unexpected console.error (epic-stack habit): an error in the
// logs is a bug in the code or in the test.
import { afterEach, beforeEach, vi } from "vitest";

let errorSpy: ReturnType<typeof vi.spyOn> | undefined;

beforeEach(() => {
  errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});

afterEach(() => {
  errorSpy?.mockRestore();
});
