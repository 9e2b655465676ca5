// The database goes away mid-broadcast and comes back (PostgreSQL behind a local TCP proxy the
// test cuts and restores; the shared server is never touched): the dispatcher logs the database
// error code, keeps retrying, reconnects, and finishes the broadcast — nobody lost, at most the
// one message in flight at the cut sent twice.
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import { testConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { Dispatcher } from "../../src/delivery/dispatcher.js";
import type { MessageSender } from "../../src/delivery/port.js";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";
import { captureLog } from "../helpers/log-capture.js";
import { TcpProxy } from "../fakes/tcp-proxy.js";
import { Metrics } from "../../src/metrics.js";
import { parsePrometheusText } from "../helpers/prometheus.js";
import { enqueueFor, seedInfluencers } from "./seed.js";

const postgres = testProviders().includes("postgresql");

describe.skipIf(!postgres)("dispatcher when PostgreSQL goes away mid-broadcast", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it("given the connection cut after 20 of 80 messages and restored later, then everyone gets the message, at most one twice", { timeout: 120_000 }, async () => {
    const { url, drop } = await createTestDatabaseUrl("postgresql");
    cleanup.push(drop);
    const target = new URL(url);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    cleanup.push(() => proxy.stop());
    const viaProxy = new URL(url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const database: Database = await openDatabase(viaProxy.toString());
    cleanup.push(() => database.close());

    const people = await seedInfluencers(database.db, 80);
    await enqueueFor(database.db, people, "mission.announce", { kind: "i18n", messageId: "jobs.drip.day7", params: { brand: "Acme" } }, "telegram", "outage");
    const received: string[] = [];
    let cutAt = 0;
    const sender: MessageSender = {
      platform: "telegram",
      async send(recipient) {
        received.push(recipient);
        if (received.length === 20) {
          // The database disappears while this send is in flight: its "sent" cannot be recorded.
          proxy.cut();
          cutAt = Date.now();
          setTimeout(() => proxy.restore(), 1500);
        }
        return { status: "sent", messageId: String(received.length) };
      },
    };
    const captured = captureLog("warn");
    const metrics = new Metrics({ processMetrics: false });
    const dispatcher = new Dispatcher(
      { db: database.db, provider: "postgresql", clock: systemClock, log: captured.log, config: testConfig({ DELIVERY_TELEGRAM_PER_SECOND: "1000" }), metrics },
      [sender],
      { batchSize: 10, leaseMs: 1000, idleMs: 100 },
    );
    dispatcher.start();
    cleanup.push(() => dispatcher.stop());

    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const open = await database.db.outboxMessage.count({ where: { status: { not: "sent" } } }).catch(() => -1);
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await dispatcher.stop();

    expect(cutAt).toBeGreaterThan(0);
    const perRecipient = new Map<string, number>();
    for (const r of received) perRecipient.set(r, (perRecipient.get(r) ?? 0) + 1);
    expect(perRecipient.size).toBe(80);
    expect([...perRecipient.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(1);
    expect(await database.db.outboxMessage.count({ where: { status: "sent" } })).toBe(80);
    // The outage was logged with the database error, not swallowed.
    const failures = captured.find("outbox dispatch failed");
    expect(failures.length).toBeGreaterThan(0);
    // e.g. Prisma P1017 (driver adapter: ConnectionClosed) or P1001 / ECONNREFUSED while it is down
    expect((failures[0]!.err as { code?: string }).code).toMatch(/^P10\d\d$|^E[A-Z]+$/);
    // … with the database's own code on the line and in advo_database_errors_total{component="outbox"}.
    expect(failures[0]!.code).toMatch(/^[A-Za-z0-9_]+$/);
    expect(failures[0]!.code).not.toBe("internal");
    const counted = parsePrometheusText((await metrics.scrape()).body).get("advo_database_errors_total")!.samples.filter((x) => x.labels.component === "outbox");
    expect(counted.reduce((sum, x) => sum + x.value, 0)).toBe(failures.length);
    // A single instance never mistakes its own finished sends for a take-over.
    expect(captured.find("taken over by another instance")).toEqual([]);
  });
});
