// npm run build → plain JavaScript that runs without tsx and without the TypeScript sources: the
// compiled bot and CLI are run from a copy of the package holding dist/ but no src/ (as in the
// production image), so nothing can fall back to a TypeScript loader.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, mkdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listeningPort, spawnProgram, until } from "../helpers/process.js";

const root = join(import.meta.dirname, "../..");

describe("compiled build (dist/)", () => {
  let app: string;
  let dbUrl: string;
  beforeAll(() => {
    app = mkdtempSync(join(tmpdir(), "advo-dist-"));
    // node_modules first: the build runs the compiled CLI to write its manifest.
    symlinkSync(join(root, "node_modules"), join(app, "node_modules"), "dir");
    const built = spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "--out-dir", join(app, "dist")], { cwd: root, encoding: "utf8" });
    expect(built.status, built.stderr + built.stdout).toBe(0);
    for (const part of ["bin", "scripts", "prisma", "package.json"]) cpSync(join(root, part), join(app, part), { recursive: true });
    dbUrl = `file:${join(app, "data", "advo.db")}`;
  }, 480_000); // tsc plus writing the CLI manifest; the build alone took over 4 min at load 30
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it("given dist/ without the sources then the advo bin runs the compiled CLI (migrating the database) and exits 0", () => {
    const r = spawnSync(process.execPath, [join(app, "bin/advo.js"), "stats", "--json"], { cwd: app, encoding: "utf8", env: { ...process.env, DATABASE_URL: dbUrl } });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
    // Every command kept in its own module: the manifest names it, and running it imports only that.
    const manifest = JSON.parse(readFileSync(join(app, "dist/src/cli/manifest.json"), "utf8")) as Record<string, { module?: string }>;
    expect([manifest["tier list"]?.module, manifest.stats?.module, manifest["mission list"]?.module]).toEqual(["commands-tiers.js", "commands-stats.js", "commands-missions.js"]);
    expect(Object.entries(manifest).filter(([, entry]) => !entry.module).map(([name]) => name)).toEqual([]);
    // A read from each kind of module, through the manifest as an operator runs it: stop 26's build
    // failed `influencer list` and `cycle show` ("Cannot access 'OPERATOR_COMMANDS' before
    // initialization": their module imported the whole table back) while the in-process tests passed.
    for (const command of ["tier list", "influencer list", "cycle show", "mission list", "invite list", "submission list", "redemption list", "reward list"]) {
      const r = spawnSync(process.execPath, [join(app, "bin/advo.js"), ...command.split(" "), "--json"], { cwd: app, encoding: "utf8", env: { ...process.env, DATABASE_URL: dbUrl } });
      expect(r.status, `advo ${command}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
    }
  }, 240_000);

  it("given dist/ then the CLI answers --help, a command's help and usage errors from the manifest, without a database", () => {
    expect(existsSync(join(app, "dist/src/cli/manifest.json"))).toBe(true);
    const env = { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" };
    const help = spawnSync(process.execPath, [join(app, "bin/advo.js"), "--help"], { cwd: app, encoding: "utf8", env });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain("influencer");
    const one = spawnSync(process.execPath, [join(app, "bin/advo.js"), "cycle", "close", "-h"], { cwd: app, encoding: "utf8", env });
    expect([one.status, one.stdout]).toEqual([0, expect.stringContaining("$ advo cycle close --force --yes")]);
    const bad = spawnSync(process.execPath, [join(app, "bin/advo.js"), "submission", "list", "--status", "foo", "--json"], { cwd: app, encoding: "utf8", env });
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: "usage" } });
  }, 60_000);

  it("given dist/ without the sources then `npm start` (scripts/start.mjs) serves /healthz and exits 0 on SIGTERM", async () => {
    const bot = spawnProgram(process.execPath, [join(app, "scripts/start.mjs")], { cwd: app, env: { DATABASE_URL: dbUrl, PORT: "0", JOBS_ENABLED: "false", LOG_LEVEL: "info" } });
    try {
      await until(() => listeningPort(bot.output()) !== undefined, "the http server");
      const res = await fetch(`http://127.0.0.1:${listeningPort(bot.output())}/healthz`);
      expect(res.status).toBe(200);
      expect(bot.output()).not.toContain("compiling");
    } finally {
      bot.child.kill("SIGTERM");
    }
    expect(await bot.closed).toBe(0);
    expect(bot.output()).toContain('"msg":"stopped"');
  }, 120_000);

  it("given a source edited after the build then dist/ counts as stale (npm start rebuilds, the bin uses the sources)", async () => {
    const state = (await import(pathToFileURL(join(app, "scripts/dist-state.mjs")).href)) as { distState(): string };
    expect(state.distState()).toBe("fresh");
    mkdirSync(join(app, "src"), { recursive: true });
    writeFileSync(join(app, "src", "main.ts"), "// edited\n");
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(app, "src", "main.ts"), later, later);
    expect(state.distState()).toBe("stale");
    rmSync(join(app, "dist", ".build-stamp"));
    expect(state.distState()).toBe("missing");
  });
});
