// Graceful shutdown of the real bot process: SIGTERM in the middle of a paced Telegram broadcast.
// The process stops taking work, records the send in flight, puts every claimed-but-unsent row
// back in the queue and exits 0 within SHUTDOWN_TIMEOUT_MS. The lease is 10 minutes, so the
// rows being claimable at once by another instance proves they were released, not left to lapse.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";
import { spawnProgram, until } from "../helpers/process.js";
import { FakeTelegramBotApi } from "../fakes/telegram-bot-api.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { enqueue } from "../../src/services/outbox.js";
import { textMessage } from "../../src/engine/message.js";
import { claimBatch } from "../../src/delivery/outbox-store.js";

const root = join(import.meta.dirname, "../..");
const RECIPIENTS = 20;

describe.each(testProviders())("graceful shutdown on %s", (provider) => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database;
  let fake: FakeTelegramBotApi;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl(provider));
    database = await openDatabase(url);
    fake = await new FakeTelegramBotApi().listen();
    const chats = Array.from({ length: RECIPIENTS }, (_, i) => String(5001 + i));
    await enqueue(database.db, chats.map((chat) => ({
      platform: "telegram", recipient: chat, purpose: "broadcast", dedupeKey: `shutdown-test:${chat}`, payload: { kind: "message", message: textMessage(`News for ${chat}`) },
    })));
  });
  afterAll(async () => {
    await database.close();
    await fake.close();
    await drop();
  });

  it("given SIGTERM mid-broadcast then the bot exits 0, every message is sent once or queued again, and another instance can claim the rest at once", async () => {
    const bot = spawnProgram(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        DATABASE_URL: url, PORT: "0", JOBS_ENABLED: "false", LOG_LEVEL: "info", CONSOLE: "off",
        TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot,
        DELIVERY_TELEGRAM_PER_SECOND: "4", DELIVERY_LEASE_MS: "600000", SHUTDOWN_TIMEOUT_MS: "9000",
      },
    });
    await until(() => fake.callsTo("sendMessage").length >= 3, "the broadcast to be under way", 120_000);
    bot.child.kill("SIGTERM");
    expect(await bot.closed, bot.output()).toBe(0);
    expect(bot.output()).toContain('"msg":"stopped"');
    expect(bot.output()).not.toContain("shutdown timed out");

    const delivered = fake.callsTo("sendMessage").map((c) => String(c.params.chat_id));
    expect(new Set(delivered).size).toBe(delivered.length); // nothing sent twice
    expect(delivered.length).toBeLessThan(RECIPIENTS); // it really was stopped mid-broadcast
    const rows = await database.db.outboxMessage.findMany({ select: { recipient: true, status: true, claimedBy: true } });
    const sent = rows.filter((r) => r.status === "sent").map((r) => r.recipient).sort();
    expect(sent).toEqual([...delivered].sort()); // every send was recorded, and only those
    const rest = rows.filter((r) => r.status !== "sent");
    expect(rest.every((r) => r.status === "queued" && r.claimedBy === null)).toBe(true);
    expect(sent.length + rest.length).toBe(RECIPIENTS); // nothing lost

    const next = await claimBatch(database.db, database.provider, { platform: "telegram", owner: "instance-b#1", now: new Date(), leaseMs: 5000, limit: 100 });
    expect(next.map((r) => r.recipient).sort()).toEqual(rest.map((r) => r.recipient).sort());
  }, 240_000);
});
