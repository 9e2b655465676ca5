// Bolt wiring. HTTP mode: Bolt's HTTPReceiver is not started (no second server); its request
// listener sits behind POST /slack/events on Advo's HTTP server (http-events.ts), which first
// refuses oversized bodies (413), timestamps more than 5 minutes away in either direction and bad
// v0 signatures (401), and bodies that do not parse (400). Socket Mode when an app token is set:
// Bolt's SocketModeReceiver, no public URL needed.
//
// Acks: Slack wants every interaction acknowledged within 3 s. The adapter waits for the engine up
// to `ackBudgetMs` so that its answer can ride in the ack (slash-command text, modal field
// errors); past the budget it acks empty and delivers the answer afterwards (response_url, chat
// APIs) while the work continues.
import { App, HTTPReceiver, type AckFn } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { cachedCheck } from "../../src/http/observability.js";
import type { Attachment, ChatAdapter, EventHandler, FormSpec, InboundEvent, OutboundMessage, SendResult } from "../adapter.js";
import { conversationKey } from "../../src/engine/events.js";
import { AppError } from "../../src/errors.js";
import { pickLocale } from "../../src/i18n/translate.js";
import { boltLogger } from "./bolt-logger.js";
import { LocaleHints } from "./locale-hints.js";
import {
  mapBlockAction, mapMessageEvent, mapSlashCommand, mapViewSubmission, memberChange, routeAdvoCommand, textAsCommand, type MappedEvent, type SlackReply,
} from "./mapper.js";
import { ManagerChannelSync } from "./managers-sync.js";
import { commandAnswerBodies, continueInDm, SlackReplier, viewAckBody, type RespondFn } from "./replies.js";
import { SlackSender } from "./sender.js";
import { homeRepublisherFor, type HomeRepublisher } from "./home-republisher.js";
import { suggestionOptions } from "./blocks/native-fields.js";
import { InFlight, RecentIds, settleWithin } from "./util.js";
import { SLACK_EVENTS_PATH, slackEventsRoutes } from "./http-events.js";
import type { SlackAdapterOptions } from "./options.js";


export { SLACK_EVENTS_PATH };
export type { SlackAdapterOptions };

export class SlackAdapter implements ChatAdapter {
  readonly platform = "slack" as const;
  readonly app: App;
  private readonly receiver: HTTPReceiver | undefined;
  private readonly outbox: SlackSender;
  private readonly replier: SlackReplier;
  private readonly interactive: SlackSender;
  private readonly managers: ManagerChannelSync | undefined;
  private readonly seen = new RecentIds(5000);
  private readonly locales: LocaleHints;
  /** the other managers' Homes, republished after changes (undefined without homeRepublish) */
  readonly homes: HomeRepublisher | undefined;
  private readonly inFlight = new InFlight();
  private handler: EventHandler | undefined;
  private botUserId: string | undefined;
  private stopped = false;
  /** /readyz: auth.test without retries, at most every 15 s */
  readonly ready: () => Promise<boolean>;

  constructor(private readonly options: SlackAdapterOptions) {
    const logger = boltLogger(options.log);
    // Interactive replies: wait out 429s (Retry-After) a few times, then give up.
    const clientOptions = { slackApiUrl: options.apiUrl, timeout: options.replyTimeoutMs ?? 10_000, retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 5000 } };
    if (options.appToken) {
      this.app = new App({ token: options.botToken, appToken: options.appToken, socketMode: true, logger, clientOptions, deferInitialization: true });
    } else {
      if (!options.signingSecret) throw new AppError("slack.signing_secret_missing", "SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)");
      this.receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: [SLACK_EVENTS_PATH], logger, processBeforeResponse: false });
      this.app = new App({ token: options.botToken, receiver: this.receiver, logger, clientOptions, deferInitialization: true });
    }
    // Outbox sends: a 429 is reported to the dispatcher (retry with Retry-After), not waited out.
    this.outbox = new SlackSender(new WebClient(options.botToken, { slackApiUrl: options.apiUrl, logger, rejectRateLimitedCalls: true, timeout: 10_000, retryConfig: { retries: 0 } }));
    this.interactive = new SlackSender(this.app.client);
    this.replier = new SlackReplier(this.app.client, this.interactive, options.log, options.clock, options.deferReply, options.metrics);
    // No retries for the hint: a slow users.info must not eat the 3-second ack budget.
    const probe = new WebClient(options.botToken, { slackApiUrl: options.apiUrl, logger, timeout: 3000, retryConfig: { retries: 0 } });
    this.ready = cachedCheck(async () => !this.stopped && (await probe.auth.test()).ok === true);
    this.locales = new LocaleHints(new WebClient(options.botToken, { slackApiUrl: options.apiUrl, logger, timeout: 1000, retryConfig: { retries: 0 } }));
    if (options.homeRepublish) {
      const publish = async (user: string, view: unknown) => void (await this.app.client.views.publish({ user_id: user, view: view as never }));
      this.homes = homeRepublisherFor(options.homeRepublish, (user) => this.locales.hints(user), publish, options.log);
    }
    if (options.managerChannel && options.syncManagers)
      this.managers = new ManagerChannelSync(this.app.client, options.managerChannel, options.syncManagers, options.log);
    this.registerListeners();
  }

  async start(handler: EventHandler): Promise<void> {
    this.handler = handler;
    await this.app.init(); // auth.test: checks the token, learns the bot's user id
    const auth = await this.app.client.auth.test();
    this.botUserId = auth.user_id;
    if (this.managers) await this.managers.sync(this.botUserId);
    if (this.receiver) {
      const { signingSecret, log } = this.options;
      const receiver = this.receiver;
      this.options.http?.mount(slackEventsRoutes({ signingSecret: signingSecret!, log, listener: (req, res) => receiver.requestListener(req, res), accepting: () => !this.stopped }));
    } else {
      await this.app.start();
    }
    this.options.log.info({ mode: this.receiver ? "http" : "socket", path: this.receiver ? SLACK_EVENTS_PATH : undefined }, "slack connected");
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.homes?.stop();
    if (!this.receiver) await this.app.stop().catch((err: unknown) => this.options.log.warn({ err }, "slack: socket stop failed"));
    await this.inFlight.settled();
  }

  async send(recipient: string, message: OutboundMessage, options?: { thread?: string }): Promise<SendResult> {
    return this.managersSaw(recipient, await this.outbox.send(recipient, message, options?.thread));
  }

  async editMessage(recipient: string, messageId: string, message: OutboundMessage): Promise<SendResult> {
    return this.managersSaw(recipient, await this.outbox.edit(recipient, messageId, message));
  }

  /** Whatever the outbox posts or edits in the managers' channel is a change their Homes show. */
  private managersSaw(recipient: string, result: SendResult): SendResult {
    if (result.status === "sent" && recipient === this.options.managerChannel) this.homes?.schedule();
    return result;
  }

  sendFile(recipient: string, file: Attachment, caption?: string): Promise<SendResult> {
    return this.outbox.sendFile(recipient, file, caption);
  }

  /**
   * Files of direct replies, after their text: always into the person's DM with the bot (an
   * export is personal data — never into the channel a command was typed in).
   */
  private async deliverFiles(mapped: MappedEvent, replies: OutboundMessage[]): Promise<void> {
    for (const r of replies) {
      if (!r.attachment) continue;
      const sent = await this.interactive.sendFile(mapped.event.author.id, r.attachment);
      if (sent.status !== "sent") this.options.log.warn({ result: sent }, "slack: file upload failed");
    }
  }

  /** Opens a modal for an event that came with a trigger_id (slash command or button). */
  async openForm(event: InboundEvent, form: FormSpec): Promise<void> {
    const mapped = this.remap(event.raw);
    if (!mapped) throw new AppError("slack.form_without_interaction", "openForm needs a Slack interaction (slash command, button or modal)");
    await this.replier.openForm(mapped.reply, form);
  }

  private remap(raw: unknown): MappedEvent | undefined {
    const now = this.options.clock.now();
    return mapSlashCommand(raw, now) ?? mapBlockAction(raw, now) ?? mapViewSubmission(raw, now);
  }

  private registerListeners(): void {
    this.app.event("message", async ({ body }) => {
      const mapped = mapMessageEvent(body, this.botUserId, this.options.clock.now());
      if (!mapped) return;
      const known = this.options.knownCommand;
      const command = known && mapped.event.payload.type === "text" ? textAsCommand(mapped.event.payload.text, known) : undefined;
      if (command) mapped.event = { ...mapped.event, payload: command };
      await this.run(mapped, async (replies) => this.replier.deliver(mapped.reply, replies, { eventId: mapped.event.id }));
    });
    this.app.event("app_home_opened", async ({ event }) => {
      // The event fires for the Messages tab too; only the Home tab shows a view.
      if (event.tab !== "home" || this.stopped) return;
      await this.track(Promise.all([
        this.publishHome(event.user),
        this.options.homeOpened?.(event.user).catch((err: unknown) => this.options.log.warn({ err }, "slack: recording the Home opened failed")),
      ]));
    });
    const members = async ({ body }: { body: unknown }) => {
      const change = memberChange(body);
      if (change && this.managers?.watches(change.channel)) await this.track(this.managers.sync(this.botUserId));
    };
    this.app.event("member_joined_channel", members);
    this.app.event("member_left_channel", members);

    this.app.command(/^\/.+/, async ({ body, ack, respond }) => {
      const mapped = mapSlashCommand(body, this.options.clock.now());
      const { knownCommand, isManager } = this.options;
      if (mapped && knownCommand && mapped.event.payload.type === "command") {
        const manager = isManager ? await isManager(mapped.event.author.id).catch(() => false) : true;
        mapped.event = { ...mapped.event, payload: routeAdvoCommand(mapped.event.payload, manager, knownCommand) };
      }
      await this.interact(mapped, ack as AckFn<unknown>, respond as RespondFn, "command");
    });
    this.app.action(/.*/, async ({ body, ack, respond }) => {
      await ack(); // buttons need no answer in the ack; the reply follows via the API
      const mapped = mapBlockAction(body, this.options.clock.now());
      if (!mapped) return;
      const cardIsEphemeral = (body as { container?: { is_ephemeral?: boolean } }).container?.is_ephemeral === true;
      await this.run(mapped, (replies) => this.replier.deliver(mapped.reply, replies, { ...(cardIsEphemeral && respond ? { respond: respond as RespondFn } : {}), cardIsEphemeral, eventId: mapped.event.id }));
    });
    // The options load URL: Slack asks as a manager types in an external select (block_suggestion).
    this.app.options(/.*/, async ({ body, ack }) => {
      const { suggestions } = this.options;
      const suggestion = body as { user?: { id?: string }; action_id?: string; value?: string };
      const allowed = suggestions && suggestion.user?.id && (await this.isManager(suggestion.user.id).catch(() => false));
      const known = allowed ? await suggestions(suggestion.action_id ?? "").catch((err: unknown) => (this.options.log.warn({ err }, "slack: suggestions failed"), [])) : [];
      await ack(suggestionOptions(known, allowed ? (suggestion.value ?? "") : "") as never);
    });
    this.app.view(/.*/, async ({ body, ack }) => {
      const mapped = mapViewSubmission(body, this.options.clock.now());
      await this.interact(mapped, ack as AckFn<unknown>, undefined, "view");
    });
    this.app.error(async (err) => {
      this.options.log.error({ err, code: (err as { code?: string }).code }, "slack: listener failed");
    });
  }

  /** Slash commands and modal submissions: answer in the ack when the engine is fast enough. */
  private interact(mapped: MappedEvent | undefined, ack: AckFn<unknown>, respond: RespondFn | undefined, kind: "command" | "view"): Promise<void> {
    // tracked as a whole: stop() waits for the delivery that follows the ack
    return this.track(this.answer(mapped, ack, respond, kind));
  }

  private async answer(mapped: MappedEvent | undefined, ack: AckFn<unknown>, respond: RespondFn | undefined, kind: "command" | "view"): Promise<void> {
    if (!mapped || !this.accept(mapped.event)) {
      await ack();
      return;
    }
    const work = this.handle(mapped);
    // `/advo …` left as such for a non-manager is a console command: refused in place, not moved.
    const influencerCommand = mapped.event.payload.type === "command" && mapped.event.payload.name !== "advo";
    if (kind === "command" && (mapped.reply.direct || (influencerCommand && !(await this.isManager(mapped.event.author.id).catch(() => true))))) {
      return this.answerInDm(mapped, work, ack);
    }
    const early = await settleWithin(work, this.options.ackBudgetMs ?? 2500);
    if (!early.settled) {
      await ack();
      const late = await work;
      await this.replier.deliver(mapped.reply, late, { ...(respond ? { respond } : {}), eventId: mapped.event.id });
      await this.deliverFiles(mapped, late);
      return;
    }
    const replies = early.value;
    const [first, ...rest] = replies;
    if (kind === "view") {
      const body = viewAckBody(first?.form, mapped.reply.origin);
      await ack(body as never);
      await this.replier.deliver(mapped.reply, body ? rest : replies, { eventId: mapped.event.id });
      await this.deliverFiles(mapped, replies);
      return;
    }
    const [ackBody, ...more] = commandAnswerBodies(replies);
    await ack(ackBody as never);
    for (const body of more) await respond?.({ ...body, replace_original: false }).catch((err: unknown) => this.options.log.warn({ err }, "slack: response_url failed"));
    // The text went out in the ack; forms still need opening (trigger_id is valid 3 s).
    for (const m of replies) if (m.form) await this.replier.openForm(mapped.reply, m.form).catch((err: unknown) => this.options.log.warn({ err }, "slack: views.open failed"));
    await this.deliverFiles(mapped, replies);
  }

  /**
   * An influencer's slash command. In the DM with the bot the answers are ordinary messages (an
   * ephemeral "only visible to you" answer would vanish from their history). In a channel they
   * get one short private pointer, and the answers go to the DM, where the flow continues (a
   * typed reply in the channel would never reach the bot).
   */
  private async answerInDm(mapped: MappedEvent, work: Promise<OutboundMessage[]>, ack: AckFn<unknown>): Promise<void> {
    const user = mapped.event.author.id;
    if (mapped.reply.direct) {
      await ack();
      await this.replier.deliver(mapped.reply, await work, { eventId: mapped.event.id });
      return;
    }
    const dm = await this.interactive.channelFor(user);
    const locale = pickLocale(null, await this.locales.get(user), "en");
    await ack(commandAnswerBodies([continueInDm(locale, dm)])[0] as never);
    const replies = (await work).map((r) => {
      const { ephemeral: _inDm, ...rest } = r;
      return rest;
    });
    await this.replier.deliver({ ...mapped.reply, kind: "message", channel: dm, direct: true }, replies, { eventId: mapped.event.id });
  }

  /** DMs and buttons: the ack went out already; run and deliver. */
  private async run(mapped: MappedEvent, deliver: (replies: OutboundMessage[]) => Promise<void>): Promise<void> {
    if (!this.accept(mapped.event)) return;
    await this.track(this.handle(mapped).then(async (replies) => {
      await deliver(replies);
      await this.deliverFiles(mapped, replies);
    }));
  }

  /** Drops what this instance has just seen (Slack retries with the same event id); the engine's
   *  de-duplication by event id covers several instances. */
  private accept(event: InboundEvent): boolean {
    if (this.stopped || !this.handler) return false;
    return this.seen.add(event.id);
  }

  /**
   * Runs the engine. Outside a DM, a manager acts in the channel's shared console conversation;
   * anyone else acts in their own DM conversation with the bot (their onboarding state and the
   * chat their announcements go to are personal, never a public channel), and their replies to
   * a shared card are shown to them alone.
   */
  private async handle(mapped: MappedEvent): Promise<OutboundMessage[]> {
    let event = mapped.event;
    try {
      const { locale, timeZone } = await this.locales.hints(event.author.id);
      if (locale || timeZone) event = { ...event, author: { ...event.author, ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) } };
      const manager = mapped.reply.direct || (await this.isManager(event.author.id));
      if (!manager) event = { ...event, conversation: conversationKey("slack", await this.interactive.channelFor(event.author.id)), chatType: "private" };
      const replies = await this.handler!(event);
      // A manager's decision or form changes what their Home shows: publish it again, off the ack path.
      if (manager && (event.payload.type === "action" || event.payload.type === "form")) {
        void this.track(this.publishHome(event.author.id));
        this.homes?.schedule(); // and, soon, the other managers' (coalesced)
      }
      return manager ? replies : replies.map((r) => ({ ...r, ephemeral: true }));
    } catch (err) {
      this.options.log.error({ err, event: event.id, code: (err as { code?: string }).code }, "slack: event handler failed");
      return [];
    }
  }

  /** views.publish of the user's Home; a failure is logged, never thrown into an interaction. */
  private async publishHome(userId: string): Promise<void> {
    if (!this.options.homeView) return;
    try {
      const view = await this.options.homeView(userId, await this.locales.hints(userId));
      await this.app.client.views.publish({ user_id: userId, view: view as never });
    } catch (err) {
      this.options.log.warn({ err, code: (err as { code?: string }).code }, "slack: views.publish failed");
    }
  }

  private async isManager(userId: string): Promise<boolean> {
    return this.options.isManager ? this.options.isManager(userId) : true;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    return this.inFlight.track(p);
  }
}

export type { SlackReply };
