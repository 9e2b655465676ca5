// The one file that talks to Discord: the discord.js gateway Client (intake: interactions and DMs)
// and REST (sending). Everything else in adapters/discord works on plain data through ports.ts:
// raw gateway JSON goes out to the adapter (adapter.ts → mapper.ts, pure), and what comes back
// are REST calls by path and interaction answers (InteractionPort), rendered by render.ts.
// discord.js errors are read here, once, into what they mean for a send (DiscordCallError).
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  MessageFlags,
  Partials,
  RateLimitError,
  REST,
  RESTEvents,
  type Interaction,
  type RateLimitData,
} from "discord.js";
import type { Logger } from "../../src/logger.js";
import type { AppConfig } from "../../src/config.js";
import type { SendResult } from "../../src/delivery/port.js";
import { DiscordCallError, resultOf, type AnswerBody, type DiscordRest, type InteractionPort } from "./ports.js";

/** Where gateway events go: the raw JSON (and, for an interaction, the port that answers it). */
export interface Intake {
  message(raw: unknown): void;
  interaction(raw: unknown, answer: InteractionPort): void;
}

export interface TransportOptions {
  config: Pick<AppConfig, "DISCORD_BOT_TOKEN" | "DISCORD_API_URL">;
  log: Logger;
  readyTimeoutMs?: number;
  /** cap on one REST attempt of sends outside interactions (discord.js default 15 s, 3 retries) */
  restTimeoutMs?: number;
  /** cap on one REST attempt of an interaction answer (default 5 s, one retry) */
  interactionTimeoutMs?: number;
  /** longest rate-limit wait an interaction answer sits out before going by DM instead (default 5 s) */
  interactionMaxWaitMs?: number;
}

/** Discord JSON error codes that mean the person cannot be reached: never retried. */
const UNREACHABLE = new Map<number, string>([
  [50007, "discord: DMs closed (50007)"],
  [10013, "discord: unknown user (10013)"],
]);
const REST_OFFSET_MS = 50;

/**
 * What an error from discord.js means for a send (pure): retry (429 with Discord's retry_after, 5xx,
 * network errors and timeouts with their socket code), failed (other refusals, with Discord's JSON
 * code), or unreachable (closed DMs, unknown user: never retried).
 */
export function discordErrorResult(err: unknown): SendResult {
  if (err instanceof RateLimitError) {
    // @discordjs/rest adds its 50 ms safety offset to Discord's retry_after; report Discord's value.
    const afterSeconds = Math.max(1, Math.ceil(((err.retryAfter || err.timeToReset) - REST_OFFSET_MS) / 1000));
    return { status: "retry", afterSeconds, error: `rate limited on ${err.route}`, rateLimited: true, code: "429" };
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : Number(err.code);
    const unreachable = UNREACHABLE.get(code);
    if (unreachable) return { status: "unreachable", reason: unreachable };
    const label = code ? String(code) : String(err.status);
    const error = `discord ${err.status} ${code}: ${err.message}`.slice(0, 300);
    return err.status >= 500 ? { status: "retry", afterSeconds: 30, error, code: label } : { status: "failed", error, code: label };
  }
  if (err instanceof HTTPError) {
    const code = String(err.status);
    const error = `discord http ${err.status}`;
    return err.status >= 500 || err.status === 429 ? { status: "retry", afterSeconds: 30, error, code } : { status: "failed", error, code };
  }
  return resultOf(err);
}

/** A discord.js failure as a DiscordCallError; anything else (network, timeout) as it is. */
function readError(err: unknown): unknown {
  const where = err instanceof DiscordAPIError ? "with an API error" : err instanceof HTTPError ? "with an HTTP error" : err instanceof RateLimitError ? "rate limited" : undefined;
  return where ? new DiscordCallError(discordErrorResult(err), where, err) : err;
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw readError(err);
  }
}

/** discord.js REST as the DiscordRest port. */
export function restPort(rest: REST): DiscordRest {
  const route = (path: string) => path as `/${string}`;
  return {
    get: (path) => call(() => rest.get(route(path))),
    post: (path, { body, files }) => call(() => rest.post(route(path), { body, ...(files ? { files } : {}) })),
    put: (path, request = {}) => call(() => rest.put(route(path), { ...(request.body !== undefined ? { body: request.body } : {}), ...(request.reason ? { reason: request.reason } : {}) })),
    delete: (path, request = {}) => call(() => rest.delete(route(path), request.reason ? { reason: request.reason } : {})),
  };
}

type Repliable = Extract<Interaction, { reply: unknown }>;

/** One discord.js interaction as the InteractionPort. Mentions never ping anyone. */
function interactionPort(interaction: Repliable): InteractionPort {
  const component = interaction.isMessageComponent() ? interaction : undefined;
  const answer = (body: AnswerBody) => ({ ...body, allowedMentions: { parse: [] } }) as never;
  const onComponent = <T>(work: (c: NonNullable<typeof component>) => Promise<T>) =>
    component ? call(() => work(component)) : Promise.reject(new Error("discord: only a component can update its message"));
  return {
    kind: component ? "component" : interaction.isModalSubmit() ? "modal" : "command",
    get deferred() {
      return interaction.deferred;
    },
    get replied() {
      return interaction.replied;
    },
    reply: (body) => call(() => interaction.reply(answer(body))),
    update: (body) => onComponent((c) => c.update(answer(body))),
    deferReply: (ephemeral) => call(() => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {})),
    deferUpdate: () => onComponent((c) => c.deferUpdate()),
    editReply: (body) => call(() => interaction.editReply(answer(body))),
    deleteReply: () => call(() => interaction.deleteReply()),
    followUp: (body) => call(() => interaction.followUp(answer(body))),
    showModal: (modal) => ("showModal" in interaction ? call(() => interaction.showModal(modal as never)) : Promise.reject(new Error("discord: a modal cannot open a modal"))),
  };
}

export class DiscordTransport {
  readonly client: Client;
  /** REST for sending outside interactions: a 429 comes back as `retry` instead of waiting */
  readonly rest: DiscordRest;
  /** the gateway client's REST (interaction answers, command registration) */
  readonly clientRest: DiscordRest;
  private readonly rawInteractions = new Map<string, unknown>();
  private readonly log: Logger;

  constructor(private readonly options: TransportOptions) {
    const { config } = options;
    this.log = options.log;
    const maxWait = options.interactionMaxWaitMs ?? 5000;
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
      // timeout throw, and the answer goes to the person's DM through the outbox.
      rest: { api: config.DISCORD_API_URL, timeout: options.interactionTimeoutMs ?? 5000, retries: 1, rejectOnRateLimit: logRateLimit("interactive", interactive), invalidRequestWarningInterval: 500 },
      allowedMentions: { parse: [] },
    });
    const sendRest = new REST({ api: config.DISCORD_API_URL, ...(options.restTimeoutMs ? { timeout: options.restTimeoutMs } : {}), rejectOnRateLimit: logRateLimit("outbound", () => true), invalidRequestWarningInterval: 500 }).setToken(
      config.DISCORD_BOT_TOKEN!,
    );
    // 10,000 invalid requests (401/403/429) in 10 minutes get the bot's IP banned: say so early.
    const warnInvalid = (data: { count: number; remainingTime: number }) =>
      this.log.warn({ invalidRequests: data.count, windowRemainingMs: data.remainingTime }, "discord invalid requests piling up");
    sendRest.on(RESTEvents.InvalidRequestWarning, warnInvalid);
    this.client.rest.on(RESTEvents.InvalidRequestWarning, warnInvalid);
    this.rest = restPort(sendRest);
    this.clientRest = restPort(this.client.rest);
  }

  /** The bot's own user id, once connected (its own DMs are not events). */
  get botUserId(): string | undefined {
    return this.client.user?.id;
  }

  async start(intake: Intake): Promise<void> {
    this.client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => this.onRaw(packet, intake));
    this.client.on(Events.InteractionCreate, (interaction) => {
      // The raw JSON arrived first (onRaw): the mapper reads it; discord.js only answers.
      const raw = this.rawInteractions.get(interaction.id);
      this.rawInteractions.delete(interaction.id);
      if (raw && interaction.isRepliable()) intake.interaction(raw, interactionPort(interaction));
    });
    this.client.on(Events.Error, (err) => this.log.error({ err }, "discord client error"));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("discord: gateway not ready in time")), this.options.readyTimeoutMs ?? 30_000);
      this.client.once(Events.ClientReady, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await this.client.login(this.options.config.DISCORD_BOT_TOKEN);
    await ready;
    this.log.info({ user: this.client.user?.id }, "discord gateway ready");
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  private onRaw(packet: { t?: string; d?: unknown }, intake: Intake): void {
    if (packet.t === "INTERACTION_CREATE") {
      const id = (packet.d as { id?: string } | undefined)?.id;
      if (!id) return;
      // Bounded: an interaction discord.js never turns into an object must not leak here.
      if (this.rawInteractions.size >= 1000) this.rawInteractions.delete(this.rawInteractions.keys().next().value!);
      this.rawInteractions.set(id, packet.d);
    } else if (packet.t === "MESSAGE_CREATE") {
      intake.message(packet.d);
    }
  }
}
