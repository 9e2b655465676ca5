// The operator CLI's parser (commander 14), built FROM the command table (src/cli/commands*.ts):
// every entry becomes a sub-command whose arguments and options come from its usage line, so an
// entry added to the table appears here, in `advo --help`, in its own `--help`, with checking of
// unknown options, missing arguments and enumerated values, without touching this file.
// Exit codes are decided by the caller (src/cli/main.ts) from the CommanderError codes.
import { Argument, Command as Program, InvalidArgumentError, Option } from "commander";
import { isTimeZone } from "./format.js";
import type { ParsedArgs } from "./args.js";
import type { Command } from "./commands.js";
import { HELP_EXTRA } from "./help-extra.js";
import { parseUsage, type OptionSpec } from "./usage-spec.js";

export interface ProgramHooks {
  version: string;
  /** runs one table entry with the parsed arguments; resolves to the exit code */
  run: (name: string, entry: Command, args: ParsedArgs) => Promise<number>;
  /** `advo job run NAME` */
  runJob: (name: string) => Promise<number>;
  writeOut: (s: string) => void;
  writeErr: (s: string) => void;
  /** commander's error message (already prefixed "error: "); the caller prints it */
  onError: (message: string) => void;
}

function optionOf(spec: OptionSpec): Option {
  const o = new Option(`--${spec.long}${spec.value ? ` <${spec.value}>` : ""}`);
  return spec.choices ? o.choices(spec.choices) : o;
}

function extraSpec(flags: string): OptionSpec {
  const [long = "", value] = flags.trim().split(/\s+/);
  return { long: long.replace(/^-+/, ""), ...(value ? { value } : {}) };
}

function zoneArg(zone: string): string {
  if (!isTimeZone(zone)) throw new InvalidArgumentError(`unknown time zone "${zone}" (an IANA name such as Europe/Paris, America/New_York or UTC)`);
  return zone;
}

/** The sub-commands' first words and their leaves, in table order. */
function groups(table: Record<string, Command>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of Object.keys(table)) {
    const [head = "", tail] = name.split(" ");
    out.set(head, [...(out.get(head) ?? []), ...(tail ? [tail] : [])]);
  }
  return out;
}

/** Returns the program and a getter for the exit code its action set. */
export function buildProgram(table: Record<string, Command>, hooks: ProgramHooks): { program: Program; exitCode: () => number } {
  let code = 0;
  const program = new Program("advo")
    .description("Advo operator CLI: runs the managers' commands as \"operator\" (always allowed, always audited).")
    .version(hooks.version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .option("--json", "print one JSON object on stdout: { ok: true, data } or { ok: false, error: { code, message } }")
    .addOption(new Option("--tz <zone>", "time zone for dates in human output (default: $TZ, else UTC)").argParser(zoneArg))
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({ writeOut: hooks.writeOut, writeErr: hooks.writeErr, outputError: (message) => hooks.onError(message) })
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .addHelpText("after", "\nExit codes: 0 ok, 1 refused or failed, 2 usage error.\nRun `advo <command> --help` for a command's options and examples.");

  const byHead = new Map<string, Program>();
  for (const [head, leaves] of groups(table)) {
    const cmd = program.command(head);
    const own = table[head] ? (table[head].description ?? HELP_EXTRA[head]?.description) : undefined;
    if (leaves.length) cmd.description(`${own ? `${own}; ` : ""}sub-commands: ${leaves.join(", ")}`);
    byHead.set(head, cmd);
  }

  for (const [name, entry] of Object.entries(table)) {
    const words = name.split(" ");
    const cmd = words.length === 1 ? byHead.get(name)! : byHead.get(words[0]!)!.command(words[1]!);
    const spec = parseUsage(entry.usage, words.length);
    const extra = HELP_EXTRA[name];
    const description = entry.description ?? extra?.description;
    const summary = description ?? spec.note ?? `advo ${entry.usage}`;
    if (words.length === 2 || !cmd.commands.length) cmd.description(summary);
    for (const a of spec.args) {
      const arg = new Argument(a.required ? `<${a.name}>` : `[${a.name}]`);
      cmd.addArgument(a.choices ? arg.choices(a.choices) : arg);
    }
    const options = [...spec.options, ...[...(entry.extraOptions ?? []), ...(extra?.extraOptions ?? [])].map(extraSpec).filter((o) => !spec.options.some((s) => s.long === o.long))];
    for (const o of options) cmd.addOption(optionOf(o));
    const examples = entry.examples ?? extra?.examples ?? [];
    cmd.addHelpText("after", [spec.note && description ? `\n${spec.note}` : "", examples.length ? `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}` : ""].join(""));
    cmd.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Program;
      const opts = self.opts<Record<string, unknown>>();
      const globals = program.opts<{ json?: boolean; tz?: string }>();
      const flags: ParsedArgs["flags"] = {};
      for (const o of options) {
        const attr = new Option(`--${o.long}`).attributeName();
        const v = opts[attr];
        if (v !== undefined && v !== false) flags[o.long] = v === true ? true : String(v);
      }
      if (globals.json) flags.json = true;
      if (globals.tz) flags.tz = globals.tz;
      code = await hooks.run(name, entry, { positionals: [...words, ...self.args], flags });
    });
  }

  program
    .command("job")
    .description("scheduled jobs; sub-commands: run")
    .command("run")
    .description("run one scheduled job now, with the scheduler's slot claim")
    .argument("<name>", "the job's name")
    .addHelpText("after", "\nExamples:\n  $ advo job run close-cycle")
    .action(async (name: string) => {
      code = await hooks.runJob(name);
    });
  return { program, exitCode: () => code };
}
