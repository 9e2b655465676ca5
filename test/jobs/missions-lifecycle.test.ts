import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock, HOUR } from "../../src/clock.js";
import { runMissionsLifecycle } from "../../src/jobs/missions-lifecycle.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { influencer, mission, participation } from "./seed.js";

describe.each(testProviders())("missions-lifecycle job on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase(provider)));
  afterEach(async () => database.destroy());

  it("given a scheduled mission whose start came and a published one past its deadline, then one is published and announced, the other closed with its unsubmitted participations expired", async () => {
    const clock = new FakeClock("2026-03-02T12:00:00Z");
    const deps = testDeps(database, {}, clock);
    const now = clock.now().getTime();
    const { db } = database;
    const ann = await influencer(db, { name: "ann" });
    const bob = await influencer(db, { name: "bob" });
    const due = await mission(db, { title: "Due", status: "scheduled", startsAt: new Date(now - HOUR), deadline: new Date(now + 48 * HOUR) });
    const future = await mission(db, { title: "Future", status: "scheduled", startsAt: new Date(now + HOUR), deadline: new Date(now + 48 * HOUR) });
    const past = await mission(db, { title: "Past", deadline: new Date(now - HOUR) });
    const running = await mission(db, { title: "Running", deadline: new Date(now + HOUR) });
    await participation(db, past.id, ann.id, "accepted");
    await participation(db, past.id, bob.id, "submitted");
    await participation(db, running.id, ann.id, "accepted");

    expect(await runMissionsLifecycle(deps, clock.now())).toEqual({ published: 1, announced: 2, closed: 1, expired: 1 });
    const status = async (id: number) => (await db.mission.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(due.id), await status(future.id), await status(past.id), await status(running.id)]).toEqual(["published", "scheduled", "closed", "published"]);
    const parts = await db.participation.findMany({ orderBy: { id: "asc" }, select: { status: true } });
    expect(parts.map((p) => p.status)).toEqual(["expired", "submitted", "accepted"]);
    expect(await db.outboxMessage.count({ where: { batchKey: `mission:${due.id}:announce` } })).toBe(2);

    expect(await runMissionsLifecycle(deps, clock.now())).toEqual({ published: 0, announced: 0, closed: 0, expired: 0 });
  });
});
