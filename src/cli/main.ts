// The operator CLI: `advo <command>` (node_modules/.bin/advo, `npm run advo -- <command>`). The
// commands are the shared table (src/cli/commands*.ts); src/cli/program.ts turns it into a
// commander program and src/cli/cli.ts decides the exit code (0 ok, 1 refused/failed, 2 usage).
// Built (dist/), the table's manifest is read instead of the table: help and usage errors never
// load the services or the database client (start-up, issue 18); a command loads them to run.
import { readFileSync } from "node:fs";
import { runCli } from "./cli.js";
import type { Command } from "./commands.js";
import { entriesOf, lazyTable, type Manifest } from "./manifest.js";

const loadTable = async (): Promise<Record<string, Command>> => (await import("./commands.js")).COMMANDS;
/** A command's own module when the manifest names one (it alone is imported), else the whole table. */
const loadFor = async (module?: string): Promise<Record<string, Command>> =>
  module && /^commands-[\w-]+\.js$/.test(module) ? entriesOf((await import(new URL(module, import.meta.url).href)) as Record<string, unknown>) : loadTable();

async function table(): Promise<Record<string, Command>> {
  // bench/cli-startup.ts measures the CLI without its manifest (the whole table loaded) as a baseline.
  if (process.env.ADVO_CLI_NO_MANIFEST === "1") return loadTable();
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL("./manifest.json", import.meta.url), "utf8")) as Manifest;
  } catch {
    return loadTable(); // sources through tsx: no manifest
  }
  return lazyTable(manifest, loadFor);
}

async function main(): Promise<number> {
  return runCli(await table(), process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: "internal", message: (e as Error).message } })}\n`);
    else process.stderr.write(`advo: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
