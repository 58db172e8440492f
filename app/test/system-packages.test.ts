// The prerequisites' decisions on made-up machines: nothing here runs apt-get.
import { describe, expect, it } from "vitest";
import { ensureSystemPackages, planSystemPackages, probeMachine, SYSTEM_PACKAGES, type Machine } from "./system-packages";

const ALL = SYSTEM_PACKAGES.map((pkg) => pkg.name);

/** A machine where `absent` are not installed (and stay so unless `installs` says otherwise). */
function machine(absent: readonly string[], overrides: Partial<Machine> = {}): Machine & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    missing: (names) => {
      asked.push([...names]);
      return names.filter((name) => absent.includes(name));
    },
    isRoot: true,
    hasAptGet: true,
    canSudo: false,
    exists: () => false,
    asked,
    ...overrides,
  };
}

describe("the tests' system packages", () => {
  it("lists Chromium and the Rust toolchain the discount Function builds with, each once", () => {
    expect(ALL).toEqual(["chromium", "rustc", "cargo", "libstd-rust-dev-wasm32", "binaryen"]);
  });

  it("GIVEN everything installed THEN there is nothing to do, and every package was asked about", () => {
    const ready = machine([]);
    expect(planSystemPackages(ready)).toEqual({ kind: "ready" });
    expect(ready.asked).toEqual([ALL]);
  });

  it("GIVEN root with apt-get and two packages missing THEN it updates apt's lists and installs exactly those, non-interactively", () => {
    const plan = planSystemPackages(machine(["chromium", "binaryen"]));
    expect(plan).toMatchObject({
      kind: "install",
      commands: [
        ["apt-get", "update", "-q", "-o", "DPkg::Lock::Timeout=300"],
        ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", "chromium", "binaryen"],
      ],
    });
    expect(plan.kind === "install" && plan.packages.map((pkg) => pkg.name)).toEqual(["chromium", "binaryen"]);
  });

  it("GIVEN a user who is not root THEN the run stops with the one command to run, naming what needs each package", () => {
    const plan = planSystemPackages(machine(["chromium", "rustc", "libstd-rust-dev-wasm32"], { isRoot: false, canSudo: true }));
    expect(plan.kind).toBe("stop");
    const message = plan.kind === "stop" ? plan.message : "";
    expect(message).toContain("sudo apt-get update && sudo apt-get install -y chromium rustc libstd-rust-dev-wasm32\n");
    expect(message).toMatch(/chromium +for the browser suites/);
    expect(message).toMatch(/libstd-rust-dev-wasm32 +for the discount Function's Wasm build .*wasm32-wasi/);
    expect(message).not.toContain("binaryen");
  });

  it("GIVEN passwordless sudo and --sudo (CI) THEN it installs through sudo; without --sudo it only says how", () => {
    const ci = machine(["cargo"], { isRoot: false, canSudo: true });
    expect(planSystemPackages(ci, { allowSudo: true })).toMatchObject({
      kind: "install",
      commands: [["sudo", "apt-get", "update", "-q", "-o", "DPkg::Lock::Timeout=300"], ["sudo", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", "cargo"]],
    });
    expect(planSystemPackages(ci).kind).toBe("stop");
    expect(planSystemPackages(machine(["cargo"], { isRoot: false, canSudo: false }), { allowSudo: true }).kind).toBe("stop");
  });

  it("GIVEN no apt-get (not Debian) THEN it stops, names Debian's packages and says what to do elsewhere", () => {
    const plan = planSystemPackages(machine(["binaryen"], { hasAptGet: false }));
    expect(plan).toMatchObject({ kind: "stop", message: expect.stringContaining("This machine has no apt-get") });
    expect(plan.kind === "stop" && plan.message).toContain("sudo apt-get install -y binaryen");
  });

  it("GIVEN CHROMIUM_PATH at a Chromium THEN Debian's chromium is not asked about nor installed", () => {
    const custom = machine(["chromium"], { chromiumPath: "/opt/chrome/chrome", exists: (file) => file === "/opt/chrome/chrome" });
    expect(planSystemPackages(custom)).toEqual({ kind: "ready" });
    expect(custom.asked).toEqual([ALL.filter((name) => name !== "chromium")]);
  });

  it("GIVEN CHROMIUM_PATH pointing nowhere THEN it stops even as root: apt cannot fix a wrong path", () => {
    const plan = planSystemPackages(machine(["rustc"], { chromiumPath: "/nowhere/chromium" }));
    expect(plan.kind).toBe("stop");
    const message = plan.kind === "stop" ? plan.message : "";
    expect(message).toContain("CHROMIUM_PATH is /nowhere/chromium, which does not exist");
    expect(message).toContain("sudo apt-get install -y rustc");
  });

  it("GIVEN root WHEN the install works THEN ensure runs the plan's commands and checks again", () => {
    const absent = ["rustc", "cargo"];
    const ran: string[][] = [];
    const target = machine(absent);
    const log: string[] = [];
    ensureSystemPackages({
      machine: target,
      run: (argv) => {
        ran.push([...argv]);
        if (argv.includes("install")) absent.length = 0;
      },
      log: (line) => log.push(line),
    });
    expect(ran.map((argv) => argv.slice(0, 4))).toEqual([["apt-get", "update", "-q", "-o"], ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install"]]);
    expect(target.asked.at(-1)).toEqual(["rustc", "cargo"]);
    expect(log[0]).toContain("Installing the Debian packages the tests need: rustc, cargo");
  });

  it("GIVEN root WHEN apt-get fails or installs nothing THEN ensure throws with the command to run", () => {
    const fail = () => {
      throw new Error("Command failed: apt-get install\nE: Unable to locate package binaryen");
    };
    expect(() => ensureSystemPackages({ machine: machine(["binaryen"]), run: fail, log: () => undefined })).toThrow(/apt-get failed .*\n\n {2}sudo apt-get update && sudo apt-get install -y binaryen/);
    expect(() => ensureSystemPackages({ machine: machine(["binaryen"]), run: () => undefined, log: () => undefined })).toThrow("binaryen is still not installed");
  });

  it("GIVEN a non-root user WHEN ensure runs THEN nothing is run and the error is the message alone", () => {
    const ran: string[][] = [];
    let caught: unknown;
    try {
      ensureSystemPackages({ machine: machine(["chromium"], { isRoot: false }), run: (argv) => ran.push([...argv]) });
    } catch (error) {
      caught = error;
    }
    expect(ran).toEqual([]);
    expect((caught as Error).stack).not.toMatch(/ at /);
    expect((caught as Error).message).toContain("sudo apt-get install -y chromium");
  });

  it("GIVEN this machine THEN the real probe answers for every package without installing anything", () => {
    const here = probeMachine({});
    const missing = here.missing(ALL);
    expect(missing.every((name) => ALL.includes(name))).toBe(true);
    expect(here.missing(["wafa-no-such-package"])).toEqual(["wafa-no-such-package"]);
  });
});
