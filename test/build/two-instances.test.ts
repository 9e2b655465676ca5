// Two real bot processes on one PostgreSQL database behind alternating webhooks, against the fake
// Telegram Bot API. Proves what "stateless instances + PostgreSQL" promises: an update answered
// once whichever instance gets it (even redelivered to the other), each job slot run once, a
// broadcast sent once per person at a combined rate under the shared limit, and a SIGKILL of one
// instance mid-broadcast losing nothing (the other takes its leased rows over).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";
import { listeningPort, spawnProgram, until, type Program } from "../helpers/process.js";
import { FakeTelegramBotApi, type RecordedCall } from "../fakes/telegram-bot-api.js";
import { privateText } from "../adapters/telegram/harness.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { enqueue } from "../../src/services/outbox.js";
import { textMessage } from "../../src/engine/message.js";

const root = join(import.meta.dirname, "../..");
const PER_SECOND = 5;
const RECIPIENTS = 40;
const SECRET = "two_instances_secret";
const chatOf = (i: number) => String(7001 + i);

/** The most sends whose arrival falls in any one-second window [t, t + 1000 ms) of the fake's record. */
export function maxPerSlidingSecond(calls: RecordedCall[]): number {
  const at = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[j]! < at[i]! - 999) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** "job finished" lines of one job in a process's JSON log: the slots it ran. */
function slotsRun(output: string, job: string): string[] {
  return output.split("\n").flatMap((line) => {
    if (!line.includes('"job finished"') || !line.includes(`"job":"${job}"`)) return [];
    return [String((JSON.parse(line) as { slot: string }).slot)];
  });
}

describe.each(testProviders().filter((p) => p === "postgresql"))("two instances on %s", (provider) => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database;
  let fake: FakeTelegramBotApi;
  const bots: Program[] = [];

  const start = (instance: string) =>
    spawnProgram(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        DATABASE_URL: url, PORT: "0", LOG_LEVEL: "info", CONSOLE: "off", INSTANCE_ID: instance,
        TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: "webhook",
        TELEGRAM_WEBHOOK_URL: "https://advo.example.com/telegram/webhook", TELEGRAM_WEBHOOK_SECRET: SECRET,
        // every second: both instances fire each slot; the JobRun row decides who runs it
        JOBS_ENABLED: "true", JOB_MISSIONS_LIFECYCLE_CRON: "* * * * * *",
        DELIVERY_TELEGRAM_PER_SECOND: String(PER_SECOND), DELIVERY_BATCH_SIZE: "4", DELIVERY_LEASE_MS: "1500",
      },
    });

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl(provider));
    database = await openDatabase(url);
    fake = await new FakeTelegramBotApi().listen();
  });
  afterAll(async () => {
    for (const b of bots) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill("SIGKILL");
    await Promise.all(bots.map((b) => b.closed));
    await database.close();
    await fake.close();
    await drop();
  });

  it("given two instances, then updates are answered once, job slots run once, the broadcast respects the shared limit and survives a SIGKILL", async () => {
    bots.push(start("a"), start("b"));
    const [a, b] = bots as [Program, Program];
    await until(() => listeningPort(a.output()) !== undefined && listeningPort(b.output()) !== undefined, "both instances to listen", 180_000);
    await until(() => a.output().includes("outbox dispatcher running") && b.output().includes("outbox dispatcher running"), "both dispatchers", 60_000);
    const hooks = [a, b].map((p) => `http://127.0.0.1:${listeningPort(p.output())!}/telegram/webhook`);

    // Alternating webhooks: six people write, each to the next instance; one update is redelivered to the other one.
    const updates = Array.from({ length: 6 }, (_, i) => privateText(9001 + i, "/help"));
    for (const [i, u] of updates.entries()) expect(await fake.deliverWebhook(hooks[i % 2]!, u, SECRET)).toBe(200);
    const redelivered = { update_id: 424242, ...privateText(9100, "/help") };
    expect(await fake.deliverWebhook(hooks[0]!, { ...redelivered }, SECRET)).toBe(200);
    await until(() => fake.callsTo("sendMessage").some((c) => String(c.params.chat_id) === "9100"), "the reply to the redelivered update");
    expect(await fake.deliverWebhook(hooks[1]!, { ...redelivered }, SECRET)).toBe(200);
    await until(() => new Set(fake.callsTo("sendMessage").map((c) => String(c.params.chat_id))).size >= 7, "a reply to every update");
    const replies = fake.callsTo("sendMessage").map((c) => String(c.params.chat_id));
    expect(replies.sort()).toEqual(["9001", "9002", "9003", "9004", "9005", "9006", "9100"]);

    // A broadcast both instances work on (batches of 4); one instance is killed in the middle of it.
    const chats = Array.from({ length: RECIPIENTS }, (_, i) => chatOf(i));
    const isBroadcast = (c: RecordedCall) => c.method === "sendMessage" && chats.includes(String(c.params.chat_id));
    await enqueue(database.db, chats.map((chat) => ({
      platform: "telegram", recipient: chat, purpose: "broadcast", dedupeKey: `two-instances:${chat}`, payload: { kind: "message", message: textMessage(`News for ${chat}`) },
    })));
    await until(() => fake.calls.filter(isBroadcast).length >= 12, "the broadcast to be under way", 120_000);
    // The next send hangs (never answered, so never delivered); the instance sending it is killed.
    fake.hangNext("sendMessage");
    await until(() => fake.hung.length === 1, "a send in flight to hang", 60_000);
    const hungChat = String(fake.hung[0]!.params.chat_id);
    const row = await database.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `two-instances:${hungChat}` } });
    const victim = row.claimedBy?.startsWith("a#") ? a : b;
    const survivor = victim === a ? b : a;
    victim.child.kill("SIGKILL");
    expect(await victim.closed).toBeNull(); // ended by the signal, no shutdown ran

    await until(async () => (await database.db.outboxMessage.count({ where: { dedupeKey: { startsWith: "two-instances:" }, status: "sent" } })) === RECIPIENTS, "every broadcast row sent", 120_000);
    const sends = fake.calls.filter(isBroadcast);
    const delivered = sends.map((c) => String(c.params.chat_id));
    expect(delivered.sort()).toEqual([...chats].sort()); // each person once: nothing lost, nothing twice
    expect(delivered).toContain(hungChat); // the killed instance's message went out through the survivor
    // Both instances sent before the kill, so without the shared bucket the rate would reach twice the limit.
    const owners = await database.db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "two-instances:" } }, select: { claimedBy: true } });
    expect(new Set(owners.map((o) => o.claimedBy?.split("#")[0])).size).toBe(2);
    // One more than the limit in a window is arrival jitter at its edge; uncoordinated instances would reach 2 × 5.
    expect(maxPerSlidingSecond(sends)).toBeLessThanOrEqual(PER_SECOND + 1);
    expect(survivor.output()).not.toContain('"level":50');

    // Job slots: every "job finished" line of either process is a distinct slot with one JobRun row.
    const runs = await database.db.jobRun.findMany({ where: { jobName: "missions-lifecycle", outcome: "ok" }, select: { slot: true } });
    const logged = [...slotsRun(a.output(), "missions-lifecycle"), ...slotsRun(b.output(), "missions-lifecycle")];
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(logged).size).toBe(logged.length); // no slot ran twice
    expect(logged.length).toBe(runs.length);
  }, 420_000);
});

describe("maxPerSlidingSecond", () => {
  const at = (...ms: number[]) => ms.map((m) => ({ method: "sendMessage", params: {}, at: 1000 + m }));
  it("given sends 200 ms apart, then five fall in one second; given a sixth within it, then six", () => {
    expect(maxPerSlidingSecond(at(0, 200, 400, 600, 800, 1000, 1200))).toBe(5);
    expect(maxPerSlidingSecond(at(0, 200, 400, 600, 800, 999))).toBe(6);
    expect(maxPerSlidingSecond([])).toBe(0);
  });
});
