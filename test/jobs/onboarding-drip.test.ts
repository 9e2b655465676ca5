import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock, DAY, HOUR } from "../../src/clock.js";
import { runOnboardingDrip } from "../../src/jobs/onboarding-drip.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { influencer, outboxFor } from "./seed.js";

describe.each(testProviders())("onboarding-drip job on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase(provider)));
  afterEach(async () => database.destroy());

  it("given influencers activated 1, 3 and 7 days ago, then each gets that day's drip once, and the next one when it is due", async () => {
    const clock = new FakeClock("2026-03-02T12:00:00Z");
    const deps = testDeps(database, { BRAND_NAME: "Acme", QUIET_HOURS: "22-8" }, clock);
    const now = clock.now().getTime();
    const { db } = database;
    await influencer(db, { name: "d1", activatedAt: new Date(now - 1.5 * DAY) });
    await influencer(db, { name: "d3", activatedAt: new Date(now - 3.2 * DAY) });
    await influencer(db, { name: "d7", activatedAt: new Date(now - 7.5 * DAY) });
    await influencer(db, { name: "old", activatedAt: new Date(now - 20 * DAY) });
    await influencer(db, { name: "new", activatedAt: new Date(now - 10 * HOUR) });
    await influencer(db, { name: "stopped", activatedAt: new Date(now - 1.5 * DAY), messagesPaused: true });
    await influencer(db, { name: "night", activatedAt: new Date(now - 1.5 * DAY), timezone: "Pacific/Auckland" }); // 01:00 there

    expect(await runOnboardingDrip(deps, clock.now())).toMatchObject({ day1: 1, day3: 1, day7: 1, quiet: 1, enqueued: 3 });
    expect((await outboxFor(db, "chat-d1"))[0]).toMatchObject({ purpose: "drip.day1", payload: { kind: "i18n", messageId: "jobs.drip.day1", params: { brand: "Acme" } } });
    expect((await outboxFor(db, "chat-d7"))[0]?.purpose).toBe("drip.day7");
    for (const chat of ["chat-old", "chat-new", "chat-stopped", "chat-night"]) expect(await outboxFor(db, chat)).toHaveLength(0);
    expect((await runOnboardingDrip(deps, clock.now())).enqueued).toBe(0);

    clock.advance(2 * DAY);
    await runOnboardingDrip(deps, clock.now());
    expect((await outboxFor(db, "chat-d1")).map((r) => r.purpose)).toEqual(["drip.day1", "drip.day3"]);
  });
});
