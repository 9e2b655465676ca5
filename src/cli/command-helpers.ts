// Small helpers the command modules (src/cli/commands-*.ts) share: reading positionals, a usage
// refusal, and turning a service Result into the CLI's { data, text }. Kept apart from commands.ts
// so a command module imports these without importing the whole table (start-up, issue 18).
import { z } from "zod";
import { err, ok, type Result } from "../result.js";
import type { ParsedArgs } from "./args.js";
import type { CliResult } from "./commands.js";

const id = z.coerce.number().int().positive();

/** The refusal every command gives for missing or malformed arguments (exit code 2). */
export const usage = (u: string): CliResult => err("manage.cli.usage", { usage: u });

export function arg(args: ParsedArgs, index: number): string | undefined {
  return args.positionals[index];
}

/** The positional at `index` as a positive id, or undefined. */
export function idArg(args: ParsedArgs, index: number): number | undefined {
  const r = id.safeParse(arg(args, index));
  return r.success ? r.data : undefined;
}

/** A service's Result as the CLI's output: its value is the --json data, `text` the human line. */
export function wrap<T>(r: Result<T> | CliResult, text: (v: T) => string): CliResult {
  if (!r.ok) return r as CliResult;
  const value = (r as { value: T }).value;
  return ok({ data: value, text: text(value) });
}
