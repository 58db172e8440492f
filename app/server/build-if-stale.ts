// Builds the production app when its sources changed since the last build (used by the
// test suite's global setup and `npm run sandbox`).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "public", "remix.config.js", "vite.config.ts", "package-lock.json", "tsconfig.json"];

function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const child of readdirSync(full).sort()) if (!/\.test\.tsx?$/.test(child)) visit(path.join(entry, child));
    } else {
      hash.update(entry).update(readFileSync(full));
    }
  };
  for (const input of INPUTS) visit(input);
  return hash.digest("hex");
}

/**
 * One build at a time: two test runs (or a run and `npm run sandbox`) that find the build
 * stale would otherwise write build/ together. A lock directory is atomic to create; one
 * older than ten minutes was left by a killed build.
 */
function withBuildLock(root: string, build: () => void): void {
  const lock = path.join(root, ".build.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function buildAppIfStale(root = process.cwd()): void {
  withBuildLock(root, () => buildUnlocked(root));
}

function buildUnlocked(root: string): void {
  const marker = path.join(root, "build", ".source-fingerprint");
  const fingerprint = sourceFingerprint(root);
  const current = existsSync(marker) && existsSync(path.join(root, "build", "server", "main.js")) ? readFileSync(marker, "utf8") : "";
  if (current === fingerprint) return;
  // Vitest's variables would switch the Remix plugin off (vite.config.ts): build as `npm run build` does.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")));
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  writeFileSync(marker, fingerprint);
}
