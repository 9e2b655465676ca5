// Short outbox leases: a live instance keeps its claim through a send that outlasts the lease,
// and an instance that stalled past its lease never sends the rows another instance took over.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock, systemClock } from "../../src/clock.js";
import { testConfig } from "../../src/config.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import type { MessageSender } from "../../src/delivery/port.js";
import { toPlainText } from "../../src/engine/message.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDispatcher } from "./helpers.js";
import { enqueueFor, seedInfluencers } from "./seed.js";

const payload = { kind: "i18n" as const, messageId: "jobs.drip.day7", params: { brand: "Acme" } };

/** A sender recording who got what; `during` runs inside each send (to act while it is in flight). */
function recordingSender(received: string[], during: (recipient: string) => Promise<void> = async () => {}): MessageSender {
  return {
    platform: "telegram",
    async send(recipient, message) {
      expect(toPlainText(message)).toContain("Acme");
      await during(recipient);
      received.push(recipient);
      return { status: "sent", messageId: String(received.length) };
    },
  };
}

describe.each(testProviders())("outbox leases on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
  });
  afterEach(async () => database.destroy());

  it("given the default config, then the lease is a few seconds", () => {
    expect(testConfig().DELIVERY_LEASE_MS).toBe(5000);
    expect(() => testConfig({ DELIVERY_LEASE_MS: "10" })).toThrow(/DELIVERY_LEASE_MS/);
  });

  it("given a send that takes three leases, when another instance polls meanwhile, then it takes nothing of the batch over", { timeout: 60_000 }, async () => {
    const lease = 1000;
    const people = await seedInfluencers(database.db, 3);
    await enqueueFor(database.db, people, "mission.announce", payload, "telegram", "slow");
    const received: string[] = [];
    const deps = { db: database.db, provider: database.provider, clock: systemClock, log: silentLogger, config: testConfig() };
    const other = new Dispatcher(deps, [recordingSender(received)], { instanceId: "other", leaseMs: lease });
    let polls = 0;
    const slow = recordingSender(received, async (recipient) => {
      if (recipient !== "chat1") return;
      // While this send is in flight (3 leases of real time), the other instance keeps polling.
      const until = Date.now() + 3 * lease;
      while (Date.now() < until) {
        polls += (await other.drain()).claimed;
        await new Promise((r) => setTimeout(r, lease / 4));
      }
    });
    const first = new Dispatcher(deps, [slow], { instanceId: "first", leaseMs: lease, maxInFlight: 1 });
    const counts = await first.drain();
    expect(counts.sent).toBe(3);
    expect(polls).toBe(0);
    expect(received.sort()).toEqual(["chat1", "chat2", "chat3"]);
  });

  it("given an instance that stalled past its lease and was taken over, then it sends none of the taken rows (one in-flight duplicate at most)", async () => {
    const people = await seedInfluencers(database.db, 4);
    await enqueueFor(database.db, people, "mission.announce", payload, "telegram", "stall");
    const received: string[] = [];
    const stalledClock = new FakeClock(new Date(Date.now() + 60_000));
    const laterClock = new FakeClock(new Date(Date.now() + 120_000)); // far past the stalled claim
    const taker = testDispatcher(database, laterClock, [recordingSender(received)], { instanceId: "taker" });
    let tookOver = 0;
    const stalled = testDispatcher(database, stalledClock, [recordingSender(received, async () => {
      // The first send hangs long enough for the lease to lapse; another instance takes the batch.
      if (tookOver === 0) tookOver = (await taker.drain()).sent;
    })], { instanceId: "stalled" });
    await stalled.drain();
    expect(tookOver).toBe(4);
    // The stalled instance completed only its in-flight send; every other recipient got one message.
    expect(received.filter((r) => r === "chat1")).toHaveLength(2);
    expect(received.filter((r) => r !== "chat1").sort()).toEqual(["chat2", "chat3", "chat4"]);
    const statuses = await database.db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
    expect(statuses).toEqual([{ status: "sent", _count: { _all: 4 } }]);
  });
});
