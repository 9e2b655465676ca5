// Running one table entry for the CLI: boot, open the database, run as "operator", print the
// result (human text on stdout, errors on stderr; with --json one envelope on stdout either way)
// and return the exit code. Loaded only when a command runs, never for --help.
import { createInterface } from "node:readline/promises";
import { boot } from "../boot.js";
import { systemClock } from "../clock.js";
import { errorCode } from "../errors.js";
import { t } from "../i18n/translate.js";
import type { ErrParams } from "../result.js";
import { OPERATOR } from "../services/managers.js";
import type { ParsedArgs } from "./args.js";
import type { CliResult, Command } from "./commands.js";
import { openMigratedDatabase } from "./database.js";

type Locale = Parameters<typeof t>[0];

export interface ErrorBody {
  code: string;
  message: string;
  params?: ErrParams;
  fieldErrors?: { field: string; message: string }[];
}

/** `{ ok: false, error: { code, message } }` — the one error shape of `--json`. */
export function errorEnvelope(error: ErrorBody): string {
  return `${JSON.stringify({ ok: false, error })}\n`;
}

function safeT(locale: Locale, id: string, params?: ErrParams): string {
  try {
    return t(locale, id, params);
  } catch {
    return params ? `${id} ${JSON.stringify(params)}` : id;
  }
}

export const USAGE_CODE = "usage";

function print(json: boolean, result: CliResult, locale: Locale): number {
  if (result.ok) {
    process.stdout.write(json ? `${JSON.stringify({ ok: true, data: result.value.data })}\n` : `${result.value.text}\n`);
    return 0;
  }
  const usage = result.error === "manage.cli.usage";
  const message = safeT(locale, result.error, result.params);
  const fieldErrors = "fieldErrors" in result && result.fieldErrors ? result.fieldErrors.map((f) => ({ field: f.field, message: safeT(locale, f.messageId) })) : [];
  if (json) process.stdout.write(errorEnvelope({ code: usage ? USAGE_CODE : result.error, message, ...(result.params ? { params: result.params } : {}), ...(fieldErrors.length ? { fieldErrors } : {}) }));
  else process.stderr.write(`advo: ${message}\n${fieldErrors.map((f) => `  ${f.field}: ${f.message}\n`).join("")}`);
  return usage ? 2 : 1;
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function runEntry(entry: Command, args: ParsedArgs): Promise<number> {
  const json = args.flags.json === true;
  // Logs would mix with the command's output: keep them to warnings unless asked.
  const { config, log } = boot({ LOG_LEVEL: process.env.LOG_LEVEL || "warn" });
  const database = await openMigratedDatabase(config.DATABASE_URL);
  const deps = { db: database.db, clock: systemClock, log, config };
  try {
    if (entry.confirm && args.flags.yes !== true) {
      // A change that cannot be undone: show what it will do, then ask — on a terminal only.
      if (!process.stdin.isTTY) return print(json, { ok: false, error: "cli.confirm.needs_yes" }, config.DEFAULT_LOCALE);
      const preview = await entry.confirm(deps, args, OPERATOR);
      if (!preview.ok) return print(json, preview, config.DEFAULT_LOCALE);
      process.stderr.write(`${preview.value.text}\n`);
      if (!(await ask("Proceed? [y/N] "))) return print(json, { ok: false, error: "cli.confirm.cancelled" }, config.DEFAULT_LOCALE);
    }
    return print(json, await entry.run(deps, args, OPERATOR), config.DEFAULT_LOCALE);
  } catch (e) {
    const code = errorCode(e);
    log.error({ err: e, code }, "advo command failed");
    if (json) process.stdout.write(errorEnvelope({ code, message: (e as Error).message }));
    else process.stderr.write(`advo: failed (${code}): ${(e as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

export async function runJob(name: string): Promise<number> {
  const { config, log } = boot({ LOG_LEVEL: process.env.LOG_LEVEL || "warn" });
  // The job registry loads every job's code: only `advo job` pays for it.
  return (await import("./job.js")).runJobCommand(name, config, log);
}
