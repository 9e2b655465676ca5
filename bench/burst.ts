// Burst through the Telegram webhook of the running app: BENCH_BURST_USERS (default 1,000) members
// each send /points at the same moment. Counts the users whose full, correct reply arrived (an
// update is lost when a user gets no reply, an error text or a different reply) and the reply
// latency (burst start → the last message of that user's reply at the fake Bot API; p50/p95/p99).
// Telegram delivers a webhook's updates over at most `max_connections` parallel connections
// (setWebhook; Advo leaves it at Telegram's default, 40), so the burst is POSTed through a client
// pool of BENCH_BURST_CONNECTIONS (default 40) connections: the 1,000 updates are all queued at
// once, as at Telegram. (1,000 separate connections at once overflow the listen backlog of any
// node:http server, Advo's and the bare bot's alike: ECONNRESET, not something Telegram does.)
// The baseline is the same burst against a bare grammY bot doing the same reads on the same
// database (bench/lib/telegram-rig.ts), run right after Advo's burst in the same process.
// BENCH_PROVIDERS (default "sqlite,postgresql") picks the databases. Every lost user is explained:
// their transcript (HTTP status, the messages that did arrive, a reply queued in the outbox — the
// bench runs no dispatcher) and Advo's warn/error log lines about their update or conversation.
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Agent } from "undici";
import type { FakeTelegramBotApi } from "../test/fakes/telegram-bot-api.js";
import { onEachDatabase } from "./lib/databases.js";
import { commandUpdate, FIRST_USER, percentile, post, startTelegramRig, type TelegramRig } from "./lib/telegram-rig.js";

const USERS = Number(process.env.BENCH_BURST_USERS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_BURST_CONNECTIONS ?? 40);

interface BurstResult {
  answered: number;
  statuses: Map<number | string, number>;
  latencies: number[];
  seconds: number;
  /** what each lost user saw, and what Advo logged about them */
  lost: string[];
  /** the longest event-loop stall during the burst (ms): a stall longer than the server's keep-alive
   * timeout (Node's default 5 s) lets it close a connection the client is about to reuse: ECONNRESET */
  maxStallMs: number;
  /** replies queued in the outbox instead (the dispatcher, not running here, sends them later) */
  deferred: number;
}

const SHOWN_LOST = Number(process.env.BENCH_BURST_SHOW_LOST ?? 20);

/** Texts of the messages sent to each chat since call index `from`, with their arrival times. */
function repliesSince(fake: FakeTelegramBotApi, from: number): Map<string, { texts: string[]; last: number }> {
  const out = new Map<string, { texts: string[]; last: number }>();
  for (const c of fake.calls.slice(from)) {
    if (c.method !== "sendMessage") continue;
    const chat = String(c.params.chat_id);
    const r = out.get(chat) ?? { texts: [], last: 0 };
    r.texts.push(String(c.params.text));
    r.last = Math.max(r.last, c.at);
    out.set(chat, r);
  }
  return out;
}

async function burst(rig: TelegramRig, url: string, expected: string[], logLines: string[]): Promise<BurstResult> {
  const { fake } = rig;
  const from = fake.calls.length;
  const logFrom = logLines.length;
  const statuses = new Map<number | string, number>();
  const telegram = new Agent({ connections: CONNECTIONS, pipelining: 1 });
  const stalls = monitorEventLoopDelay({ resolution: 20 });
  stalls.enable();
  const started = Date.now();
  const t0 = performance.now();
  const updates = Array.from({ length: USERS }, (_, u) => commandUpdate(FIRST_USER + u, "points"));
  const results = await Promise.all(
    updates.map((update) => post(url, update, telegram).catch((err: unknown) => { const e = err as Error & { cause?: { code?: string } }; return e.cause?.code ?? String(e.cause ?? e); })),
  );
  for (const s of results) statuses.set(s, (statuses.get(s) ?? 0) + 1);
  // onTimeout "return": a reply may still be on its way after a slow webhook answer.
  const deadline = Date.now() + 30_000;
  let replies = repliesSince(fake, from);
  const complete = () => [...replies.values()].filter((r) => r.texts.length >= expected.length).length;
  while (complete() < USERS && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    replies = repliesSince(fake, from);
  }
  const seconds = (performance.now() - t0) / 1000;
  stalls.disable();
  const maxStallMs = stalls.max / 1e6;
  await telegram.close();
  let answered = 0;
  const latencies: number[] = [];
  const lostUsers: number[] = [];
  for (let u = 0; u < USERS; u++) {
    const r = replies.get(String(FIRST_USER + u));
    if (!r || JSON.stringify(r.texts) !== JSON.stringify(expected)) {
      lostUsers.push(u);
      continue;
    }
    answered++;
    latencies.push(r.last - started);
  }
  const lost = url === rig.advoUrl ? await explainLost(rig, lostUsers.slice(0, SHOWN_LOST), { updates, results, replies, expected, log: logLines.slice(logFrom), since: new Date(started) }) : [];
  if (url === rig.advoUrl && lostUsers.length > SHOWN_LOST) lost.push(`  … and ${lostUsers.length - SHOWN_LOST} more`);
  const deferred = url === rig.advoUrl ? await rig.app.database.db.outboxMessage.count({ where: { purpose: "reply.deferred", createdAt: { gte: new Date(started) } } }) : 0;
  return { answered, statuses, latencies, seconds, lost, maxStallMs, deferred };
}

interface Evidence {
  updates: Record<string, unknown>[];
  results: (number | string)[];
  replies: Map<string, { texts: string[]; last: number }>;
  expected: string[];
  log: string[];
  since: Date;
}

/** One line per lost user: the HTTP answer, what arrived, what waits in the outbox, and Advo's log lines about them. */
async function explainLost(rig: TelegramRig, users: number[], e: Evidence): Promise<string[]> {
  const chats = users.map((u) => String(FIRST_USER + u));
  const deferred = await rig.app.database.db.outboxMessage.groupBy({
    by: ["recipient"], where: { recipient: { in: chats }, purpose: "reply.deferred", createdAt: { gte: e.since } }, _count: { _all: true },
  });
  const queued = new Map(deferred.map((d) => [d.recipient, d._count._all]));
  const out: string[] = [];
  for (const u of users) {
    const chat = String(FIRST_USER + u);
    const eventId = `telegram:${String(e.updates[u]!.update_id)}`;
    const texts = e.replies.get(chat)?.texts ?? [];
    const got = texts.map((t, i) => (t === e.expected[i] ? "ok" : JSON.stringify(t.slice(0, 60))));
    out.push(`  user ${chat}: HTTP ${e.results[u]}; received ${texts.length}/${e.expected.length} messages [${got.join(", ")}]; deferred to the outbox: ${queued.get(chat) ?? 0}`);
    for (const line of e.log.filter((l) => l.includes(`"${eventId}"`) || l.includes(`"telegram:${chat}"`) || l.includes(`"${chat}"`))) out.push(`    log: ${line.slice(0, 400)}`);
  }
  // Lines that name no update or chat (e.g. "telegram event failed"): counted by message.
  const anonymous = new Map<string, number>();
  for (const line of e.log) {
    if (/"telegram:\d+"|"\d{6,}"/.test(line)) continue;
    const parsed = JSON.parse(line) as { msg?: string; error?: string; err?: { message?: string } };
    const key = `${parsed.msg ?? "?"}: ${(parsed.error ?? parsed.err?.message ?? "").slice(0, 160)}`;
    anonymous.set(key, (anonymous.get(key) ?? 0) + 1);
  }
  for (const [key, n] of anonymous) out.push(`  log ×${n} (names no user): ${key}`);
  return out;
}

/** The reply of one user, sent alone, as the reference the burst's replies must equal. */
async function reference(fake: FakeTelegramBotApi, url: string): Promise<string[]> {
  const from = fake.calls.length;
  await post(url, commandUpdate(FIRST_USER + USERS, "points"));
  return repliesSince(fake, from).get(String(FIRST_USER + USERS))?.texts ?? [];
}

export default async function benchBurst(): Promise<void> {
  await onEachDatabase("burst", async (label, url) => {
    const logLines: string[] = [];
    const rig = await startTelegramRig(USERS + 1, 3, { url, logLines });
    try {
      const advoRef = await reference(rig.fake, rig.advoUrl);
      const bareRef = await reference(rig.fake, rig.bareUrl);
      const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
      const loadBefore = load();
      const advo = await burst(rig, rig.advoUrl, advoRef, logLines);
      const bare = await burst(rig, rig.bareUrl, bareRef, logLines);
      // The same users again: now every conversation row and remembered chat exists (a burst of
      // answers to a broadcast), while the first burst was everyone's first contact.
      const advoAgain = await burst(rig, rig.advoUrl, advoRef, logLines);
      const bareAgain = await burst(rig, rig.bareUrl, bareRef, logLines);
      const line = (name: string, r: BurstResult) => {
        const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => percentile(r.latencies, q));
        return `${name.padEnd(12)} replied ${r.answered}/${USERS} (lost ${USERS - r.answered}; replies queued in the outbox ${r.deferred})  HTTP ${JSON.stringify(Object.fromEntries(r.statuses))}` +
          `  latency p50 ${p50!.toFixed(0)} ms  p95 ${p95!.toFixed(0)} ms  p99 ${p99!.toFixed(0)} ms  all done in ${r.seconds.toFixed(1)} s  longest event-loop stall ${r.maxStallMs.toFixed(0)} ms` +
          (r.lost.length ? `\n${r.lost.join("\n")}` : "");
      };
      const p99 = (r: BurstResult) => percentile(r.latencies, 0.99);
      const ratios = (a: BurstResult, b: BurstResult) =>
        `Advo / bare grammY: p99 ×${(p99(a) / p99(b)).toFixed(2)}, p50 ×${(percentile(a.latencies, 0.5) / percentile(b.latencies, 0.5)).toFixed(2)}, throughput ×${(b.seconds / a.seconds).toFixed(2)}`;
      process.stdout.write(`burst (${label}): ${USERS} users send /points at once to the Telegram webhook (Telegram-side pool of ${CONNECTIONS} connections); load average ${loadBefore} before, ${load()} after, on ${cpus().length} cores\n`);
      process.stdout.write(`first contact (no conversation rows yet)\n${line("Advo", advo)}\n${line("bare grammY", bare)}\n${ratios(advo, bare)}\n`);
      process.stdout.write(`same users again (conversations exist)\n${line("Advo", advoAgain)}\n${line("bare grammY", bareAgain)}\n${ratios(advoAgain, bareAgain)}\n`);
      if (advo.answered < USERS || advoAgain.answered < USERS) process.exitCode = 1;
    } finally {
      await rig.stop();
    }
  });
}
