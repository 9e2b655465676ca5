// Kill -9 a dispatcher process in the middle of a broadcast, start another: the broadcast
// finishes, nobody is lost, and at most the one message in flight at the kill arrives twice.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { FakePlatformServer } from "../fakes/fake-platform-server.js";
import { enqueueFor, seedInfluencers } from "./seed.js";

const child = fileURLToPath(new URL("./fixtures/dispatch-child.ts", import.meta.url));
const LEASE_MS = 2000;

function startDispatcher(databaseUrl: string, platformUrl: string): { proc: ChildProcess; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ["--import", "tsx", child], {
    env: { ...process.env, DATABASE_URL: databaseUrl, FAKE_PLATFORM_URL: platformUrl, DELIVERY_LEASE_MS: String(LEASE_MS) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, exited };
}

describe.each(testProviders())("dispatcher crash mid-broadcast on %s", (provider) => {
  let database: TestDatabase;
  const platform = new FakePlatformServer();
  afterEach(async () => {
    await platform.stop();
    await database.destroy();
  });

  it("given a dispatcher killed after 60 of 200 messages, when another starts, then everyone gets exactly one message except at most one duplicate", { timeout: 180_000 }, async () => {
    database = await createTestDatabase(provider);
    const people = await seedInfluencers(database.db, 200);
    await enqueueFor(database.db, people, "mission.announce", { kind: "i18n", messageId: "jobs.drip.day7", params: { brand: "Acme" } }, "telegram", "crash");
    const url = await platform.start();

    const first = startDispatcher(database.url, url);
    let killedAt = 0;
    platform.onMessage = (_m, count) => {
      // Killed while this message is in flight: received by the platform, not yet recorded as sent.
      if (count === 60) {
        first.proc.kill("SIGKILL");
        killedAt = Date.now();
      }
    };
    await first.exited;
    const atKill = platform.received.length;
    expect(atKill).toBeGreaterThanOrEqual(60);
    expect(atKill).toBeLessThan(200);
    // The dead instance's claim: renewed before each send, so it ends within one lease of the kill.
    const orphaned = await database.db.outboxMessage.findMany({ where: { status: "sending" }, select: { recipient: true, claimedUntil: true } });
    expect(orphaned.length).toBeGreaterThan(0);
    const leaseEnds = orphaned.map((r) => r.claimedUntil!.getTime());
    for (const end of leaseEnds) expect(end).toBeLessThanOrEqual(killedAt + LEASE_MS);
    const orphanedRecipients = new Set(orphaned.map((r) => r.recipient));

    const second = startDispatcher(database.url, url);
    expect(await second.exited).toBe(0);

    // Take-over: the orphaned rows are resent only once their lease ended (never stolen from a live
    // claim), and soon after — within a few leases of the later of "lease ended" and "the new
    // instance was up" (its first send), not after a minute-long lease.
    const afterKill = platform.received.map((m, i) => ({ ...m, at: platform.receivedAt[i]! })).slice(atKill);
    const takenOver = afterKill.filter((m) => orphanedRecipients.has(m.recipient));
    expect(takenOver.length).toBe(orphaned.length);
    const firstTakeOver = Math.min(...takenOver.map((m) => m.at));
    expect(firstTakeOver).toBeGreaterThanOrEqual(Math.min(...leaseEnds));
    const secondUp = afterKill[0]!.at;
    expect(firstTakeOver - Math.max(Math.max(...leaseEnds), secondUp)).toBeLessThanOrEqual(5 * LEASE_MS);

    const perRecipient = new Map<string, number>();
    for (const m of platform.received) perRecipient.set(m.recipient, (perRecipient.get(m.recipient) ?? 0) + 1);
    expect(perRecipient.size).toBe(200);
    const duplicates = [...perRecipient.values()].filter((n) => n > 1);
    expect(duplicates.length).toBeLessThanOrEqual(1);
    expect(platform.received.length).toBeLessThanOrEqual(201);
    const statuses = await database.db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
    expect(statuses).toEqual([{ status: "sent", _count: { _all: 200 } }]);
  });
});
