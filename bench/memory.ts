// Memory after many handled updates: the console/engine path (de-dup, conversation lease, routing,
// handlers, i18n, SQLite) over BENCH_MEMORY_UPDATES updates (default 100,000). Four in five come
// from 1,000 seeded members (commands and text); one in five from a person never seen before, so
// per-person caches (known conversations, remembered chats) pass their bounds (10,000) during the
// run. The heap is measured after a full GC (node --expose-gc) when the engine is idle (its
// baseline, same run), after 0, 50k and 100k updates and every 10k between; growth past the
// bounded caches would show as a rising ratio between 50k and 100k.
// Run: node --expose-gc --import tsx bench/memory.ts
// (or `NODE_OPTIONS=--expose-gc npm run bench -- bench/memory.ts`).
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

function event(i: number): InboundEvent {
  const stranger = i % 5 === 0;
  const who = stranger ? `new${i}` : `m${i % PEOPLE}`;
  const payload = !stranger && i % 3 === 0
    ? { type: "text" as const, text: `hello ${i}` }
    : { type: "command" as const, name: stranger ? "start" : COMMANDS[i % COMMANDS.length]!, args: [], argText: "" };
  return { id: `mem:${i}`, platform: "console", conversation: `console:${who}`, chatType: "private", author: { id: who, name: `P ${i}`, isBot: false }, payload, receivedAt: new Date() };
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
    const idle = heapMb();
    const line = (label: string, h: number) =>
      `${label.padEnd(18)} heap after GC ${h.toFixed(1).padStart(6)} MB   ×${(h / idle).toFixed(2)} of idle   rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`;
    const rows: string[] = [line("0 updates (idle)", idle)];
    process.stdout.write(`${rows[0]}\n`);
    const started = performance.now();
    let handled = 0;
    let at50k = NaN;
    for (let i = 1; i <= UPDATES; i++) {
      await engine.handle(event(i));
      handled = i;
      const outOfTime = i % 1000 === 0 && (performance.now() - started) / 1000 > SECONDS;
      if (i === 1 || i % 10_000 === 0 || i === UPDATES || outOfTime) {
        const h = heapMb();
        if (i === 50_000) at50k = h;
        rows.push(line(`after ${i.toLocaleString("en")}`, h));
        process.stdout.write(`${rows.at(-1)}\n`);
      }
      if (outOfTime) break;
    }
    const end = heapMb();
    process.stdout.write(
      `memory on the engine path (SQLite), ${handled.toLocaleString("en")} updates (${PEOPLE} members + ${Math.floor(handled / 5).toLocaleString("en")} first contacts) in ${((performance.now() - started) / 1000).toFixed(0)} s\n` +
        `${rows.join("\n")}\n` +
        (Number.isFinite(at50k) ? `growth from 50k to ${handled.toLocaleString("en")}: ${(end - at50k).toFixed(1)} MB (×${(end / at50k).toFixed(2)})\n` : ""),
    );
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchMemory();
