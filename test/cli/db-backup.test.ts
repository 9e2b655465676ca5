// `advo db backup` / `advo db restore` through the real CLI: a backup taken from a database with
// data restores into another database with exactly that data; a restore over a database that
// holds data is refused without --force and leaves it untouched; an existing backup file is not
// overwritten without --force; chat managers cannot reach these commands.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";
import { runAdvo } from "../helpers/process.js";
import { DB_COMMANDS } from "../../src/cli/commands-db.js";
import { testConfig } from "../../src/config.js";
import { systemClock } from "../../src/clock.js";
import { silentLogger } from "../../src/logger.js";

vi.setConfig({ testTimeout: 420_000 });

async function addPerson(db: Database, name: string) {
  await db.db.influencer.create({ data: { status: "active", displayName: name, accounts: { create: { platform: "console", externalId: name, chatId: name } } } });
}
const names = async (db: Database) => (await db.db.influencer.findMany({ select: { displayName: true }, orderBy: { displayName: "asc" } })).map((i) => i.displayName);

describe.each(testProviders())("advo db backup/restore on %s", (provider) => {
  const cleanups: (() => Promise<void>)[] = [];
  const dir = mkdtempSync(join(tmpdir(), "advo-backup-"));
  async function database() {
    const { url, drop } = await createTestDatabaseUrl(provider);
    const db = await openDatabase(url);
    cleanups.push(async () => {
      await db.close();
      await drop();
    });
    return { url, db };
  }
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it("given a backup then a restore into an empty database brings the data back, and over data only with --force", async () => {
    const source = await database();
    await addPerson(source.db, "ana");
    await addPerson(source.db, "ben");
    const file = join(dir, `${provider}.backup`);
    const taken = await runAdvo(source.url, ["db", "backup", file, "--json"]);
    expect(taken.code, taken.stderr).toBe(0);
    expect(JSON.parse(taken.stdout)).toMatchObject({ ok: true, data: { provider, file } });
    expect(existsSync(file)).toBe(true);
    await addPerson(source.db, "carla"); // after the backup: not in it

    const again = await runAdvo(source.url, ["db", "backup", file, "--json"]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: "manage.db.file_exists" } });

    const empty = await database();
    const restored = await runAdvo(empty.url, ["db", "restore", file, "--json"]);
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
    expect(await names(empty.db)).toEqual(["ana", "ben"]);

    const busy = await database();
    await addPerson(busy.db, "dora");
    const refused = await runAdvo(busy.url, ["db", "restore", file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("already holds data");
    expect(refused.stderr).toContain("Influencer");
    expect(await names(busy.db)).toEqual(["dora"]);

    const forced = await runAdvo(busy.url, ["db", "restore", file, "--force", "--json"]);
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(await names(busy.db)).toEqual(["ana", "ben"]);
    expect(await names(source.db)).toEqual(["ana", "ben", "carla"]);
  });

  it("given a file that is not a backup then restore refuses it and the database is unchanged", async () => {
    const target = await database();
    const notBackup = join(dir, "package.json");
    writeFileSync(notBackup, "{}\n");
    const r = await runAdvo(target.url, ["db", "restore", notBackup, "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: "manage.db.not_a_backup" } });
    expect(await names(target.db)).toEqual([]);
  });

  it("given a chat manager then db backup and restore are refused (terminal only)", async () => {
    const target = await database();
    const deps = { db: target.db.db, clock: systemClock, log: silentLogger, config: testConfig({ DATABASE_URL: target.url }) };
    for (const name of ["db backup", "db restore"]) {
      const r = await DB_COMMANDS[name]!.run(deps, { positionals: [...name.split(" "), join(dir, "x.backup")], flags: { force: true } }, "slack:U0MANAGER");
      expect(r).toMatchObject({ ok: false, error: "manage.db.terminal_only" });
    }
    expect(existsSync(join(dir, "x.backup"))).toBe(false);
  });
});
