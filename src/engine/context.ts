// What a handler sees for one inbound event: the event, the services' deps, the user's locale,
// who is talking (actor, linked influencer), the conversation's flow state, and reply helpers.
// Replies are collected and returned to the adapter as the direct answer to the event.
import type { Locale } from "../config.js";
import type { Deps } from "../services/deps.js";
import type { Params } from "../i18n/translate.js";
import type { InboundEvent } from "./events.js";
import type { OutboundMessage } from "./message.js";
import type { Influencer } from "../db/generated/sqlite/client.js";

export type { Influencer };

/** The conversation's state machine position (stored in the Conversation row). */
export interface FlowState {
  flow: string;
  step: string;
  data: Record<string, unknown>;
  /** optimistic concurrency: every write bumps it and requires the version it read */
  version: number;
  expiresAt: Date | null;
}

export interface FlowApi {
  /** the active flow, or null (expired flows read as null) */
  readonly current: FlowState | null;
  /** enter a flow at a step (replaces any active flow) */
  start(flow: string, step: string, data?: Record<string, unknown>, ttlMs?: number): Promise<void>;
  /** move the active flow to another step; data is merged into the stored data */
  goto(step: string, data?: Record<string, unknown>): Promise<void>;
  /** merge data without changing step */
  update(data: Record<string, unknown>): Promise<void>;
  /** leave the flow */
  end(): Promise<void>;
}

export interface ReplyExtra {
  buttons?: OutboundMessage["buttons"];
  disablePreview?: boolean;
  ephemeral?: boolean;
  /** answer to a button: edit the message it was on (see OutboundMessage.replace) */
  replace?: OutboundMessage["replace"];
  /** a form the platform may open instead of (or next to) this message's text question */
  form?: OutboundMessage["form"];
}

export interface Context {
  readonly event: InboundEvent;
  readonly deps: Deps;
  /** user's choice > platform hint > DEFAULT_LOCALE; setLocale() changes it for this event too */
  locale: Locale;
  /** IANA zone dates are shown in: Influencer.timezone > platform hint > JOBS_TZ (see zoneOf) */
  timeZone: string;
  /** a date and time in the user's locale and zone, with the zone's short name */
  date(d: Date): string;
  /** `platform:userId` — used for audit logs and manager checks */
  readonly actor: string;
  /** the influencer linked to this platform account (null before joining or after /deleteme) */
  influencer: Influencer | null;
  readonly flow: FlowApi;
  /** replies collected so far */
  readonly replies: OutboundMessage[];
  reply(message: OutboundMessage): void;
  /** reply with a translated message id (rich: **bold**, lists) */
  replyWith(messageId: string, params?: Params, extra?: ReplyExtra): void;
  /** translate to plain text in the user's locale (button labels) */
  t(messageId: string, params?: Params): string;
  /** re-read the linked influencer (after a service changed or created it) */
  reloadInfluencer(): Promise<Influencer | null>;
  /** change the locale for this event's remaining replies (after /language) */
  setLocale(locale: Locale): void;
}

export type Handler = (ctx: Context) => Promise<void> | void;
export type Next = () => Promise<void>;
export type Middleware = (ctx: Context, next: Next) => Promise<void> | void;
