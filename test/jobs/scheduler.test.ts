// Real node-cron, two scheduler instances (separate connections) on one database, a job firing
// every second: each slot runs exactly once.
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { testConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { Scheduler } from "../../src/jobs/scheduler.js";
import type { JobDefinition } from "../../src/jobs/types.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";

describe.each(testProviders())("scheduler on %s", (provider) => {
  let database: TestDatabase;
  let other: Database;
  const schedulers: Scheduler[] = [];
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    await other.close();
    await database.destroy();
  });

  it("given two instances on one database firing every second, then each slot runs once", { timeout: 60_000 }, async () => {
    database = await createTestDatabase(provider);
    other = await openDatabase(database.url);
    const calls: string[] = [];
    const tick: JobDefinition = { name: "tick", cronSetting: "JOB_REMINDERS_CRON", run: async (_d, now) => { calls.push(now.toISOString()); return { n: 1 }; } };
    for (const [db, id] of [[database, "a"], [other, "b"]] as const) {
      const s = new Scheduler({ db: db.db, clock: systemClock, log: silentLogger, config: testConfig({ JOBS_ENABLED: "true" }) }, { jobs: [tick], cron: { tick: "* * * * * *" }, instanceId: id });
      s.start();
      schedulers.push(s);
    }
    await expect.poll(() => database.db.jobRun.count({ where: { outcome: "ok" } }), { timeout: 40_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    for (const s of schedulers.splice(0)) await s.stop();
    const ok = await database.db.jobRun.findMany({ where: { outcome: "ok" } });
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.length).toBe(ok.length);
    expect(new Set(ok.map((r) => r.instanceId)).size).toBeGreaterThanOrEqual(1);
  });
});
