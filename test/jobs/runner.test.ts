import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock, MINUTE } from "../../src/clock.js";
import { testConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { recentJobRuns } from "../../src/jobs/job-runs.js";
import { JobRunner } from "../../src/jobs/runner.js";
import type { JobDefinition } from "../../src/jobs/types.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";

function countingJob(calls: string[], name = "count"): JobDefinition {
  return { name, cronSetting: "JOB_REMINDERS_CRON", run: async (_deps, now) => { calls.push(now.toISOString()); return { seen: calls.length }; } };
}

describe.each(testProviders())("job runner on %s", (provider) => {
  let database: TestDatabase;
  let other: Database;
  const clock = new FakeClock("2026-03-02T10:00:00Z");
  const deps = (db: Database) => ({ db: db.db, clock, log: silentLogger, config: testConfig() });
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    // A second instance: its own connection(s) to the same database.
    other = await openDatabase(database.url);
  });
  afterEach(async () => {
    await other.close();
    await database.destroy();
  });

  it("given two instances firing the same slots at once, then each slot runs exactly once and is recorded", async () => {
    const calls: string[] = [];
    const a = new JobRunner(deps(database), [countingJob(calls)], { instanceId: "a" });
    const b = new JobRunner(deps(other), [countingJob(calls)], { instanceId: "b" });
    const slots = [0, 1, 2, 3, 4].map((i) => new Date(Date.parse("2026-03-02T10:00:00Z") + i * MINUTE));
    for (const slot of slots) {
      const results = await Promise.all([a.runSlot("count", slot), b.runSlot("count", new Date(slot.getTime() + 300))]);
      expect(results.filter((r) => r.status === "ran")).toHaveLength(1);
    }
    expect(calls).toEqual(slots.map((s) => s.toISOString()));
    const rows = await database.db.jobRun.findMany({ where: { outcome: "ok" }, orderBy: { slot: "asc" } });
    expect(rows.map((r) => r.jobKey)).toEqual(slots.map((s) => `count:${s.toISOString()}`));
    expect(rows.every((r) => r.finishedAt !== null && (r.counts as { seen: number }).seen > 0)).toBe(true);
  });

  it("given a run still going, then the next slot is skipped in this process and on another instance", async () => {
    let finish!: () => void;
    const slow: JobDefinition = { name: "slow", cronSetting: "JOB_REMINDERS_CRON", run: () => new Promise((r) => (finish = () => r({ done: 1 }))) };
    const a = new JobRunner(deps(database), [slow], { instanceId: "a" });
    const b = new JobRunner(deps(other), [slow], { instanceId: "b" });
    const first = a.runSlot("slow", new Date("2026-03-02T10:00:00Z"));
    await expect.poll(() => database.db.jobRun.count({ where: { outcome: "running" } }), { timeout: 10_000 }).toBe(1);
    expect(await a.runSlot("slow", new Date("2026-03-02T10:01:00Z"))).toEqual({ status: "skipped", reason: "still-running" });
    expect(await b.runSlot("slow", new Date("2026-03-02T10:02:00Z"))).toEqual({ status: "skipped", reason: "still-running" });
    finish();
    expect(await first).toMatchObject({ status: "ran", outcome: "ok" });
    // Finished: the next slot runs again, on any instance.
    const again = b.runSlot("slow", new Date("2026-03-02T10:03:00Z"));
    await expect.poll(() => database.db.jobRun.count({ where: { outcome: "running" } }), { timeout: 10_000 }).toBe(1);
    finish();
    expect(await again).toMatchObject({ status: "ran", outcome: "ok" });
    const outcomes = await database.db.jobRun.findMany({ orderBy: { slot: "asc" }, select: { outcome: true } });
    expect(outcomes.map((o) => o.outcome)).toEqual(["ok", "skipped", "skipped", "ok"]);
  }, 30_000);

  it("given a failing job, then the run is recorded as failed with the error, and /healthz shows the latest run per job", async () => {
    const boom: JobDefinition = { name: "boom", cronSetting: "JOB_REMINDERS_CRON", run: async () => { throw new Error("database on fire"); } };
    const calls: string[] = [];
    const a = new JobRunner(deps(database), [boom, countingJob(calls)], { instanceId: "a" });
    expect(await a.runSlot("boom", new Date("2026-03-02T10:00:00Z"))).toEqual({ status: "ran", outcome: "failed", error: "database on fire" });
    await a.runSlot("count", new Date("2026-03-02T10:00:00Z"));
    const runs = await recentJobRuns(database.db);
    expect(runs.map((r) => [r.job, r.outcome]).sort()).toEqual([["boom", "failed"], ["count", "ok"]]);
    expect(runs.find((r) => r.job === "boom")?.error).toBe("database on fire");
  });

  it("given a run left 'running' by a crashed instance long ago, then it no longer blocks the job", async () => {
    await database.db.jobRun.create({ data: { jobKey: "count:old", jobName: "count", slot: new Date("2026-03-02T08:00:00Z"), instanceId: "dead", startedAt: new Date("2026-03-02T08:00:00Z") } });
    const calls: string[] = [];
    const a = new JobRunner(deps(database), [countingJob(calls)], { instanceId: "a", staleAfterMs: 30 * MINUTE });
    expect(await a.runSlot("count", new Date("2026-03-02T10:00:00Z"))).toMatchObject({ status: "ran", outcome: "ok" });
  });
});
