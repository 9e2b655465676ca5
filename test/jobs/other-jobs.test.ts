import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { runCloseCycle } from "../../src/jobs/close-cycle.js";
import { recheckLiveJob } from "../../src/jobs/recheck-live.js";
import { verifySubmissionsJob } from "../../src/jobs/verify-submissions.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";

describe.each(testProviders())("close-cycle and verification jobs on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase(provider)));
  afterEach(async () => database.destroy());

  it("given the open cycle's end has not come, then close-cycle does nothing; once it has, it closes it exactly once", async () => {
    const clock = new FakeClock("2026-03-31T12:00:00Z");
    const deps = testDeps(database, {}, clock);
    const cycle = await database.db.cycle.create({ data: { name: "2026-Q1", startsAt: new Date("2026-01-01Z"), endsAt: new Date("2026-04-01Z") } });
    expect(await runCloseCycle(deps, clock.now())).toEqual({ closed: 0, reason: "not due" });
    clock.set("2026-04-01T00:05:00Z");
    expect(await runCloseCycle(deps, clock.now())).toMatchObject({ closed: 1, cycle: "2026-Q1" });
    expect((await database.db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).status).toBe("closed");
    expect((await runCloseCycle(deps, clock.now())).closed).toBe(0);
  });

  it("given the verifier is not part of this build, then verify-submissions and recheck-live report it instead of pretending", async () => {
    const deps = testDeps(database);
    expect(await verifySubmissionsJob(undefined).run(deps, deps.clock.now())).toMatchObject({ available: false, due: 0 });
    expect(await recheckLiveJob(undefined).run(deps, deps.clock.now())).toMatchObject({ available: false, due: 0 });
  });
});
