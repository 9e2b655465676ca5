// The CLI's contract, in process (no database is opened for help or usage errors): every table
// entry has help with a description, exit codes 0/1/2, the --json error envelope, suggestions for
// unknown commands and options, allowed values for enumerations, and arguments reaching `run` as
// the chat surface passes them. Child-process runs against a database are in advo-cli.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ParsedArgs } from "../../src/cli/args.js";
import { runCli } from "../../src/cli/cli.js";
import { COMMANDS, type Command } from "../../src/cli/commands.js";
import { fmtDate, table } from "../../src/cli/format.js";
import { HELP_LOCALES } from "../../src/cli/help-extra.js";
import { entriesOf, lazyTable, manifestOf } from "../../src/cli/manifest.js";
import { parseUsage } from "../../src/cli/usage-spec.js";
import { LOCALES } from "../../src/config.js";

async function cli(argv: string[], table: Record<string, Command> = COMMANDS, run?: (entry: Command, args: ParsedArgs) => Promise<number>) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(table, argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), run: run ?? (() => Promise.reject(new Error("no command should run"))) });
  return { code, stdout, stderr };
}

const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

describe("advo CLI contract", () => {
  it("given --help or --version then exit 0 on stdout; no arguments is a usage error (2)", async () => {
    const help = await cli(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    for (const head of new Set(Object.keys(COMMANDS).map((n) => n.split(" ")[0]!))) expect(help.stdout).toMatch(new RegExp(`^  ${head}\\b`, "m"));
    expect(help.stdout).toContain("Exit codes: 0 ok, 1 refused or failed, 2 usage error.");
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect(await cli(["-V"])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect((await cli([])).code).toBe(2);
    expect((await cli(["invite"])).code).toBe(2);
  });

  it.each(Object.keys(COMMANDS).map((name) => [name]))("given `advo %s --help` then usage, a description and the global options, exit 0", async (name) => {
    for (const flag of ["--help", "-h"]) {
      const r = await cli([...name.split(" "), flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: advo ${name}`);
      const description = r.stdout.split("\n")[2] ?? "";
      expect(description.trim().length).toBeGreaterThan(10);
      expect(r.stdout).toContain("--json");
      expect(r.stdout).toContain("--tz <zone>");
    }
  });

  it("given the built-in commands then each has examples in its help", async () => {
    const without = [];
    for (const name of Object.keys(COMMANDS)) if (!(await cli([...name.split(" "), "--help"])).stdout.includes("Examples:\n  $ advo ")) without.push(name);
    expect(without).toEqual([]);
    expect((await cli(["job", "run", "--help"])).stdout).toContain("$ advo job run close-cycle");
  });

  it("given an unknown command, sub-command or option then exit 2 with a suggestion", async () => {
    const cmd = await cli(["mision", "list"]);
    expect(cmd).toMatchObject({ code: 2, stdout: "" });
    expect(cmd.stderr).toContain("advo: unknown command 'mision'\n(Did you mean mission?)");
    expect((await cli(["mission", "lst"])).stderr).toContain("(Did you mean list?)");
    const opt = await cli(["mission", "list", "--stauts", "draft"]);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("unknown option '--stauts'\n(Did you mean --status?)");
  });

  it("given an invalid value, a missing or an extra argument then exit 2 naming the problem", async () => {
    const bad = await cli(["submission", "list", "--status", "foo"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'foo' is invalid. Allowed choices are needs_review, pending, verified, approved, rejected.");
    expect((await cli(["tier", "basis", "weekly"])).stderr).toContain("Allowed choices are lifetime, cycle.");
    expect((await cli(["invite", "revoke"])).stderr).toContain("missing required argument 'CODE'");
    expect((await cli(["invite", "list", "extra"])).stderr).toContain("too many arguments");
    expect((await cli(["mission", "list", "--status"])).stderr).toContain("argument missing");
    expect((await cli(["stats", "--tz", "Mars/Base"])).stderr).toContain('unknown time zone "Mars/Base"');
  });

  it("given --json and a usage error then stdout is exactly one envelope { ok: false, error: { code, message } }", async () => {
    for (const argv of [["mision", "--json"], ["mission", "list", "--status", "foo", "--json"], ["--json", "invite", "revoke"]]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      const lines = r.stdout.trim().split("\n");
      expect(lines).toHaveLength(1);
      const body = JSON.parse(lines[0]!) as { ok: boolean; error: { code: string; message: string } };
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe("usage");
      expect(body.error.message).not.toMatch(/^error:/);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
  });

  it("given a valid command then run gets the positionals and flags the chat surface would pass, and its exit code is returned", async () => {
    const seen: ParsedArgs[] = [];
    const run = async (_e: Command, a: ParsedArgs) => (seen.push(a), 1);
    expect((await cli(["points", "adjust", "7", "-5", "--reason", "typo", "--json", "--tz", "Europe/Paris"], COMMANDS, run)).code).toBe(1);
    expect(seen[0]).toEqual({ positionals: ["points", "adjust", "7", "-5"], flags: { reason: "typo", json: true, tz: "Europe/Paris" } });
    await cli(["submissions", "settings", "--max-attempts", "3"], COMMANDS, run);
    expect(seen[1]!.flags).toEqual({ "max-attempts": "3" });
    await cli(["tier", "set", "silver", "--name-fr", "Argent", "--threshold=100"], COMMANDS, run);
    expect(seen[2]).toEqual({ positionals: ["tier", "set", "silver"], flags: { "name-fr": "Argent", threshold: "100" } });
    await cli(["cycle", "close", "--force", "--yes"], COMMANDS, run);
    expect(seen[3]!.flags).toEqual({ force: true, yes: true });
  });

  it("given an entry added to the table then it is a command with its arguments, options and choices", async () => {
    const seen: ParsedArgs[] = [];
    const widget: Command = { usage: "widget frob ID [--level low|high] [--dry]", run: () => Promise.reject(new Error("not here")) };
    const extended = { ...COMMANDS, "widget frob": widget };
    expect((await cli(["--help"], extended)).stdout).toMatch(/^ {2}widget\s+sub-commands: frob$/m);
    expect((await cli(["widget", "frob", "--help"], extended)).stdout).toContain('--level <value>  (choices: "low", "high")');
    expect((await cli(["widget", "frob", "3", "--level", "mid"], extended)).code).toBe(2);
    expect((await cli(["widget", "frob", "3", "--level", "low", "--dry"], extended, async (_e, a) => (seen.push(a), 0))).code).toBe(0);
    expect(seen[0]).toEqual({ positionals: ["widget", "frob", "3"], flags: { level: "low", dry: true } });
  });

  it("given the table's manifest (what the built CLI reads) then help and parsing are the same, and running loads the real entry", async () => {
    let loads = 0;
    const lazy = lazyTable(JSON.parse(JSON.stringify(manifestOf(COMMANDS))), async () => (loads++, COMMANDS));
    expect(Object.keys(lazy)).toEqual(Object.keys(COMMANDS));
    for (const name of Object.keys(COMMANDS)) expect((await cli([...name.split(" "), "--help"], lazy)).stdout).toBe((await cli([...name.split(" "), "--help"])).stdout);
    expect((await cli(["--help"], lazy)).stdout).toBe((await cli(["--help"])).stdout);
    expect(loads).toBe(0);
    expect(lazy["cycle close"]!.confirm).toBeTypeOf("function");
    expect(lazy.stats!.confirm).toBeUndefined();
    const seen: string[] = [];
    const fake = { ...COMMANDS, stats: { ...COMMANDS.stats!, run: async () => (seen.push("ran"), { ok: true as const, value: { data: 1, text: "1" } }) } };
    const lazyFake = lazyTable(manifestOf(fake), async () => (loads++, fake));
    expect(await lazyFake.stats!.run(undefined as never, { positionals: [], flags: {} }, "operator")).toMatchObject({ ok: true });
    expect([seen, loads]).toEqual([["ran"], 1]);
    // An entry the manifest places in its own module: the loader is asked for that module only.
    const asked: (string | undefined)[] = [];
    const byModule = lazyTable(manifestOf(fake, { stats: "commands-stats.js" }), async (module) => (asked.push(module), fake));
    await byModule.stats!.run(undefined as never, { positionals: [], flags: {} }, "operator");
    await byModule["cycle close"]!.confirm!(undefined as never, { positionals: [], flags: {} }, "operator").catch(() => undefined);
    expect(asked).toEqual(["commands-stats.js", undefined]);
    expect(entriesOf({ TABLE: { stats: fake.stats }, other: 3, NOT: { x: { usage: 1 } } })).toEqual({ stats: fake.stats });
  });

  it("given the command table then every entry is the very entry a commands-*.ts module exports, each module under 300 lines", async () => {
    // What src/cli/write-manifest.ts records: a command found in no module would load the whole
    // table when it runs (start-up, issue 18), one found in two would be ambiguous.
    const dir = new URL("../../src/cli/", import.meta.url);
    const owners: Record<string, string[]> = {};
    for (const file of readdirSync(dir).filter((f) => /^commands-[\w-]+\.ts$/.test(f))) {
      expect(readFileSync(new URL(file, dir), "utf8").split("\n").length, file).toBeLessThan(300);
      const entries = entriesOf((await import(new URL(file, dir).href)) as Record<string, unknown>);
      for (const [name, entry] of Object.entries(entries)) if (COMMANDS[name] === entry) (owners[name] ??= []).push(file);
    }
    expect(Object.keys(COMMANDS).filter((name) => owners[name]?.length !== 1)).toEqual([]);
    expect(owners["mission list"]).toEqual(["commands-missions.ts"]);
  });

  it("reads usage lines into arguments, options, choices and notes", () => {
    expect(parseUsage("db backup FILE [--force]   # SQLite: online backup", 2)).toEqual({ args: [{ name: "FILE", required: true }], options: [{ long: "force" }], note: "SQLite: online backup" });
    expect(parseUsage("report [--mission N | --cycle N] [--json | --csv]", 1).options).toEqual([{ long: "mission", value: "N" }, { long: "cycle", value: "N" }, { long: "csv" }]);
    expect(parseUsage("manager set-role PLATFORM:USER_ID admin|reviewer|viewer", 2).args).toEqual([{ name: "PLATFORM:USER_ID", required: true }, { name: "value", required: true, choices: ["admin", "reviewer", "viewer"] }]);
    expect(parseUsage("invite create [--tags a,b] [--bonuses 500,300]", 2).options).toEqual([{ long: "tags", value: "list" }, { long: "bonuses", value: "list" }]);
  });

  it("formats human output: aligned columns, separators, dates in the chosen zone", () => {
    expect(table(["ID", "NAME", "POINTS"], [[7, "Ana", 12500], [1234, "Bé", null]], "none").split("\n")).toEqual([
      "   ID  NAME  POINTS",
      "    7  Ana   12,500",
      "1,234  Bé         -",
    ]);
    expect(table(["A"], [], "(none)")).toBe("(none)");
    const at = new Date("2026-12-07T23:30:00Z");
    expect(fmtDate(at)).toBe("2026-12-07 23:30");
    expect(fmtDate(at, { flags: { tz: "Europe/Paris" } })).toBe("2026-12-08 00:30");
    expect(fmtDate(null)).toBe("-");
    expect([...HELP_LOCALES]).toEqual([...LOCALES]);
  });
});
