// Graceful stop: the send in flight finishes and is recorded; the rest of the claimed batch goes
// straight back to the queue (no lease wait) for any instance. A sender that throws is retried.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock, systemClock } from "../../src/clock.js";
import { testConfig } from "../../src/config.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import type { MessageSender, SendResult } from "../../src/delivery/port.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDispatcher } from "./helpers.js";
import { enqueueFor, seedInfluencers } from "./seed.js";

const payload = { kind: "i18n" as const, messageId: "jobs.leaderboard.empty" };

describe.each(testProviders())("dispatcher stop and sender errors on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase(provider)));
  afterEach(async () => database.destroy());

  it("given a send in flight when stop is called, then it completes and is recorded, and the unsent rows are queued again", async () => {
    const people = await seedInfluencers(database.db, 5, "s", { platform: "console" });
    await enqueueFor(database.db, people, "mission.announce", payload, "console", "stop");
    let release!: () => void;
    const started: string[] = [];
    const sender: MessageSender = {
      platform: "console",
      send: (to) => { started.push(to); return new Promise<SendResult>((r) => (release = () => r({ status: "sent", messageId: "x" }))); },
    };
    const dispatcher = new Dispatcher({ db: database.db, provider, clock: systemClock, log: silentLogger, config: testConfig() }, [sender], { maxInFlight: 1, idleMs: 50 });
    dispatcher.start();
    await expect.poll(() => started.length, { timeout: 10_000 }).toBe(1);
    const stopped = dispatcher.stop();
    release();
    await stopped;
    const rows = await database.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["sent", "queued", "queued", "queued", "queued"]);
    expect(rows.slice(1).every((r) => r.claimedBy === null)).toBe(true);
    expect(started).toEqual(["s1"]);
  });

  it("given a sender that throws, then the row is retried later, not lost", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const people = await seedInfluencers(database.db, 1);
    await enqueueFor(database.db, people, "mission.announce", payload);
    let calls = 0;
    const sender: MessageSender = { platform: "telegram", send: async () => { if (++calls === 1) throw new Error("ECONNRESET"); return { status: "sent", messageId: "2" }; } };
    clock.set(new Date(Date.now() + 60_000));
    const dispatcher = testDispatcher(database, clock, [sender]);
    expect(await dispatcher.drain()).toMatchObject({ sent: 0, retried: 1 });
    expect(await database.db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "queued", attempts: 1, lastError: "ECONNRESET" });
    clock.advance(5_000);
    expect(await dispatcher.drain()).toMatchObject({ sent: 1 });
  });
});
