// The Debian packages the test suite needs beyond `npm install`: the one list, used by the
// test run's global setup (app/test/global-setup.ts) and by .ci/run (this file as a CLI).
//
// When one is missing it is installed here when that is possible (root and apt-get: what a
// container or a CI machine is); otherwise the run stops at once with the one command that
// installs them, so a machine without them never reports green or fails half-way through.
// Detection is one `dpkg-query` call (about 10 ms); where there is no dpkg, the path each
// package puts in place is checked instead. CHROMIUM_PATH replaces Debian's chromium.
//
//   npx tsx app/test/system-packages.ts          # check, install as root, or print the command
//   npx tsx app/test/system-packages.ts --sudo   # also install through passwordless sudo (CI)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type SystemPackage = {
  /** Debian's package name. */
  readonly name: string;
  /** What needs it, for the messages. */
  readonly neededBy: string;
  /** A path the package installs, checked where dpkg-query is not available (a trailing `*` matches a versioned directory). */
  readonly installs: string;
};

const FUNCTION = "the discount Function's Wasm build (extensions/wafa-discount)";

export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  { name: "chromium", neededBy: "the browser suites (app/browser, docs/decisions/0012-browser-tests.md)", installs: "/usr/bin/chromium" },
  { name: "rustc", neededBy: FUNCTION, installs: "/usr/bin/rustc" },
  { name: "cargo", neededBy: FUNCTION, installs: "/usr/bin/cargo" },
  { name: "libstd-rust-dev-wasm32", neededBy: `${FUNCTION}: Rust's wasm32-wasi standard library`, installs: "/usr/lib/rustlib/wasm32-wasi" },
  { name: "binaryen", neededBy: `${FUNCTION}: wasm-opt`, installs: "/usr/bin/wasm-opt" },
];

/** What the plan depends on: the real machine by default (`probeMachine`), anything in tests. */
export type Machine = {
  /** The packages of `names` that are not installed. */
  readonly missing: (names: readonly string[]) => readonly string[];
  readonly isRoot: boolean;
  readonly hasAptGet: boolean;
  /** sudo runs without a password (`sudo -n true`); used only when allowed (CI). */
  readonly canSudo: boolean;
  /** CHROMIUM_PATH, when set: it replaces the chromium package. */
  readonly chromiumPath?: string;
  readonly exists: (file: string) => boolean;
};

export type Plan =
  | { readonly kind: "ready" }
  /** Run these commands (argv), in order, then check again. */
  | { readonly kind: "install"; readonly packages: readonly SystemPackage[]; readonly commands: readonly (readonly string[])[] }
  /** Stop the run with this message. */
  | { readonly kind: "stop"; readonly packages: readonly SystemPackage[]; readonly message: string };

const APT_OPTIONS = ["-y", "-q", "-o", "DPkg::Lock::Timeout=300"];

/** The command a person runs to install `names` (printed, never run by us). */
export function installCommand(names: readonly string[]): string {
  return `sudo apt-get update && sudo apt-get install -y ${names.join(" ")}`;
}

/** What to do about the packages on `machine`: nothing, install them, or stop with a message. */
export function planSystemPackages(machine: Machine, options: { allowSudo?: boolean; packages?: readonly SystemPackage[] } = {}): Plan {
  const all = options.packages ?? SYSTEM_PACKAGES;
  const problems: string[] = [];
  // CHROMIUM_PATH says which Chromium to use: apt cannot help when it points nowhere.
  const wanted = machine.chromiumPath === undefined ? all : all.filter((pkg) => pkg.name !== "chromium");
  if (machine.chromiumPath !== undefined && !machine.exists(machine.chromiumPath)) {
    problems.push(`CHROMIUM_PATH is ${machine.chromiumPath}, which does not exist: point it at a Chromium, or unset it to use Debian's chromium.`);
  }
  const missingNames = new Set(machine.missing(wanted.map((pkg) => pkg.name)));
  const packages = wanted.filter((pkg) => missingNames.has(pkg.name));
  if (packages.length === 0 && problems.length === 0) return { kind: "ready" };

  const names = packages.map((pkg) => pkg.name);
  const asRoot = machine.isRoot ? [] : options.allowSudo && machine.canSudo ? ["sudo"] : undefined;
  if (problems.length === 0 && machine.hasAptGet && asRoot !== undefined) {
    return {
      kind: "install",
      packages,
      commands: [
        [...asRoot, "apt-get", "update", "-q", "-o", "DPkg::Lock::Timeout=300"],
        [...asRoot, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", ...APT_OPTIONS, ...names],
      ],
    };
  }

  const lines: string[] = [];
  if (packages.length > 0) {
    lines.push("The tests need Debian packages that are not installed:", ...packages.map((pkg) => `  ${pkg.name.padEnd(26)} for ${pkg.neededBy}`));
    if (machine.hasAptGet) {
      lines.push("", "Install them with:", "", `  ${installCommand(names)}`, "", "(run as root, `npm test` installs them itself).");
    } else {
      lines.push(
        "",
        "This machine has no apt-get. On Debian or Ubuntu, install them with:",
        "",
        `  ${installCommand(names)}`,
        "",
        "Elsewhere, install the equivalents (the paths checked are in app/test/system-packages.ts; CHROMIUM_PATH selects a Chromium).",
      );
    }
  }
  if (problems.length > 0) lines.push(...(lines.length > 0 ? [""] : []), ...problems);
  return { kind: "stop", packages, message: lines.join("\n") };
}

const commandExists = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

/** Installed means dpkg says `install ok installed`; without dpkg, the package's path exists. */
function missingOnThisMachine(names: readonly string[]): readonly string[] {
  if (names.length === 0) return [];
  if (commandExists("dpkg-query")) {
    // Exit 1 with "no packages found matching …" on stderr for a name dpkg has never seen.
    const result = spawnSync("dpkg-query", ["-W", "-f=${Package}\t${Status}\n", ...names], { encoding: "utf8" });
    const installed = new Set(
      result.stdout
        .split("\n")
        .map((line) => line.split("\t"))
        .filter(([, status]) => status === "install ok installed")
        .map(([name = ""]) => name.split(":")[0]),
    );
    return names.filter((name) => !installed.has(name));
  }
  return names.filter((name) => {
    const pkg = SYSTEM_PACKAGES.find((candidate) => candidate.name === name);
    return pkg === undefined || !pathExists(pkg.installs);
  });
}

function pathExists(pattern: string): boolean {
  if (!pattern.endsWith("*")) return existsSync(pattern);
  const directory = path.dirname(pattern);
  const prefix = path.basename(pattern).slice(0, -1);
  return existsSync(directory) && readdirSync(directory).some((entry) => entry.startsWith(prefix));
}

export function probeMachine(env: Readonly<Record<string, string | undefined>> = process.env): Machine {
  return {
    missing: missingOnThisMachine,
    isRoot: process.getuid?.() === 0,
    hasAptGet: commandExists("apt-get"),
    get canSudo() {
      return commandExists("sudo") && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
    },
    chromiumPath: env.CHROMIUM_PATH || undefined,
    exists: existsSync,
  };
}

/** An error whose report is its message alone (no stack: it is an instruction, not a bug). */
class PrerequisiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SystemPackagesError";
    this.stack = `${this.name}\n\n${message}\n`;
  }
}

/**
 * Makes sure every package is there: returns at once when they are, installs the missing
 * ones when it can (then checks again), and throws the message to show otherwise.
 */
export function ensureSystemPackages(
  options: {
    machine?: Machine;
    allowSudo?: boolean;
    run?: (argv: readonly string[]) => void;
    log?: (line: string) => void;
  } = {},
): void {
  const machine = options.machine ?? probeMachine();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const run = options.run ?? ((argv: readonly string[]) => execFileSync(argv[0] ?? "", argv.slice(1), { stdio: ["ignore", "inherit", "inherit"] }));
  const plan = planSystemPackages(machine, { allowSudo: options.allowSudo });
  if (plan.kind === "ready") return;
  if (plan.kind === "stop") throw new PrerequisiteError(plan.message);

  const names = plan.packages.map((pkg) => pkg.name);
  log(`Installing the Debian packages the tests need: ${names.join(", ")} (app/test/system-packages.ts)`);
  const started = Date.now();
  try {
    for (const command of plan.commands) run(command);
  } catch (error) {
    throw new PrerequisiteError(`Installing ${names.join(" ")} with apt-get failed (${(error as Error).message.split("\n")[0]}). Install them with:\n\n  ${installCommand(names)}`);
  }
  const still = machine.missing(names);
  if (still.length > 0) throw new PrerequisiteError(`apt-get finished, but ${still.join(", ")} ${still.length === 1 ? "is" : "are"} still not installed. Install them with:\n\n  ${installCommand(still)}`);
  log(`Installed ${names.join(", ")} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/**
 * ensureSystemPackages for a run that cannot go on without them (the test run's global
 * setup, the CLI): on failure, prints the message alone and exits 1. (Thrown from Vitest's
 * global setup, the message would come after a misleading "No test files found".)
 */
export function requireSystemPackages(options: { allowSudo?: boolean } = {}): void {
  try {
    ensureSystemPackages(options);
  } catch (error) {
    if (!(error instanceof PrerequisiteError)) throw error;
    process.stderr.write(`\n${error.message}\n\n`);
    process.exit(1);
  }
}

// As a CLI (.ci/run): check or install, then say what is there.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  requireSystemPackages({ allowSudo: process.argv.includes("--sudo") });
  const names = SYSTEM_PACKAGES.map((pkg) => pkg.name);
  const versions = commandExists("dpkg-query") ? spawnSync("dpkg-query", ["-W", "-f=  ${Package} ${Version}\n", ...names], { encoding: "utf8" }).stdout : "";
  process.stdout.write(`System packages for the tests are installed:\n${versions}`);
  if (process.env.CHROMIUM_PATH) process.stdout.write(`  chromium from CHROMIUM_PATH=${process.env.CHROMIUM_PATH}\n`);
}
