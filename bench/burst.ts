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
import { cpus, loadavg } from "node:os";
import { Agent } from "undici";
import type { FakeTelegramBotApi } from "../test/fakes/telegram-bot-api.js";
import { commandUpdate, FIRST_USER, percentile, post, startTelegramRig } from "./lib/telegram-rig.js";

const USERS = Number(process.env.BENCH_BURST_USERS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_BURST_CONNECTIONS ?? 40);

interface BurstResult {
  answered: number;
  statuses: Map<number | string, number>;
  latencies: number[];
  seconds: number;
}

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

async function burst(fake: FakeTelegramBotApi, url: string, expected: string[]): Promise<BurstResult> {
  const from = fake.calls.length;
  const statuses = new Map<number | string, number>();
  const telegram = new Agent({ connections: CONNECTIONS, pipelining: 1 });
  const started = Date.now();
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: USERS }, (_, u) => post(url, commandUpdate(FIRST_USER + u, "points"), telegram).catch((err: unknown) => String((err as Error).cause ?? err))),
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
  await telegram.close();
  let answered = 0;
  const latencies: number[] = [];
  for (let u = 0; u < USERS; u++) {
    const r = replies.get(String(FIRST_USER + u));
    if (!r || JSON.stringify(r.texts) !== JSON.stringify(expected)) continue;
    answered++;
    latencies.push(r.last - started);
  }
  return { answered, statuses, latencies, seconds };
}

/** The reply of one user, sent alone, as the reference the burst's replies must equal. */
async function reference(fake: FakeTelegramBotApi, url: string): Promise<string[]> {
  const from = fake.calls.length;
  await post(url, commandUpdate(FIRST_USER + USERS, "points"));
  return repliesSince(fake, from).get(String(FIRST_USER + USERS))?.texts ?? [];
}

export default async function benchBurst(): Promise<void> {
  const rig = await startTelegramRig(USERS + 1, 3);
  try {
    const advoRef = await reference(rig.fake, rig.advoUrl);
    const bareRef = await reference(rig.fake, rig.bareUrl);
    const advo = await burst(rig.fake, rig.advoUrl, advoRef);
    const bare = await burst(rig.fake, rig.bareUrl, bareRef);
    // The same users again: now every conversation row and remembered chat exists (a burst of
    // answers to a broadcast), while the first burst was everyone's first contact.
    const advoAgain = await burst(rig.fake, rig.advoUrl, advoRef);
    const bareAgain = await burst(rig.fake, rig.bareUrl, bareRef);
    const line = (label: string, r: BurstResult) => {
      const [p50, p95, p99] = [0.5, 0.95, 0.99].map((q) => percentile(r.latencies, q));
      return `${label.padEnd(12)} replied ${r.answered}/${USERS} (lost ${USERS - r.answered})  HTTP ${JSON.stringify(Object.fromEntries(r.statuses))}` +
        `  latency p50 ${p50!.toFixed(0)} ms  p95 ${p95!.toFixed(0)} ms  p99 ${p99!.toFixed(0)} ms  all done in ${r.seconds.toFixed(1)} s`;
    };
    const p99 = (r: BurstResult) => percentile(r.latencies, 0.99);
    const ratios = (a: BurstResult, b: BurstResult) =>
      `Advo / bare grammY: p99 ×${(p99(a) / p99(b)).toFixed(2)}, p50 ×${(percentile(a.latencies, 0.5) / percentile(b.latencies, 0.5)).toFixed(2)}, throughput ×${(b.seconds / a.seconds).toFixed(2)}`;
    process.stdout.write(`burst: ${USERS} users send /points at once to the Telegram webhook (SQLite; Telegram-side pool of ${CONNECTIONS} connections); load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores\n`);
    process.stdout.write(`first contact (no conversation rows yet)\n${line("Advo", advo)}\n${line("bare grammY", bare)}\n${ratios(advo, bare)}\n`);
    process.stdout.write(`same users again (conversations exist)\n${line("Advo", advoAgain)}\n${line("bare grammY", bareAgain)}\n${ratios(advoAgain, bareAgain)}\n`);
    if (advo.answered < USERS || advoAgain.answered < USERS) process.exitCode = 1;
  } finally {
    await rig.stop();
  }
}
