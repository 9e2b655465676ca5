// Outbox dispatcher benchmark on SQLite (numbers quoted in the delivery notes):
// 1. capacity: 100,000 queued i18n messages drained through a sender with no rate limit
//    (render in the recipient's locale + claim + per-message "sent" write), compared with a raw
//    createMany insert of the same rows in the same process (the database's own write speed);
//    and with a loop of single-row updates (the floor: crash safety needs one write per message);
// 2. accuracy: ~10 s against a fake platform that answers "retry after 1 s" above 30 messages in
//    any sliding second, with the dispatcher configured at 30/s, then above it at 40/s: achieved
//    rate and retry answers received.
// BENCH_RECIPIENTS (default 100000), BENCH_ACCURACY_SECONDS (default 10) and BENCH_IN_FLIGHT
// (concurrent sends, default 1 like the dispatcher) change the set-up.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { Dispatcher } from "../src/delivery/dispatcher.js";
import type { MessageSender, SendResult } from "../src/delivery/port.js";
import type { Platform } from "../src/engine/events.js";
import { silentLogger } from "../src/logger.js";

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const ACCURACY_SECONDS = Number(process.env.BENCH_ACCURACY_SECONDS ?? 10);
const CHUNK = 5000;

const payload = { kind: "i18n", messageId: "jobs.reminder.deadline48", params: { title: "Spring launch", deadline: "2026-03-04 02:00 UTC" } };
const locales = ["en", "es", "fr", "it"];

async function seedInfluencers(db: Database["db"], n: number, platform: Platform): Promise<void> {
  for (let start = 1; start <= n; start += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, n - start + 1) }, (_, i) => start + i);
    await db.influencer.createMany({ data: ids.map((id) => ({ id, status: "active", locale: locales[id % 4] ?? "en" })) });
    await db.platformAccount.createMany({ data: ids.map((id) => ({ influencerId: id, platform, externalId: `u${id}`, chatId: `c${id}` })) });
  }
}

function outboxRows(n: number, platform: Platform, tag: string) {
  return Array.from({ length: n }, (_, i) => ({
    platform, recipient: `c${i + 1}`, influencerId: i + 1, purpose: "bench", batchKey: tag, dedupeKey: `${tag}:${i + 1}`, payload,
  }));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

const unlimited: MessageSender = { platform: "console", send: async () => ({ status: "sent", messageId: "1" }) };

/** A platform allowing `limit` messages in any sliding second, answering retry-after 1 s beyond. */
function limitedSender(platform: Platform, limit: number) {
  const sentAt: number[] = [];
  const stats = { sent: 0, retries: 0 };
  const sender: MessageSender = {
    platform,
    async send(): Promise<SendResult> {
      const now = Date.now();
      while (sentAt.length && (sentAt[0] as number) <= now - 1000) sentAt.shift();
      if (sentAt.length >= limit) {
        stats.retries++;
        return { status: "retry", afterSeconds: 1 };
      }
      sentAt.push(now);
      stats.sent++;
      return { status: "sent", messageId: String(stats.sent) };
    },
  };
  return { sender, stats };
}

/** Drains, waiting for rows put back by retry answers (notBefore a second ahead) until all are final. */
async function drainAll(dispatcher: Dispatcher, db: Database["db"]): Promise<void> {
  for (;;) {
    await dispatcher.drain();
    if (!(await db.outboxMessage.count({ where: { status: { in: ["queued", "sending"] } } }))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export default async function benchDispatcher(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "advo-bench-"));
  const url = `file:${join(dir, "bench.db")}`;
  await migrateDatabase(url);
  const database = await openDatabase(url);
  const { db } = database;
  try {
    await seedInfluencers(db, RECIPIENTS, "console");

    // Baseline: how fast this database takes the same rows with raw createMany (then removed).
    const rows = outboxRows(RECIPIENTS, "console", "baseline");
    const insert = await timed(async () => {
      for (let i = 0; i < rows.length; i += CHUNK) await db.outboxMessage.createMany({ data: rows.slice(i, i + CHUNK) });
    });
    await db.outboxMessage.deleteMany({});
    const insertRate = RECIPIENTS / insert.seconds;

    await db.outboxMessage.createMany({ data: outboxRows(RECIPIENTS, "console", "capacity") });
    // Baseline 2: the floor of crash-safe sending — one "sent" write per message, nothing else.
    const probe = Math.min(RECIPIENTS, 10_000);
    const first = (await db.outboxMessage.findFirstOrThrow({ orderBy: { id: "asc" } })).id;
    const updates = await timed(async () => {
      for (let id = first; id < first + probe; id++) await db.outboxMessage.updateMany({ where: { id }, data: { attempts: 0, lastError: null } });
    });
    const updateRate = probe / updates.seconds;
    const config = testConfig({ DELIVERY_TELEGRAM_PER_SECOND: "30", DELIVERY_TELEGRAM_PER_CHAT_PER_SECOND: "1" });
    const deps = { db, provider: database.provider, clock: systemClock, log: silentLogger, config };
    const capacity = await timed(() => new Dispatcher(deps, [unlimited], { batchSize: 500, maxInFlight: Number(process.env.BENCH_IN_FLIGHT ?? 1) }).drain());
    const capacityRate = capacity.value.sent / capacity.seconds;
    console.log(`raw createMany insert (baseline): ${RECIPIENTS} rows in ${insert.seconds.toFixed(2)} s = ${Math.round(insertRate)} rows/s`);
    console.log(`single-row update (baseline 2):   ${probe} updates in ${updates.seconds.toFixed(2)} s = ${Math.round(updateRate)} rows/s`);
    console.log(`capacity, no rate limit:          ${capacity.value.sent} sent in ${capacity.seconds.toFixed(2)} s = ${Math.round(capacityRate)} msg/s (${(capacityRate / insertRate).toFixed(2)}x the raw insert rate, ${(capacityRate / updateRate).toFixed(2)}x the single-row update rate)`);

    // Accuracy: enough messages for ACCURACY_SECONDS at 30/s, each to its own chat.
    const n = Math.ceil(ACCURACY_SECONDS * 30);
    await db.platformAccount.updateMany({ data: { platform: "telegram" } });
    for (const configured of [30, 40]) {
      // 30/s: configured at the limit; 40/s: configured above it, so the platform's retry answers pace it.
      await db.outboxMessage.deleteMany({});
      await db.outboxMessage.createMany({ data: outboxRows(n, "telegram", `accuracy${configured}`) });
      const platform = limitedSender("telegram", 30);
      const cfg = testConfig({ DELIVERY_TELEGRAM_PER_SECOND: String(configured), DELIVERY_TELEGRAM_PER_CHAT_PER_SECOND: "1" });
      const accuracy = await timed(() => drainAll(new Dispatcher({ ...deps, config: cfg }, [platform.sender], { batchSize: 100 }), db));
      console.log(`accuracy vs a 30/s platform, configured ${configured}/s: ${platform.stats.sent} sent in ${accuracy.seconds.toFixed(2)} s = ${(platform.stats.sent / accuracy.seconds).toFixed(2)} msg/s achieved, ${platform.stats.retries} retry answers`);
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
