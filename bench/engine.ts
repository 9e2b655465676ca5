// Conversation engine latency on SQLite: the full intake of a plain command (de-dup insert,
// conversation lease claim + release, influencer lookup, routing, the handler's queries, i18n)
// for /help and /points, against a bare `SELECT 1` round trip in the same process (the floor of
// any database work) and a one-row INSERT (a committed write). Prints median and p95 in ms and the ratio to the baseline median.
// BENCH_ENGINE_ITERATIONS (default 500) changes the sample size.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { createEngine } from "../src/engine/engine.js";
import type { InboundEvent } from "../src/engine/events.js";
import { appendEntry, currentCycle } from "../src/services/ledger.js";
import { silentLogger } from "../src/logger.js";

const ITERATIONS = Number(process.env.BENCH_ENGINE_ITERATIONS ?? 500);

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(-1 - i); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export default async function benchEngine(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "advo-bench-engine-"));
  const url = `file:${join(dir, "bench.db")}`;
  try {
    await migrateDatabase(url);
    const database = await openDatabase(url);
    const deps = { db: database.db, clock: systemClock, log: silentLogger, config: testConfig({ DATABASE_URL: url }) };
    const inf = await database.db.influencer.create({
      data: { status: "active", locale: "es", region: "es", activatedAt: new Date(), accounts: { create: { platform: "console", externalId: "bench", chatId: "bench" } } },
    });
    const cycle = await currentCycle(deps.db, deps.clock);
    for (let i = 0; i < 20; i++) {
      await appendEntry(deps.db, { influencerId: inf.id, cycleId: cycle.id, amount: 10 + i, kind: "mission", idempotencyKey: `bench:${i}`, reason: "Bench mission" });
    }
    const engine = createEngine(deps);
    let seq = 0;
    const event = (name: string): InboundEvent => ({
      id: `bench:${++seq}`, platform: "console", conversation: "console:bench", chatType: "private",
      author: { id: "bench", isBot: false }, payload: { type: "command", name, args: [], argText: "" }, receivedAt: new Date(),
    });

    const baseline = stats(await time(ITERATIONS, () => database.db.$queryRawUnsafe("SELECT 1")));
    // One committed single-row write: the engine makes three per event (de-dup, lease, release).
    let w = 0;
    const write = stats(await time(ITERATIONS, () => database.db.processedEvent.create({ data: { id: `w:${++w}`, expiresAt: new Date() } })));
    const help = stats(await time(ITERATIONS, () => engine.handle(event("help"))));
    const points = stats(await time(ITERATIONS, () => engine.handle(event("points"))));
    const fmt = (x: number) => x.toFixed(3);
    const line = (label: string, s: { median: number; p95: number }) =>
      `${label.padEnd(22)} median ${fmt(s.median)} ms   p95 ${fmt(s.p95)} ms   ×${(s.median / baseline.median).toFixed(1)} baseline`;
    process.stdout.write(`engine on SQLite, ${ITERATIONS} iterations each (one conversation, sequential)\n`);
    process.stdout.write(`${line("baseline SELECT 1", baseline)}\n${line("one-row INSERT", write)}\n${line("/help (engine)", help)}\n${line("/points (engine)", points)}\n`);
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
