// The discord.js wiring: one gateway Client for intake (interactions and DMs), REST for sending.
// Raw gateway payloads are mapped by mapper.ts (pure, tested on recorded JSON); the discord.js
// interaction object is only used to respond (responder.ts).
//
// Guilds: a user's conversation is always their DM channel (`discord:<dm channel id>`), wherever
// they click, so a flow started by a slash command in a guild channel continues in the DM. Slash
// commands in a guild answer in the DM and reply "continue in DM" ephemerally — except the
// read-only look-ups (IN_PLACE_COMMANDS), answered ephemerally in place. Closed DMs: the answer is
// shown in place with a hint to open DMs.
import { Client, Events, GatewayIntentBits, Partials, REST, RESTEvents, type Interaction, type RateLimitData } from "discord.js";
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import type { Clock } from "../../src/clock.js";
import type { AppConfig } from "../../src/config.js";
import { rememberChat } from "../../src/services/accounts.js";
import { pickLocale, t, type Locale } from "../../src/i18n/translate.js";
import { conversationKey } from "../../src/engine/events.js";
import { textMessage } from "../../src/engine/message.js";
import type { Attachment, ChatAdapter, EventHandler, FormSpec, InboundEvent, OutboundMessage, SendResult } from "../adapter.js";
import { mapDirectMessage, mapInteraction } from "./mapper.js";
import { registerCommands } from "./commands.js";
import { discordErrorResult, DiscordSender } from "./sender.js";
import { renderMessage, type ActionRow } from "./render.js";
import { FormCache } from "./form-cache.js";
import { outboxDeferral, ReplyRun, type DeferReply } from "../deferred-replies.js";
import { countSendFault, errorCodeLabel, type MetricsHooks } from "../../src/metrics-hooks.js";
import { InteractionAnswerError, renderWithForm, respondToInteraction, type FormStore, type Respondable } from "./responder.js";
import { RoleGranter } from "./roles.js";
import { dmPointer, isJoin, routesToDm } from "./dm-routing.js";

export type DiscordConfig = Pick<
  AppConfig,
  "DISCORD_BOT_TOKEN" | "DISCORD_APPLICATION_ID" | "DISCORD_GUILD_ID" | "DISCORD_COMMANDS_SCOPE" | "DISCORD_MEMBER_ROLE_ID" | "DISCORD_API_URL" | "DEFAULT_LOCALE"
>;

export interface DiscordAdapterDeps {
  config: DiscordConfig;
  db: Db;
  log: Logger;
  clock: Clock;
  /** defer an interaction when the engine has not answered after this long (Discord allows 3 s) */
  deferAfterMs?: number;
  readyTimeoutMs?: number;
  /** cap on one REST attempt of sends outside interactions (discord.js default 15 s, 3 retries) */
  restTimeoutMs?: number;
  /**
   * cap on one REST attempt of an interaction answer (default 5 s, one retry): a token that
   * Discord does not acknowledge in time is dead anyway, and the answer then goes by DM.
   */
  interactionTimeoutMs?: number;
  /** longest rate-limit wait an interaction answer sits out before going by DM instead (default 5 s) */
  interactionMaxWaitMs?: number;
  metrics?: MetricsHooks;
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = "discord" as const;
  readonly client: Client;
  /** REST for sending outside interactions: a 429 comes back as `retry` instead of waiting */
  readonly sendRest: REST;
  readonly sender: DiscordSender;
  readonly roles: RoleGranter;
  private readonly forms: FormCache;
  private readonly rawInteractions = new Map<string, unknown>();
  private readonly inflight = new Set<Promise<void>>();
  /** per conversation, the tail of its event chain: events are handled in gateway order */
  private readonly queues = new Map<string, Promise<unknown>>();
  private handler: EventHandler | undefined;
  private stopping = false;
  private readonly log: Logger;
  private readonly deferReply: DeferReply;

  constructor(private readonly deps: DiscordAdapterDeps) {
    const { config } = deps;
    if (!config.DISCORD_BOT_TOKEN || !config.DISCORD_APPLICATION_ID) throw new Error("Discord needs DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID");
    this.log = deps.log.child({ platform: "discord" });
    const maxWait = deps.interactionMaxWaitMs ?? 5000;
    const logRateLimit = (kind: string, reject: (data: RateLimitData) => boolean) => (data: RateLimitData) => {
      this.log.warn(
        { kind, route: data.route, method: data.method, global: data.global, retryAfterMs: data.retryAfter || data.timeToReset, scope: data.scope },
        "discord rate limit",
      );
      return reject(data);
    };
    // An interaction answer waits a short rate limit out; a long one rejects and the answer goes by DM.
    const interactive = (data: RateLimitData) => /^\/(interactions|webhooks)\//.test(data.route) && (data.retryAfter || data.timeToReset) > maxWait;
    this.client = new Client({
      // DMs carry their content without the privileged MessageContent intent.
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
      // Interaction answers wait a short rate limit out; a long one, 5xx past one retry or a
      // timeout throw, and the answer goes to the person's DM through the outbox (answerByDm).
      rest: {
        api: config.DISCORD_API_URL,
        timeout: deps.interactionTimeoutMs ?? 5000,
        retries: 1,
        rejectOnRateLimit: logRateLimit("interactive", interactive),
        invalidRequestWarningInterval: 500,
      },
      allowedMentions: { parse: [] },
    });
    this.sendRest = new REST({ api: config.DISCORD_API_URL, ...(deps.restTimeoutMs ? { timeout: deps.restTimeoutMs } : {}), rejectOnRateLimit: logRateLimit("outbound", () => true), invalidRequestWarningInterval: 500 }).setToken(
      config.DISCORD_BOT_TOKEN,
    );
    // 10,000 invalid requests (401/403/429) in 10 minutes get the bot's IP banned: say so early.
    const warnInvalid = (data: { count: number; remainingTime: number }) =>
      this.log.warn({ invalidRequests: data.count, windowRemainingMs: data.remainingTime }, "discord invalid requests piling up");
    this.sendRest.on(RESTEvents.InvalidRequestWarning, warnInvalid);
    this.client.rest.on(RESTEvents.InvalidRequestWarning, warnInvalid);
    this.sender = new DiscordSender({ rest: this.sendRest, db: deps.db, log: this.log, clock: deps.clock });
    this.roles = new RoleGranter({ rest: this.sendRest, db: deps.db, log: this.log, guildId: config.DISCORD_GUILD_ID, roleId: config.DISCORD_MEMBER_ROLE_ID });
    this.forms = new FormCache(deps.db, () => deps.clock.now().getTime());
    this.deferReply = outboxDeferral(deps.db, "discord");
  }

  async start(handler: EventHandler): Promise<void> {
    this.handler = handler;
    this.client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => this.onRaw(packet));
    this.client.on(Events.InteractionCreate, (interaction) => this.track(this.onInteraction(interaction)));
    this.client.on(Events.Error, (err) => this.log.error({ err }, "discord client error"));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("discord: gateway not ready in time")), this.deps.readyTimeoutMs ?? 30_000);
      this.client.once(Events.ClientReady, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await this.client.login(this.deps.config.DISCORD_BOT_TOKEN);
    await ready;
    this.log.info({ user: this.client.user?.id }, "discord gateway ready");
    await this.registerCommands();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
    await this.client.destroy();
  }

  /** Resolves when every event received so far is fully handled (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  async registerCommands(): Promise<void> {
    const { DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_COMMANDS_SCOPE } = this.deps.config;
    const target = { applicationId: DISCORD_APPLICATION_ID!, scope: DISCORD_COMMANDS_SCOPE, ...(DISCORD_GUILD_ID ? { guildId: DISCORD_GUILD_ID } : {}) };
    await registerCommands(this.client.rest, this.deps.db, target, this.log);
  }

  send(recipient: string, message: OutboundMessage): Promise<SendResult> {
    // A queued membership change (recipient: the user id) is a role change, not a message.
    if (message.membership) return this.roles.apply(recipient, message.membership);
    return message.form ? this.sendWithForm(recipient, message, message.form) : this.sender.send(recipient, message);
  }

  /**
   * A queued message carrying a form (an interaction that could not open its modal): the form waits
   * in the database behind a button named after it, opened as a modal by the click.
   */
  private async sendWithForm(recipient: string, message: OutboundMessage, form: FormSpec): Promise<SendResult> {
    let channel: string;
    try {
      channel = await this.sender.channelFor(recipient);
    } catch (err) {
      return this.sender.failure(recipient, err);
    }
    const customId = await this.forms.put(form, conversationKey("discord", channel));
    const row: ActionRow = { type: 1, components: [{ type: 2, style: 1, label: form.title.slice(0, 80), custom_id: customId }] };
    return this.sender.sendBodies(channel, renderMessage({ ...message, form: undefined }, { extraRows: [row] }).bodies);
  }

  sendFile(recipient: string, file: Attachment, caption?: string): Promise<SendResult> {
    return this.sender.sendFile(recipient, file, caption);
  }

  /** Opens a form for an event outside its interaction: posted behind an "Open the form" button. */
  async openForm(event: InboundEvent, form: FormSpec): Promise<void> {
    const channel = event.conversation.slice("discord:".length);
    const bodies = await renderWithForm({ blocks: [{ type: "paragraph", content: [form.title] }], form }, false, this.formsOf(event.conversation), this.localeOf(event.author.locale));
    const result = await this.sender.sendBodies(channel, bodies);
    if (result.status !== "sent") this.log.warn({ result }, "discord: form not posted");
  }

  /** Adds DISCORD_MEMBER_ROLE_ID to the user in DISCORD_GUILD_ID (roles.ts says when it happens). */
  async grantMemberRole(userId: string): Promise<boolean> {
    return (await this.roles.apply(userId, "grant")).status === "sent";
  }

  /** The form store for one conversation (the pending forms it opens are kept in the database). */
  private formsOf(conversation: string): FormStore {
    return { put: (form) => this.forms.put(form, conversation) };
  }

  private localeOf(hint: string | undefined): Locale {
    return pickLocale(null, hint, this.deps.config.DEFAULT_LOCALE);
  }

  private track(work: Promise<void>): void {
    const p = work.catch((err: unknown) => this.log.error({ err }, "discord event failed"));
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Runs fn after the conversation's earlier events (the engine's lease does not keep order). */
  private serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }

  private onRaw(packet: { t?: string; d?: unknown }): void {
    // Raw packets arrive before discord.js builds its objects: keep the interaction JSON for the mapper.
    if (packet.t === "INTERACTION_CREATE") {
      const id = (packet.d as { id?: string } | undefined)?.id;
      if (!id) return;
      // Bounded: an interaction discord.js never turns into an object must not leak here.
      if (this.rawInteractions.size >= 1000) this.rawInteractions.delete(this.rawInteractions.keys().next().value!);
      this.rawInteractions.set(id, packet.d);
    } else if (packet.t === "MESSAGE_CREATE" && !this.stopping) {
      this.track(this.onDirectMessage(packet.d));
    }
  }

  private async onDirectMessage(raw: unknown): Promise<void> {
    const event = mapDirectMessage(raw, this.deps.clock.now(), this.client.user?.id);
    if (!event) return;
    const channelId = event.conversation.slice("discord:".length);
    this.sender.noteDmChannel(event.author.id, channelId);
    const locale = this.localeOf(event.author.locale);
    const wasMember = await this.roles.isMember(event.author.id);
    await this.serial(event.conversation, async () => {
      const replies = await this.handle(event);
      // A reply that still fails transiently (429, 5xx, timeout) goes to the outbox, and the ones
      // after it follow it there, in order.
      const run = new ReplyRun(event.id, this.deferReply);
      for (const [index, reply] of replies.entries()) {
        if (run.shouldDefer()) {
          await run.deferNow(channelId, reply, index);
          continue;
        }
        let result = await this.sender.sendBodies(channelId, await renderWithForm(reply, false, this.formsOf(event.conversation), locale));
        if (result.status === "sent" && reply.attachment) result = await this.sender.sendFile(channelId, reply.attachment);
        countSendFault(this.deps.metrics, "discord", "reply", result);
        const code = "code" in result ? result.code : undefined;
        if (result.status === "retry" && (await run.deferNow(channelId, reply, index))) {
          this.log.warn({ code, error: result.error, event: event.id }, "discord DM reply not sent: queued in the outbox");
          continue;
        }
        if (result.status !== "sent") this.log.warn({ code, result }, "discord DM reply not sent");
      }
    });
    await this.afterHandled(event, channelId, wasMember);
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    const raw = this.rawInteractions.get(interaction.id);
    this.rawInteractions.delete(interaction.id);
    if (this.stopping || !raw || !interaction.isRepliable()) return;
    const respondable = interaction as Respondable;
    const locale = this.localeOf(interaction.locale);
    if ((interaction.isButton() || interaction.isStringSelectMenu()) && FormCache.isFormButton(interaction.customId)) {
      const form = await this.forms.get(interaction.customId);
      const replies = [form ? { blocks: [], form } : textMessage(t(locale, "discord.form.expired"))];
      const answered = respondToInteraction(respondable, Promise.resolve(replies), this.respondContext(!!interaction.guildId, locale, interaction.user.id, conversationKey("discord", interaction.channelId ?? interaction.user.id)));
      await this.orByDm(answered, `discord:${interaction.id}`, interaction.guildId ? interaction.user.id : (interaction.channelId ?? interaction.user.id));
      return;
    }
    const mapped = mapInteraction(raw, this.deps.clock.now());
    if (!mapped) return;
    const inGuild = mapped.chatType === "group";
    const userId = mapped.author.id;
    let dmChannel: string | undefined = inGuild ? undefined : mapped.conversation.slice("discord:".length);
    if (dmChannel) this.sender.noteDmChannel(userId, dmChannel);
    const routeToDm = inGuild && routesToDm(mapped.payload);
    const wasMember = await this.roles.isMember(userId);
    const work = (async () => {
      if (inGuild) {
        dmChannel = await this.dmChannelOf(userId);
        // Without the DM channel there is no per-user conversation (a guild channel is shared, and
        // the engine would store it as where to DM them): apologise rather than guess.
        if (!dmChannel) return [textMessage(t(locale, "core.error.generic"))];
      }
      const event = inGuild ? { ...mapped, conversation: conversationKey("discord", dmChannel!) } : mapped;
      return this.serial(event.conversation, async () => {
        const replies = await this.handle(event);
        if (!routeToDm) return replies;
        // A /join that joined nobody (a wrong code) is answered where it was typed.
        if (isJoin(event) && !(await this.hasAccount(userId))) return replies;
        return this.continueInDm(dmChannel!, replies, locale);
      });
    })();
    const answered = respondToInteraction(respondable, work, this.respondContext(inGuild, locale, userId, mapped.conversation));
    await this.orByDm(answered, mapped.id, () => dmChannel ?? userId);
    await this.afterHandled(mapped, dmChannel, wasMember);
  }

  /**
   * Waits for an interaction's answer; when Discord refused it or never answered (429 past the
   * wait, 5xx, a timeout, an expired token), the replies the person has not seen go to their DM
   * through the outbox, keyed by the event, logged with Discord's code and counted.
   */
  private async orByDm(answered: Promise<void>, eventId: string, recipient: string | (() => string)): Promise<void> {
    try {
      await answered;
    } catch (err) {
      if (!(err instanceof InteractionAnswerError)) throw err;
      const result = discordErrorResult(err.cause);
      const code = "code" in result && result.code ? result.code : result.status;
      this.deps.metrics?.platformError("discord", "reply", errorCodeLabel(code));
      const to = typeof recipient === "string" ? recipient : recipient();
      for (const [index, reply] of err.undelivered.entries()) await this.deferReply(to, reply, eventId, index);
      this.log.warn({ code, step: err.step, event: eventId, queued: err.undelivered.length, error: "error" in result ? result.error : undefined }, "discord interaction answer failed: queued by DM in the outbox");
    }
  }

  /** The user's DM channel (opened once), or undefined when Discord refuses to open it. */
  private async dmChannelOf(userId: string): Promise<string | undefined> {
    try {
      return await this.sender.dmChannelOf(userId);
    } catch (err) {
      this.log.warn({ err }, "discord: could not open a DM channel");
      return undefined;
    }
  }

  /** Sends the replies (except a form, which the interaction can open as a modal) to the DM. */
  private async continueInDm(dmChannel: string, replies: OutboundMessage[], locale: Locale): Promise<OutboundMessage[]> {
    const messages = replies.filter((r) => !r.form);
    for (const [i, reply] of messages.entries()) {
      let result = await this.sender.sendBodies(dmChannel, await renderWithForm(reply, false, this.formsOf(conversationKey("discord", dmChannel)), locale));
      if (result.status === "sent" && reply.attachment) result = await this.sender.sendFile(dmChannel, reply.attachment);
      if (result.status === "sent") continue;
      // DMs closed (or failing): show what is left in place, with a hint.
      const hint = result.status === "unreachable" ? [textMessage(t(locale, "discord.dm_closed"))] : [];
      return [...hint, ...messages.slice(i), ...replies.filter((r) => r.form)];
    }
    return [...(messages.length ? [dmPointer(dmChannel, locale)] : []), ...replies.filter((r) => r.form)];
  }

  private async hasAccount(userId: string): Promise<boolean> {
    const account = await this.deps.db.platformAccount.findUnique({ where: { platform_externalId: { platform: "discord", externalId: userId } }, select: { id: true } });
    return !!account;
  }

  private respondContext(inGuild: boolean, locale: Locale, userId: string, conversation: string) {
    return {
      ephemeral: inGuild,
      locale,
      forms: this.formsOf(conversation),
      log: this.log,
      deferAfterMs: this.deps.deferAfterMs ?? 2000,
      elsewhere: async (messages: OutboundMessage[]) => {
        const channel = await this.dmChannelOf(userId);
        if (!channel) return;
        for (const m of messages) await this.sender.sendBodies(channel, await renderWithForm(m, false, this.formsOf(conversationKey("discord", channel)), locale));
      },
    };
  }

  private async handle(event: InboundEvent): Promise<OutboundMessage[]> {
    if (!this.handler) return [];
    try {
      return await this.handler(event);
    } catch (err) {
      this.log.error({ err, event: event.id }, "engine failed on a discord event");
      return [textMessage(t(this.localeOf(event.author.locale), "core.error.generic"))];
    }
  }

  /** After the engine ran: store the DM channel (the account may exist only now) and follow membership with the role. */
  private async afterHandled(event: InboundEvent, dmChannel: string | undefined, wasMember: boolean): Promise<void> {
    if (dmChannel) await rememberChat(this.deps.db, "discord", event.author.id, dmChannel);
    await this.roles.afterEvent(event.author.id, wasMember, event.id);
  }
}
