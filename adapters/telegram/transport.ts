// The grammY wiring: one Bot for intake (long polling via bot.start(), or a webhook on Advo's HTTP
// server) and replies (auto-retry waits 429 retry_after / 5xx out), plus a second Api without
// auto-retry for the outbox (sender.ts reports `retry` instead of waiting). Update JSON is mapped
// by mapper.ts (pure); messages are rendered by render.ts.
//
// Order: updates of one chat are handled one after the other, different chats concurrently (up to
// maxConcurrent, then polling waits). Group chats: only GROUP_COMMANDS reach the engine; other
// commands and button taps get a pointer to the private chat, chatter is ignored — so the engine
// stays platform-free.
import { Api, Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import type { Clock } from "../../src/clock.js";
import type { AppConfig } from "../../src/config.js";
import type { HttpServer } from "../../src/http/server.js";
import { cachedCheck } from "../../src/http/observability.js";
import { rememberChat } from "../../src/services/accounts.js";
import { LOCALES, pickLocale, t, type Locale } from "../../src/i18n/translate.js";
import { textMessage } from "../../src/engine/message.js";
import type { Attachment, ChatAdapter, EventHandler, InboundEvent, OutboundMessage, SendResult } from "../adapter.js";
import { GROUP_COMMANDS, groupRoute, mapUpdate, type TappedMessage } from "./mapper.js";
import { editFor } from "./edits.js";
import { privateOnlyReply, renderMessage, withStartLinks } from "./render.js";
import { documentOf, TelegramSender } from "./sender.js";
import { sendTimeout } from "./send-timeout.js";
import { ChatQueue, errorText } from "./chat-queue.js";
import { idleLimitedFetchConfig } from "./connections.js";
import { outboxDeferral } from "../deferred-replies.js";
import { countSendFault, type MetricsHooks } from "../../src/metrics-hooks.js";

import { telegramWebhookRoutes, WEBHOOK_PATH } from "./webhook.js";

export { WEBHOOK_PATH };
/** Edits, channel posts and the rest are ignored anyway: do not even ask for them. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;
/** The commands shown in Telegram's menu (private chats); descriptions from the telegram catalog. */
export const TELEGRAM_COMMANDS = ["start", "missions", "submit", "points", "leaderboard", "rewards", "refer", "language", "timezone", "help", "cancel", "stop", "resume", "accounts", "mydata", "deleteme"];


export type TelegramConfig = Pick<
  AppConfig,
  "TELEGRAM_BOT_TOKEN" | "TELEGRAM_BOT_USERNAME" | "TELEGRAM_API_ROOT" | "TELEGRAM_MODE" | "TELEGRAM_WEBHOOK_URL" | "TELEGRAM_WEBHOOK_SECRET" | "DEFAULT_LOCALE"
>;

export interface TelegramAdapterDeps {
  config: TelegramConfig;
  db: Db;
  log: Logger;
  clock: Clock;
  /** Advo's HTTP server: webhook mode mounts POST /telegram/webhook on it */
  http?: Pick<HttpServer, "mount">;
  /** known bot identity (skips getMe; tests) */
  botInfo?: UserFromGetMe;
  /** events handled at once across chats (polling waits beyond it) */
  maxConcurrent?: number;
  /** long-polling timeout in seconds (Telegram holds getUpdates this long) */
  pollingTimeoutSeconds?: number;
  autoRetry?: Partial<AutoRetryOptions>;
  /** cap on one Bot API attempt for replies and outbox sends (Telegram answers in well under a second) */
  sendTimeoutSeconds?: number;
  metrics?: MetricsHooks;
}

export class TelegramAdapter implements ChatAdapter {
  readonly platform = "telegram" as const;
  readonly bot: Bot;
  readonly sender: TelegramSender;
  private readonly log: Logger;
  private readonly queue: ChatQueue;
  private handler: EventHandler | undefined;
  private polling: Promise<void> | undefined;
  private username: string | undefined;
  /** /readyz: getMe without auto-retry (a probe must answer fast), at most every 15 s */
  readonly ready: () => Promise<boolean>;

  constructor(private readonly deps: TelegramAdapterDeps) {
    const { config } = deps;
    if (!config.TELEGRAM_BOT_TOKEN) throw new Error("Telegram needs TELEGRAM_BOT_TOKEN");
    this.log = deps.log.child({ platform: "telegram" });
    this.queue = new ChatQueue(this.log);
    const apiRoot = (config.TELEGRAM_API_ROOT ?? "https://api.telegram.org").replace(/\/+$/, "");
    // Replies get their own idle-limited connection pool too (see idleLimitedFetchConfig).
    this.bot = new Bot(config.TELEGRAM_BOT_TOKEN, { ...(deps.botInfo ? { botInfo: deps.botInfo } : {}), client: { apiRoot, baseFetchConfig: idleLimitedFetchConfig(apiRoot) } });
    const timeoutSeconds = deps.sendTimeoutSeconds ?? 15;
    // Per-attempt cap first (inner), then auto-retry around it. Network errors are not retried by
    // auto-retry (it would retry them forever with growing pauses): a reply that cannot reach
    // Telegram goes to the outbox instead, which retries it with backoff.
    this.bot.api.config.use(sendTimeout(timeoutSeconds));
    this.bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowHttpErrors: true, ...deps.autoRetry }));
    this.bot.use((ctx) => this.onUpdate(ctx));
    // Never let one bad update stop polling; never log the update (personal data) or the token.
    this.bot.catch((err) => this.log.error({ error: errorText(err.error), update: err.ctx.update.update_id }, "telegram update failed"));
    this.sender = new TelegramSender({ api: new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot, timeoutSeconds, baseFetchConfig: idleLimitedFetchConfig(apiRoot) }), db: deps.db, log: this.log, clock: deps.clock });
    const probe = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot, timeoutSeconds: 3 });
    this.ready = cachedCheck(async () => (this.polling === undefined || this.bot.isRunning()) && (await probe.getMe()).id > 0);
  }

  get mode(): "polling" | "webhook" {
    return this.deps.config.TELEGRAM_MODE;
  }

  /** t.me link to the private chat with the bot (known after start). */
  get privateChatLink(): string {
    return `https://t.me/${this.username ?? ""}`;
  }

  async start(handler: EventHandler): Promise<void> {
    this.handler = handler;
    await this.bot.init();
    this.username = this.deps.config.TELEGRAM_BOT_USERNAME?.replace(/^@/, "") ?? this.bot.botInfo.username;
    await this.registerCommands();
    if (this.mode === "webhook") await this.startWebhook();
    else await this.startPolling();
  }

  /** Polling: stop fetching (grammY confirms what it fetched), then finish what was received. */
  async stop(): Promise<void> {
    if (this.polling) {
      await this.bot.stop();
      await this.polling;
    }
    await this.idle();
  }

  /** Resolves when every update received so far is fully handled (tests, graceful shutdown). */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  send(recipient: string, message: OutboundMessage): Promise<SendResult> {
    return this.sender.send(recipient, message);
  }

  editMessage(recipient: string, messageId: string, message: OutboundMessage): Promise<SendResult> {
    return this.sender.edit(recipient, messageId, message);
  }

  sendFile(recipient: string, file: Attachment, caption?: string): Promise<SendResult> {
    return this.sender.sendFile(recipient, file, caption);
  }

  /**
   * setMyCommands per catalog language (and a default), private and group menus, and the private
   * chats' menu button set to open that command list (a button BotFather left on a web app would
   * hide it). Never fatal.
   */
  async registerCommands(): Promise<void> {
    const languages: (Locale | undefined)[] = [undefined, ...LOCALES];
    try {
      for (const language of languages) {
        const locale = language ?? this.deps.config.DEFAULT_LOCALE;
        const describe = (command: string) => ({ command, description: t(locale, `telegram.cmd.${command}`) });
        const lang = language ? { language_code: language } : {};
        await this.bot.api.setMyCommands(TELEGRAM_COMMANDS.map(describe), { scope: { type: "all_private_chats" }, ...lang });
        await this.bot.api.setMyCommands([...GROUP_COMMANDS].map(describe), { scope: { type: "all_group_chats" }, ...lang });
      }
      await this.bot.api.setChatMenuButton({ menu_button: { type: "commands" } });
    } catch (err) {
      this.log.warn({ error: errorText(err) }, "telegram: could not register the command menu");
    }
  }

  private async startWebhook(): Promise<void> {
    const { TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: secretToken } = this.deps.config;
    if (!this.deps.http || !url || !secretToken) throw new Error("Telegram webhook mode needs the HTTP server, TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET");
    this.deps.http.mount(telegramWebhookRoutes(this.bot, secretToken));
    await this.bot.api.setWebhook(url, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES] });
    this.log.info({ path: WEBHOOK_PATH }, "telegram webhook registered");
  }

  private async startPolling(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.polling = this.bot
        .start({ allowed_updates: [...ALLOWED_UPDATES], timeout: this.deps.pollingTimeoutSeconds ?? 30, onStart: () => resolve() })
        .catch((err: unknown) => {
          this.log.error({ error: errorText(err) }, "telegram polling stopped");
          reject(err instanceof Error ? err : new Error(String(err)));
        });
    });
    this.log.info({ username: this.username }, "telegram long polling started");
  }

  private async onUpdate(ctx: Context): Promise<void> {
    const mapped = mapUpdate(ctx.update, { ...(this.username ? { botUsername: this.username } : {}), now: this.deps.clock.now() });
    if (mapped.kind === "ignored") {
      this.log.debug({ update: ctx.update.update_id, reason: mapped.reason }, "telegram update ignored");
      if (mapped.callbackQueryId) await this.answerCallback(mapped.callbackQueryId);
      return;
    }
    const { event, chatId, callbackQueryId, source } = mapped;
    const route = groupRoute(event);
    if (route === "point-private" && callbackQueryId) {
      await this.answerCallback(callbackQueryId, t(this.localeOf(event), "telegram.group.private_only_short", { link: this.privateChatLink }));
      return;
    }
    // Answer the tap at once so the spinner stops; the engine's reply follows as messages.
    if (callbackQueryId) await this.answerCallback(callbackQueryId);
    if (route === "ignore") return;
    const work = this.queue.run(chatId, () => (route === "handle" ? this.handle(event, chatId, source) : this.pointToPrivate(event, chatId)));
    // Webhook: finish before answering Telegram (a crash means redelivery, not loss). Polling: keep
    // fetching while other chats are handled, up to maxConcurrent.
    if (this.mode === "webhook") await work;
    else while (this.queue.size >= (this.deps.maxConcurrent ?? 16)) await this.queue.anyDone();
  }

  private async handle(event: InboundEvent, chatId: string, source?: TappedMessage): Promise<void> {
    let replies: OutboundMessage[] = [];
    try {
      replies = this.handler ? await this.handler(event) : [];
    } catch (err) {
      this.log.error({ error: errorText(err), code: (err as { code?: unknown }).code, event: event.id }, "engine failed on a telegram event");
      replies = [textMessage(t(this.localeOf(event), "core.error.generic"))];
    }
    // They wrote to us: reachable again (the account may exist only now, after /start CODE). Only
    // bookkeeping: a failed write must not cost the replies already computed (the webhook answers
    // 200 either way, so they would be lost without a trace); the next message writes it again.
    if (event.chatType === "private") {
      await rememberChat(this.deps.db, "telegram", event.author.id, chatId).catch((err: unknown) =>
        this.log.warn({ error: errorText(err), code: (err as { code?: unknown }).code, event: event.id }, "telegram: could not remember the chat; replying anyway"));
    }
    let deferring = false;
    for (const [index, engineReply] of replies.entries()) {
      const reply = withStartLinks(engineReply, this.username ? this.privateChatLink : undefined);
      const deferTo: DeferTo = { eventId: event.id, index, deferred: false };
      // Once one reply is queued, the rest follow it through the outbox (in order, by row id).
      if (deferring) {
        await this.defer(chatId, reply, deferTo);
        continue;
      }
      const sent = reply.replace ? await this.replaceInPlace(chatId, reply, source, deferTo) : await this.reply(chatId, reply, deferTo);
      if (!sent) break;
      deferring = deferTo.deferred;
    }
  }

  /**
   * Edits the tapped message (its text and keyboard, or the keyboard only). Nothing is sent when
   * nothing would change; a message that can no longer be edited gets the reply as a new message.
   */
  private async replaceInPlace(chatId: string, reply: OutboundMessage, source: TappedMessage | undefined, deferTo?: DeferTo): Promise<boolean> {
    if (!source) return reply.replace === "buttons" ? true : this.reply(chatId, reply, deferTo);
    const call = editFor(reply, source, this.deps.clock.now());
    try {
      if (call.method === "none") return true;
      if (call.method === "send") return await this.reply(chatId, reply, deferTo);
      if (call.method === "editMessageReplyMarkup") await this.bot.api.editMessageReplyMarkup(chatId, source.messageId, call.options);
      else await this.bot.api.editMessageText(chatId, source.messageId, call.text, call.options);
      return true;
    } catch (err) {
      if (/message is not modified/i.test(errorText(err))) return true;
      this.log.warn({ error: errorText(err), method: call.method }, "telegram: could not edit the tapped message");
      return reply.replace === "buttons" ? true : this.reply(chatId, reply, deferTo);
    }
  }

  private async pointToPrivate(event: InboundEvent, chatId: string): Promise<void> {
    await this.reply(chatId, privateOnlyReply(event, this.localeOf(event), this.privateChatLink));
  }

  /**
   * Sends a reply (auto-retry waits out 429/5xx). False when the chat cannot take it. A reply that
   * still fails with something transient (refused, hung, 5xx, 429 past auto-retry) goes to the
   * outbox as a `reply.deferred` row keyed by the event, so the dispatcher retries it with backoff
   * (and a platform retry of the same update cannot queue it twice).
   */
  private async reply(chatId: string, message: OutboundMessage, deferTo?: DeferTo): Promise<boolean> {
    const { messages, droppedButtons } = renderMessage(message, { now: this.deps.clock.now() });
    if (droppedButtons) this.log.warn({ droppedButtons }, "telegram: buttons with unsafe URLs or oversized data were dropped");
    try {
      for (const { text, ...other } of messages) await this.bot.api.sendMessage(chatId, text, other);
      if (message.attachment) await this.bot.api.sendDocument(chatId, documentOf(message.attachment));
      return true;
    } catch (err) {
      const result = await this.sender.failure(chatId, err);
      countSendFault(this.deps.metrics, "telegram", "reply", result);
      const code = "code" in result ? result.code : undefined;
      if (result.status === "retry" && deferTo) {
        await this.defer(chatId, message, deferTo);
        this.log.warn({ code, result, event: deferTo.eventId }, "telegram reply not sent: queued in the outbox");
        return true;
      }
      this.log.warn({ code, result }, "telegram reply not sent");
      return false;
    }
  }

  private async defer(chatId: string, message: OutboundMessage, deferTo: DeferTo): Promise<void> {
    await outboxDeferral(this.deps.db, "telegram")(chatId, message, deferTo.eventId, deferTo.index);
    deferTo.deferred = true;
  }

  private async answerCallback(id: string, text?: string): Promise<void> {
    try {
      await this.bot.api.answerCallbackQuery(id, text ? { text, show_alert: true } : {});
    } catch (err) {
      // "query is too old" after a restart: nothing to do, the spinner times out by itself.
      this.log.debug({ error: errorText(err) }, "telegram: callback query not answered");
    }
  }

  private localeOf(event: InboundEvent): Locale {
    return pickLocale(null, event.author.locale, this.deps.config.DEFAULT_LOCALE);
  }
}

/** Where a reply that could not be sent now is queued: the event it answers and its position. */
interface DeferTo {
  eventId: string;
  index: number;
  /** set once the reply went to the outbox */
  deferred: boolean;
}
