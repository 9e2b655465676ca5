// The operator CLI: `npx advo <command>` / `npm run advo -- <command>`. Runs the same manager
// services as the chat surfaces, acting as "operator" (always allowed, always audited).
// Exit codes: 0 ok, 1 refused/invalid/failed, 2 usage. `--json` prints one JSON object.
import { boot } from "../boot.js";
import { systemClock } from "../clock.js";
import { errorCode } from "../errors.js";
import { OPERATOR } from "../services/managers.js";
import { t } from "../i18n/translate.js";
import type { ErrParams } from "../result.js";
import { parseArgs } from "./args.js";
import { openMigratedDatabase } from "./database.js";
import { runJobCommand } from "./job.js";
import { COMMANDS, helpText, type CliResult } from "./commands.js";

function print(json: boolean, result: CliResult, locale: Parameters<typeof t>[0]): number {
  if (result.ok) {
    process.stdout.write(json ? `${JSON.stringify({ ok: true, data: result.value.data })}\n` : `${result.value.text}\n`);
    return 0;
  }
  const message = safeT(locale, result.error, result.params);
  const fieldErrors = "fieldErrors" in result && result.fieldErrors ? result.fieldErrors.map((f) => ({ field: f.field, message: safeT(locale, f.messageId) })) : [];
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: result.error, message, ...(result.params ? { params: result.params } : {}), ...(fieldErrors.length ? { fieldErrors } : {}) })}\n`);
  else process.stderr.write(`advo: ${message}\n${fieldErrors.map((f) => `  ${f.field}: ${f.message}\n`).join("")}`);
  return result.error === "manage.cli.usage" ? 2 : 1;
}

function safeT(locale: Parameters<typeof t>[0], id: string, params?: ErrParams): string {
  try {
    return t(locale, id, params);
  } catch {
    return params ? `${id} ${JSON.stringify(params)}` : id;
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const json = args.flags.json === true;
  const [a, b] = args.positionals;
  if (!a || a === "help" || args.flags.help === true) {
    process.stdout.write(helpText());
    return a || args.flags.help ? 0 : 2;
  }
  const command = COMMANDS[`${a} ${b ?? ""}`] ?? COMMANDS[a];
  const isJob = a === "job" && b === "run";
  if (!command && !isJob) {
    process.stderr.write(`advo: unknown command "${args.positionals.slice(0, 2).join(" ")}"\n\n${helpText()}`);
    return 2;
  }
  // Logs would mix with the command's output: keep them to warnings unless asked.
  const { config, log } = boot({ LOG_LEVEL: process.env.LOG_LEVEL || "warn" });
  if (isJob || !command) return runJobCommand(args.positionals[2], config, log);
  const database = await openMigratedDatabase(config.DATABASE_URL);
  try {
    const result = await command.run({ db: database.db, clock: systemClock, log, config }, args, OPERATOR);
    return print(json, result, config.DEFAULT_LOCALE);
  } catch (e) {
    const code = errorCode(e);
    log.error({ err: e, code }, "advo command failed");
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: code, message: (e as Error).message })}\n`);
    else process.stderr.write(`advo: failed (${code}): ${(e as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`advo: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
