// The operator CLI as a function of argv: parse with the program built from the command table,
// run the command, return the exit code. 0 ok (also --help, --version), 1 refused or failed,
// 2 usage (unknown command or option, invalid value, missing argument). With `--json` a usage
// error too is one envelope on stdout: { ok: false, error: { code: "usage", message } }.
import { readFileSync } from "node:fs";
import { CommanderError } from "commander";
import type { ParsedArgs } from "./args.js";
import type { Command } from "./commands.js";
import { buildProgram } from "./program.js";

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** runs a table entry (default: src/cli/run.ts, loaded only then) */
  run?: (entry: Command, args: ParsedArgs) => Promise<number>;
}

function packageVersion(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      return (JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { version: string }).version;
    } catch {
      // not this level (src/cli vs dist/src/cli)
    }
  }
  return "0.0.0";
}

export async function runCli(table: Record<string, Command>, argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes("--json");
  let usageError: string | undefined;
  const { program, exitCode } = buildProgram(table, {
    version: packageVersion(),
    run: async (_name, entry, args) => (io.run ? io.run(entry, args) : (await import("./run.js")).runEntry(entry, args)),
    runJob: async (name) => (await import("./run.js")).runJob(name),
    writeOut: io.out,
    // Help shown because of a usage error goes to stderr (stdout stays the envelope with --json).
    writeErr: io.err,
    onError: (message) => {
      usageError = message.replace(/^error: /, "").trim();
      if (!json) io.err(`advo: ${usageError}\n`);
    },
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode();
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
    // A command group without its sub-command ("advo invite") shows its help on stderr.
    const message = usageError ?? (e.code === "commander.help" ? "a sub-command is missing" : e.message);
    if (json) io.out(`${JSON.stringify({ ok: false, error: { code: "usage", message } })}\n`);
    return 2;
  }
}
