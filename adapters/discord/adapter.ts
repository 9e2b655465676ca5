// The Discord adapter, one way: transport.ts (discord.js) hands over raw gateway JSON → mapper.ts
// (pure) makes the InboundEvent → the engine answers → render.ts (pure) makes Discord payloads →
// they go back out through the transport's ports (REST by path, the interaction's answer).
//
// Guilds: a user's conversation is always their DM channel (`discord:<dm channel id>`), wherever
// they click, so a flow started by a slash command in a guild channel continues in the DM. Slash
// commands in a guild answer in the DM and reply "continue in DM" ephemerally — except the
// read-only look-ups (IN_PLACE_COMMANDS), answered ephemerally in place. Closed DMs: the answer is
// shown in place with a hint to open DMs.
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import type { Clock } from "../../src/clock.js";
import type { AppConfig } from "../../src/config.js";
import { rememberChat } from "../../src/services/accounts.js";
import { pickLocale, t, type Locale } from "../../src/i18n/translate.js";
import { conversationKey } from "../../src/engine/events.js";
import { textMessage } from "../../src/engine/message.js";
import type { Attachment, ChatAdapter, EventHandler, FormSpec, InboundEvent, OutboundMessage, SendResult } from "../adapter.js";
import { interactionFacts, mapDirectMessage, mapInteraction } from "./mapper.js";
import { registerCommands } from "./commands.js";
import { DiscordSender } from "./sender.js";
import { renderMessage, type ActionRow } from "./render.js";
import { FormCache } from "./form-cache.js";
import { outboxDeferral, ReplyRun, type DeferReply } from "../deferred-replies.js";
import { countSendFault, type MetricsHooks } from "../../src/metrics-hooks.js";
import { renderWithForm, respondToInteraction, type FormStore } from "./responder.js";
import { RoleGranter } from "./roles.js";
import { isJoin, routesToDm } from "./dm-routing.js";
import { answerByDmOnFailure, continueInDm } from "./dm-answers.js";
import { DiscordTransport, type TransportOptions } from "./transport.js";
import type { InteractionPort } from "./ports.js";

export type DiscordConfig = Pick<
  AppConfig,
  "DISCORD_BOT_TOKEN" | "DISCORD_APPLICATION_ID" | "DISCORD_GUILD_ID" | "DISCORD_COMMANDS_SCOPE" | "DISCORD_MEMBER_ROLE_ID" | "DISCORD_API_URL" | "DEFAULT_LOCALE"
>;

export interface DiscordAdapterDeps extends Omit<TransportOptions, "config" | "log"> {
  config: DiscordConfig;
  db: Db;
  log: Logger;
  clock: Clock;
  /** defer an interaction when the engine has not answered after this long (Discord allows 3 s) */
  deferAfterMs?: number;
  metrics?: MetricsHooks;
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = "discord" as const;
  readonly transport: DiscordTransport;
  readonly sender: DiscordSender;
  readonly roles: RoleGranter;
  private readonly forms: FormCache;
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
    this.transport = new DiscordTransport({ ...deps, log: this.log });
    const rest = this.transport.rest;
    this.sender = new DiscordSender({ rest, db: deps.db, log: this.log, clock: deps.clock });
    this.roles = new RoleGranter({ rest, db: deps.db, log: this.log, guildId: config.DISCORD_GUILD_ID, roleId: config.DISCORD_MEMBER_ROLE_ID });
    this.forms = new FormCache(deps.db, () => deps.clock.now().getTime());
    this.deferReply = outboxDeferral(deps.db, "discord");
  }

  /** The discord.js client (readiness, tests); only the transport uses it. */
  get client() {
    return this.transport.client;
  }

  async start(handler: EventHandler): Promise<void> {
    this.handler = handler;
    await this.transport.start({
      message: (raw) => {
        if (!this.stopping) this.track(this.onDirectMessage(raw));
      },
      interaction: (raw, answer) => {
        if (!this.stopping) this.track(this.onInteraction(raw, answer));
      },
    });
    await this.registerCommands();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
    await this.transport.stop();
  }

  /** Resolves when every event received so far is fully handled (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  async registerCommands(): Promise<void> {
    const { DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_COMMANDS_SCOPE } = this.deps.config;
    const target = { applicationId: DISCORD_APPLICATION_ID!, scope: DISCORD_COMMANDS_SCOPE, ...(DISCORD_GUILD_ID ? { guildId: DISCORD_GUILD_ID } : {}) };
    await registerCommands(this.transport.clientRest, this.deps.db, target, this.log);
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

  private async onDirectMessage(raw: unknown): Promise<void> {
    const event = mapDirectMessage(raw, this.deps.clock.now(), this.transport.botUserId);
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

  private async onInteraction(raw: unknown, answer: InteractionPort): Promise<void> {
    const facts = interactionFacts(raw);
    if (!facts) return;
    const locale = this.localeOf(facts.locale);
    if (facts.componentId && FormCache.isFormButton(facts.componentId)) {
      const form = await this.forms.get(facts.componentId);
      const replies = [form ? { blocks: [], form } : textMessage(t(locale, "discord.form.expired"))];
      const answered = respondToInteraction(answer, Promise.resolve(replies), this.respondContext(!!facts.guildId, locale, facts.userId, conversationKey("discord", facts.channelId ?? facts.userId)));
      await this.orByDm(answered, `discord:${facts.id}`, facts.guildId ? facts.userId : (facts.channelId ?? facts.userId));
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
        return continueInDm(this.sender, dmChannel!, replies, locale, this.formsOf(conversationKey("discord", dmChannel!)));
      });
    })();
    const answered = respondToInteraction(answer, work, this.respondContext(inGuild, locale, userId, mapped.conversation));
    await this.orByDm(answered, mapped.id, () => dmChannel ?? userId);
    await this.afterHandled(mapped, dmChannel, wasMember);
  }

  /** Waits for an interaction's answer; what Discord refused goes to the DM (dm-answers.ts). */
  private orByDm(answered: Promise<void>, eventId: string, recipient: string | (() => string)): Promise<void> {
    return answerByDmOnFailure(answered, { eventId, recipient, deferReply: this.deferReply, log: this.log, ...(this.deps.metrics ? { metrics: this.deps.metrics } : {}) });
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
