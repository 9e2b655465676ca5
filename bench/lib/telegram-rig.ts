// Shared set-up for the Telegram benches (engine.ts, burst.ts): one fake Bot API, the running app
// (startApp + the Telegram component in webhook mode) and, as the baseline, a bare grammY bot on a
// plain node:http server whose handlers do the same database reads and send the same number of
// messages, with none of Advo's intake (de-dup, conversation lease, routing, i18n, rendering).
// Both answer the webhook only after their replies were sent, so the time to the HTTP answer is the
// reply latency on both sides. Lives under bench/lib/ so bench/run.ts does not run it as a bench.
import { translatedEntryTitles } from "../../src/services/entry-titles.js";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bot, webhookCallback } from "grammy";
import { fetch, type Dispatcher } from "undici";
import { startApp, type RunningApp } from "../../src/app.js";
import { testConfig } from "../../src/config.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { createLogger, silentLogger, type Logger } from "../../src/logger.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { pointsSummary } from "../../src/services/points.js";
import { yourLinks } from "../../src/reports/your-links.js";
import { badgesOf, tierOf } from "../../src/services/tiers.js";
import { telegramFactory } from "../../adapters/telegram/index.js";
import { FakeTelegramBotApi } from "../../test/fakes/telegram-bot-api.js";

export const SECRET = "bench_webhook-secret";
/** Telegram user ids of the seeded members: FIRST_USER, FIRST_USER + 1, … */
export const FIRST_USER = 700_000;

export interface TelegramRig {
  fake: FakeTelegramBotApi;
  app: RunningApp;
  /** Advo's webhook URL (the running app's HTTP server) */
  advoUrl: string;
  /** the bare grammY bot's webhook URL */
  bareUrl: string;
  stop(): Promise<void>;
}

export interface RigOptions {
  /** the database (default: a fresh SQLite file, removed at stop) */
  url?: string;
  /** collects Advo's warn and error log lines (JSON), to explain a lost update */
  logLines?: string[];
}

/** A logger that keeps Advo's warnings and errors in `lines` instead of printing them. */
function collectingLogger(lines: string[]): Logger {
  return createLogger("warn", { write: (line: string) => void lines.push(line.trimEnd()) });
}

/** Starts everything on a fresh database with `members` active members, each with `entries` ledger entries. */
export async function startTelegramRig(members: number, entries = 5, options: RigOptions = {}): Promise<TelegramRig> {
  const dir = mkdtempSync(join(tmpdir(), "advo-bench-telegram-"));
  const url = options.url ?? `file:${join(dir, "bench.db")}`;
  await migrateDatabase(url);
  const fake = await new FakeTelegramBotApi().listen();
  const app = await startApp(
    testConfig({
      DATABASE_URL: url, PORT: "0", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL: "https://advo.example.com/telegram/webhook", TELEGRAM_WEBHOOK_SECRET: SECRET,
    }),
    options.logLines ? collectingLogger(options.logLines) : silentLogger,
    [telegramFactory],
  );
  const db = app.database.db;
  const cycle = await currentCycle(db, app.clock);
  for (let m = 0; m < members; m++) {
    const user = String(FIRST_USER + m);
    const inf = await db.influencer.create({
      data: { status: "active", locale: "en", region: "es", activatedAt: new Date(), accounts: { create: { platform: "telegram", externalId: user, chatId: user } } },
    });
    for (let e = 0; e < entries; e++) {
      await appendEntry(db, { influencerId: inf.id, cycleId: cycle.id, amount: 10 + e, kind: "mission", idempotencyKey: `bench:${m}:${e}`, reason: "Bench mission" });
    }
  }

  const bot = new Bot(fake.token, { botInfo: fake.botInfo, client: { apiRoot: fake.apiRoot } });
  const deps = app.deps;
  const accountOf = (userId: number) =>
    db.platformAccount.findUnique({ where: { platform_externalId: { platform: "telegram", externalId: String(userId) } }, include: { influencer: true } });
  // The same reads as Advo's handlers: the account + influencer lookup, then what the command reads.
  bot.command("help", async (ctx) => {
    await accountOf(ctx.from!.id);
    await ctx.reply("<b>Advo</b>\n/points — your points\n/missions — open missions\n/help — this list", { parse_mode: "HTML" });
  });
  bot.command("points", async (ctx) => {
    const inf = (await accountOf(ctx.from!.id))?.influencer;
    if (!inf) return void (await ctx.reply("Join first"));
    const s = await pointsSummary(deps, inf.id);
    await ctx.reply(`<b>Points: ${s.balance}</b>\nEarned: ${s.earned}\nCarried over: ${s.rolledOver}\nLifetime: ${s.lifetime}\nCycle ${s.cycle.name}, ends ${s.cycle.endsAt.toISOString()}`, { parse_mode: "HTML" });
    // The tier line and badges (issue 21): the same reads, the same extra message.
    const [tier, badges] = await Promise.all([tierOf(deps, inf.id, s.cycle), badgesOf(db, [inf.id])]);
    const held = badges.get(inf.id) ?? [];
    if (tier.current || tier.next || held.length) await ctx.reply(`Tier: ${tier.current?.key ?? "-"} — ${tier.toNext} to ${tier.next?.key ?? "-"}${held.length ? `\nBadges: ${held.join(" · ")}` : ""}`);
    const links = await yourLinks(db, inf.id, "en");
    if (links.length) await ctx.reply(links.map((l) => `- ${l.title}: ${l.clicks}`).join("\n"));
    // The titles in the reader's language (issue 17): the same batched reads as the engine's /points.
    const titles = await translatedEntryTitles(db, s.recent, "en");
    await ctx.reply(s.recent.map((e) => `- +${e.amount} ${e.kind} · ${titles.get(e.id) ?? e.reason ?? ""} ${e.createdAt.toISOString().slice(0, 10)}`).join("\n"));
  });
  // A failed send (the fake API reset under load) answers 500, as a real deployment would, instead
  // of ending the process: the burst then counts that update as lost, on either side.
  const bareHandler = webhookCallback(bot, "http", { secretToken: SECRET, onTimeout: "return", timeoutMilliseconds: 9000 });
  const bare: Server = createServer((req, res) => {
    bareHandler(req, res).catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  return {
    fake,
    app,
    advoUrl: `http://127.0.0.1:${app.port}/telegram/webhook`,
    bareUrl: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`,
    stop: async () => {
      bare.closeAllConnections();
      await new Promise<void>((resolve) => bare.close(() => resolve()));
      await app.stop();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let nextMessageId = 1;
let nextUpdateId = 1;

/** A private /command update from a user, as Telegram sends it. */
export function commandUpdate(userId: number, command: string): Record<string, unknown> {
  const text = `/${command}`;
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      from: { id: userId, is_bot: false, first_name: "Ana", language_code: "en" },
      chat: { id: userId, first_name: "Ana", type: "private" },
      date: Math.floor(Date.now() / 1000),
      text,
      entities: [{ offset: 0, length: text.length, type: "bot_command" }],
    },
  };
}

/** POSTs one update to a webhook the way Telegram does; resolves to the HTTP status. */
export async function post(url: string, update: Record<string, unknown>, dispatcher?: Dispatcher): Promise<number> {
  const res = await fetch(url, {
    ...(dispatcher ? { dispatcher } : {}), method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body: JSON.stringify(update) });
  await res.arrayBuffer();
  return res.status;
}

export function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
