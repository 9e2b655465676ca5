// Kill -9 a dispatcher process in the middle of a broadcast, start another: the broadcast
// finishes, nobody is lost, and at most the one message in flight at the kill arrives twice.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { FakePlatformServer } from "../fakes/fake-platform-server.js";
import { enqueueFor, seedInfluencers } from "./seed.js";

const child = fileURLToPath(new URL("./fixtures/dispatch-child.ts", import.meta.url));

function startDispatcher(databaseUrl: string, platformUrl: string): { proc: ChildProcess; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ["--import", "tsx", child], {
    env: { ...process.env, DATABASE_URL: databaseUrl, FAKE_PLATFORM_URL: platformUrl, LEASE_MS: "1000" },
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
    platform.onMessage = (_m, count) => {
      // Killed while this message is in flight: received by the platform, not yet recorded as sent.
      if (count === 60) first.proc.kill("SIGKILL");
    };
    await first.exited;
    const atKill = platform.received.length;
    expect(atKill).toBeGreaterThanOrEqual(60);
    expect(atKill).toBeLessThan(200);

    const second = startDispatcher(database.url, url);
    expect(await second.exited).toBe(0);

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
