// CLI start-up (issue 18): wall time of `node_modules/.bin/advo …` (bin/advo.js on the compiled
// dist/) for --help and a few commands' help, several runs each, median and spread. "before" reads
// the whole command table (services, Prisma client, catalogs) as the CLI did before the manifest
// (ADVO_CLI_NO_MANIFEST=1); "after" answers from dist/src/cli/manifest.json. Also: bare `node`,
// and one real command (which must load its code and open the database). Needs `npm run build`.
// CLI_STARTUP_RUNS (default 7) runs per case. CLI_STARTUP_COMMANDS: the real commands to run, as
// "mission list;invite list" (default: stats, tier list, tier set); each must succeed on an empty db.
// CLI_STARTUP_BASELINE: another checkout's built bin/advo.js to run as "before" for those commands
// (e.g. a copy of the previous build), instead of this build without its manifest.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = join(root, "bin/advo.js");
const RUNS = Number(process.env.CLI_STARTUP_RUNS ?? 7);

function time(args: string[], env: Record<string, string> = {}): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: tmpdir(), env: { ...process.env, LOG_LEVEL: "silent", ...env }, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function row(label: string, runs: number[]): number {
  const m = median(runs);
  process.stdout.write(`${label.padEnd(44)} median ${m.toFixed(0).padStart(5)} ms   min ${Math.min(...runs).toFixed(0).padStart(5)}   max ${Math.max(...runs).toFixed(0).padStart(5)}\n`);
  return m;
}

export default async function cliStartup(): Promise<void> {
  if (!existsSync(join(root, "dist/src/cli/manifest.json"))) throw new Error("run `npm run build` first (dist/src/cli/manifest.json is missing)");
  process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}, ${RUNS} runs per case\n`);
  const cases: [string, string[]][] = [["--help", ["--help"]], ["mission list --help", ["mission", "list", "--help"]], ["cycle close --help", ["cycle", "close", "--help"]], ["--version", ["--version"]]];
  const node = row("node -e 0 (Node itself)", Array.from({ length: RUNS }, () => time(["-e", "0"])));
  for (const [label, args] of cases) {
    const runs = { before: [] as number[], after: [] as number[] };
    // Interleaved so that load changes hit both alike.
    for (let i = 0; i < RUNS; i++) {
      runs.before.push(time([bin, ...args], { ADVO_CLI_NO_MANIFEST: "1" }));
      runs.after.push(time([bin, ...args]));
    }
    const b = row(`before: advo ${label}`, runs.before);
    const a = row(`after:  advo ${label}`, runs.after);
    process.stdout.write(`${"".padEnd(44)} after/before ${(a / b).toFixed(2)}, after/node ${(a / node).toFixed(2)}\n`);
  }
  const db = `file:${join(mkdtempSync(join(tmpdir(), "advo-bench-cli-")), "bench.db")}`;
  time([bin, "stats"], { DATABASE_URL: db }); // migrates once
  // Each command in its own module (imported alone); tier set writes (the same value each run, so
  // every run does the same work).
  const commands = process.env.CLI_STARTUP_COMMANDS?.split(";").map((c) => c.trim().split(/\s+/)) ?? [["stats"], ["tier", "list"], ["tier", "set", "gold", "--threshold", "1500"]];
  const baseline = process.env.CLI_STARTUP_BASELINE;
  for (const args of commands) {
    const runs = { before: [] as number[], after: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      runs.before.push(baseline ? time([baseline, ...args], { DATABASE_URL: db }) : time([bin, ...args], { DATABASE_URL: db, ADVO_CLI_NO_MANIFEST: "1" }));
      runs.after.push(time([bin, ...args], { DATABASE_URL: db }));
    }
    const b = row(`before: advo ${args.join(" ")} (runs, opens the db)`, runs.before);
    const a = row(`after:  advo ${args.join(" ")} (runs, opens the db)`, runs.after);
    process.stdout.write(`${"".padEnd(44)} after/before ${(a / b).toFixed(2)}, after/node ${(a / node).toFixed(2)}\n`);
  }
  process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at the end\n`);
}
