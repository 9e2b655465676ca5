// Memory after many handled updates: the console/engine path (de-dup, conversation lease, routing,
// handlers, i18n) over BENCH_MEMORY_UPDATES updates (default 100,000) from 1,000 people, with the
// heap measured after a full GC (node --expose-gc) at checkpoints. Flat figures after warm-up mean
// nothing grows beyond bounded caches. Run: node --expose-gc --import tsx bench/memory.ts
// (or through `npm run bench -- bench/memory.ts` with NODE_OPTIONS=--expose-gc).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { systemClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { createEngine } from "../src/engine/engine.js";
import type { InboundEvent } from "../src/engine/events.js";
import { silentLogger } from "../src/logger.js";

const UPDATES = Number(process.env.BENCH_MEMORY_UPDATES ?? 100_000);
// BENCH_MEMORY_SECONDS: stop early after this many seconds (and measure there), so a loaded
// machine still gives a figure over as many updates as fit in the time.
const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? Infinity);
const PEOPLE = 1000;
const COMMANDS = ["help", "points", "missions", "leaderboard", "language"];

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export default async function benchMemory(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) process.stdout.write("warning: run with node --expose-gc for heap figures after a full GC\n");
  const dir = mkdtempSync(join(tmpdir(), "advo-bench-memory-"));
  const url = `file:${join(dir, "bench.db")}`;
  try {
    await migrateDatabase(url);
    const database = await openDatabase(url);
    const deps = { db: database.db, clock: systemClock, log: silentLogger, config: testConfig({ DATABASE_URL: url }) };
    for (let p = 0; p < PEOPLE; p++) {
      await database.db.influencer.create({ data: { status: "active", locale: ["en", "es", "fr", "it"][p % 4]!, activatedAt: new Date(), accounts: { create: { platform: "console", externalId: `m${p}`, chatId: `m${p}` } } } });
    }
    const engine = createEngine(deps);
    const event = (i: number): InboundEvent => {
      const who = `m${i % PEOPLE}`;
      const payload = i % 3 === 0
        ? { type: "text" as const, text: `hello ${i}` }
        : { type: "command" as const, name: COMMANDS[i % COMMANDS.length]!, args: [], argText: "" };
      return { id: `mem:${i}`, platform: "console", conversation: `console:${who}`, chatType: "private", author: { id: who, isBot: false }, payload, receivedAt: new Date() };
    };
    const checkpoints = new Set([1000, 10_000, 25_000, 50_000, 75_000, UPDATES]);
    const started = performance.now();
    const base = heapMb();
    const rows: string[] = [`start (after seeding ${PEOPLE} people)   heap ${base.toFixed(1)} MB`];
    let warm = 0;
    let handled = 0;
    for (let i = 1; i <= UPDATES; i++) {
      await engine.handle(event(i));
      handled = i;
      const outOfTime = i % 1000 === 0 && (performance.now() - started) / 1000 > SECONDS;
      if (checkpoints.has(i) || outOfTime || i % 10_000 === 0) {
        const h = heapMb();
        if (i === 1000) warm = h;
        rows.push(`after ${String(i).padStart(7)} updates   heap ${h.toFixed(1)} MB   ×${(h / warm).toFixed(2)} of the heap after 1,000   rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
        process.stdout.write(`${rows.at(-1)}\n`);
      }
      if (outOfTime) break;
    }
    process.stdout.write(`memory on the engine path, ${handled} updates from ${PEOPLE} people in ${((performance.now() - started) / 1000).toFixed(0)} s\n${rows.join("\n")}\n`);
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchMemory();
