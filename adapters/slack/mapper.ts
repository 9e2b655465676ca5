// Slack payloads → InboundEvent (pure). Each mapper validates the part of the payload it reads
// with zod and also returns where the replies go (SlackReply), because Slack answers differ by
// origin: a slash command answers in its ack, a button on a channel card updates the card, a
// modal answers with field errors or closes.
import { z } from "zod";
import { conversationKey, type InboundEvent } from "../../src/engine/events.js";
import { decodeOrigin, viewStateSchema, viewValues, type ModalOrigin } from "./modal.js";
import { decodeActionId } from "./render.js";

/** The form's opaque state comes back in this value of a form submission. */
export const FORM_STATE_FIELD = "_state";

export interface SlackReply {
  kind: "message" | "command" | "action" | "view";
  user: string;
  channel?: string;
  thread?: string;
  /** direct message with the bot (an "im" channel) */
  direct: boolean;
  triggerId?: string;
  responseUrl?: string;
  /** ts of the bot message whose button was pressed (a card to update) */
  messageTs?: string;
  /** that message as Slack sent it with the press: a buttons-only answer keeps its text */
  sourceMessage?: { text: string; blocks: unknown[] };
  /** modal submissions: what the form remembered */
  origin?: ModalOrigin;
}

export interface MappedEvent {
  event: InboundEvent;
  reply: SlackReply;
}

/** Slack DM channel ids start with D; conversations.info would say is_im but costs a call. */
export const isDirectChannel = (channel: string | undefined): boolean => !!channel && channel.startsWith("D");

const messageEventSchema = z.object({
  type: z.literal("message"),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: z.string().min(1),
  text: z.string().default(""),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  /** subtype file_share: files sent with the message (a screenshot as proof, issue 13) */
  files: z.array(z.object({ id: z.string().min(1), name: z.string().optional(), mimetype: z.string().optional(), size: z.number().int().optional() })).optional(),
});

const eventEnvelopeSchema = z.object({ event_id: z.string().min(1), event: z.unknown() });

/**
 * Slack's message markup back to what the person typed, before the engine reads it: links
 * `<https://…>` / `<https://…|label>` become the URL (a pasted post link, a profile link in
 * onboarding), `<@U123>` / `<@U123|ana>` a mention, `<#C1|general>` a channel name, `<!here>`
 * `@here`, and `&lt; &gt; &amp;` their characters (decoded last, so `&amp;lt;` stays `&lt;`).
 */
export function unwrapSlackText(text: string): string {
  return text
    .replace(/<([^<>|]+)(?:\|([^<>]*))?>/g, (_all, target: string, label: string | undefined) => {
      if (target.startsWith("@")) return label ? `@${label}` : target;
      if (target.startsWith("#")) return label ? `#${label}` : target;
      if (target.startsWith("!")) return label ?? `@${target.slice(1).split("^")[0]}`;
      if (/^(https?|ftp):/i.test(target)) return target;
      return label ?? target.replace(/^mailto:/i, "");
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * A direct message to the bot → text event. Edits, joins and bot messages (subtypes, bot_id) and
 * messages in channels (the console there is the slash command) are ignored.
 */
export function mapMessageEvent(body: unknown, botUserId: string | undefined, receivedAt: Date): MappedEvent | undefined {
  const envelope = eventEnvelopeSchema.safeParse(body);
  if (!envelope.success) return undefined;
  const parsed = messageEventSchema.safeParse(envelope.data.event);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  if (e.bot_id || (e.subtype && e.subtype !== "file_share") || e.user === botUserId) return undefined;
  const direct = e.channel_type === "im" || isDirectChannel(e.channel);
  if (!direct) return undefined;
  return {
    event: {
      id: `slack:${envelope.data.event_id}`,
      platform: "slack",
      conversation: conversationKey("slack", e.channel, e.thread_ts),
      chatType: "private",
      author: { id: e.user, isBot: false },
      payload: { type: "text", text: unwrapSlackText(e.text).trim() },
      // Only the file id is kept: the bytes stay on Slack (files.info + url_private with the bot token).
      ...(e.files?.length ? {
        attachments: e.files.map((f) => ({
          ref: f.id, kind: f.mimetype?.startsWith("image/") ? "photo" as const : "document" as const, mimeType: f.mimetype ?? "application/octet-stream",
          ...(f.size !== undefined ? { sizeBytes: f.size } : {}), ...(f.name ? { fileName: f.name } : {}),
        })),
      } : {}),
      receivedAt,
      raw: body,
    },
    reply: { kind: "message", user: e.user, channel: e.channel, direct: true, ...(e.thread_ts ? { thread: e.thread_ts } : {}) },
  };
}

const slashSchema = z.object({
  command: z.string().min(2),
  text: z.string().default(""),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});

/**
 * `/advo <sub> args…` → command "advo" with args [sub, …] and argText "<sub> args…"; the engine
 * routes the sub-command. An empty `/advo` has no args (the engine answers with help).
 */
export function mapSlashCommand(body: unknown, receivedAt: Date): MappedEvent | undefined {
  const parsed = slashSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const argText = unwrapSlackText(c.text).trim();
  const direct = isDirectChannel(c.channel_id);
  return {
    event: {
      id: `slack:cmd:${c.trigger_id}`,
      platform: "slack",
      conversation: conversationKey("slack", c.channel_id),
      chatType: direct ? "private" : "group",
      author: { id: c.user_id, ...(c.user_name ? { username: c.user_name } : {}), isBot: false },
      payload: { type: "command", name: c.command.replace(/^\//, "").toLowerCase(), args: argText ? argText.split(/\s+/) : [], argText },
      receivedAt,
      raw: body,
    },
    reply: { kind: "command", user: c.user_id, channel: c.channel_id, direct, triggerId: c.trigger_id, ...(c.response_url ? { responseUrl: c.response_url } : {}) },
  };
}

const blockActionsSchema = z.object({
  type: z.literal("block_actions"),
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({ type: z.string(), message_ts: z.string().optional(), channel_id: z.string().optional(), thread_ts: z.string().optional() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional(), text: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
  response_url: z.string().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() })).min(1),
  /** a button inside a modal: the modal, whose private_metadata says where it was opened from */
  view: z.object({ private_metadata: z.string().optional() }).optional(),
});

/** A button press → action event (URL buttons, which Slack also reports, are ignored). */
export function mapBlockAction(body: unknown, receivedAt: Date): MappedEvent | undefined {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  const action = a.actions[0]!;
  const id = decodeActionId(action.action_id);
  if (!id) return undefined;
  // A button in a modal comes with no channel: answer where the modal was opened from.
  const origin = a.view ? decodeOrigin(a.view.private_metadata) : {};
  const channel = a.channel?.id ?? a.container?.channel_id ?? origin.channel;
  const messageTs = a.container?.message_ts ?? a.message?.ts;
  const thread = a.container?.thread_ts ?? a.message?.thread_ts ?? origin.thread;
  const direct = isDirectChannel(channel);
  return {
    event: {
      id: `slack:act:${a.trigger_id}`,
      platform: "slack",
      conversation: channel ? conversationKey("slack", channel, thread) : `slack:${a.user.id}`,
      chatType: direct || !channel ? "private" : "group",
      author: { id: a.user.id, ...(a.user.username ? { username: a.user.username } : {}), ...(a.user.name ? { name: a.user.name } : {}), isBot: false },
      payload: { type: "action", id, ...(action.value !== undefined ? { payload: action.value } : {}), ...(messageTs ? { messageId: messageTs } : {}) },
      receivedAt,
      raw: body,
    },
    reply: {
      kind: "action", user: a.user.id, direct, triggerId: a.trigger_id,
      ...(channel ? { channel } : {}), ...(thread ? { thread } : {}), ...(messageTs ? { messageTs } : {}), ...(a.response_url ? { responseUrl: a.response_url } : {}),
      ...(a.message?.blocks ? { sourceMessage: { text: a.message.text ?? "", blocks: a.message.blocks } } : {}),
    },
  };
}

const viewSubmissionSchema = z.object({
  type: z.literal("view_submission"),
  trigger_id: z.string().optional(),
  user: z.object({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional() }),
  view: z.object({
    id: z.string().min(1),
    hash: z.string().optional(),
    callback_id: z.string().min(1),
    private_metadata: z.string().optional(),
    state: z.object({ values: viewStateSchema }),
  }),
});

/** A modal submit → form event; the FormSpec state comes back as `values._state`. */
export function mapViewSubmission(body: unknown, receivedAt: Date): MappedEvent | undefined {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  const origin = decodeOrigin(v.view.private_metadata);
  const values = viewValues(v.view.state.values);
  // The form's opaque state travels as the reserved value "_state" (as on Discord; FormSpec
  // field ids are chosen by the engine and never start with "_").
  if (origin.state !== undefined) values[FORM_STATE_FIELD] = origin.state;
  const channel = origin.channel;
  const direct = !channel || isDirectChannel(channel);
  return {
    event: {
      // Each submit is its own interaction (its own trigger_id); the view id and hash stay the same
      // when a submission comes back with field errors and the user submits again.
      id: v.trigger_id ? `slack:view:${v.trigger_id}` : `slack:view:${v.view.id}:${receivedAt.getTime()}`,
      platform: "slack",
      conversation: channel ? conversationKey("slack", channel, origin.thread) : `slack:${v.user.id}`,
      chatType: direct ? "private" : "group",
      author: { id: v.user.id, ...(v.user.username ? { username: v.user.username } : {}), ...(v.user.name ? { name: v.user.name } : {}), isBot: false },
      payload: { type: "form", formId: v.view.callback_id, values },
      receivedAt,
      raw: body,
    },
    reply: {
      kind: "view", user: v.user.id, direct, origin, ...(v.trigger_id ? { triggerId: v.trigger_id } : {}),
      ...(channel ? { channel } : {}), ...(origin.thread ? { thread: origin.thread } : {}), ...(origin.messageTs ? { messageTs: origin.messageTs } : {}),
    },
  };
}

type CommandPayload = Extract<InboundEvent["payload"], { type: "command" }>;

/** Words people use on Slack for an engine command of another name. */
const COMMAND_ALIASES: Record<string, string> = { join: "start" };

/**
 * Slack has one slash command, `/advo`. For a manager it is the manager console (command "advo",
 * sub-command first). For anyone else `/advo <name> …` runs the engine command <name> when there
 * is one (`/advo start CODE`, `/advo missions`; `join` = `start`), bare `/advo` is `help`, and
 * anything else stays "advo" (whose handlers refuse non-managers).
 */
export function routeAdvoCommand(p: CommandPayload, manager: boolean, known: (name: string) => boolean): CommandPayload {
  if (p.name !== "advo" || manager) return p;
  const [first, ...rest] = p.args;
  if (!first) return { type: "command", name: "help", args: [], argText: "" };
  const word = first.replace(/^\//, "").toLowerCase();
  const name = known(word) ? word : COMMAND_ALIASES[word];
  if (!name || name === "advo" || !known(name)) return p;
  return { type: "command", name, args: rest, argText: p.argText.slice(p.argText.indexOf(first) + first.length).trim() };
}

/**
 * Slack clients will not send a message starting with "/" (they take it as a slash command), so
 * in a DM a first word naming an engine command is that command: "start ABC123", "missions".
 */
export function textAsCommand(text: string, known: (name: string) => boolean): CommandPayload | undefined {
  const m = /^\/?([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  const name = known(word) ? word : COMMAND_ALIASES[word];
  if (!name || !known(name)) return undefined;
  const argText = (m[2] ?? "").trim();
  return { type: "command", name, args: argText ? argText.split(/\s+/) : [], argText };
}

const memberEventSchema = z.object({
  event: z.object({ type: z.enum(["member_joined_channel", "member_left_channel"]), user: z.string(), channel: z.string() }),
});

/** member_joined_channel / member_left_channel → which channel changed (undefined otherwise). */
export function memberChange(body: unknown): { type: "joined" | "left"; user: string; channel: string } | undefined {
  const r = memberEventSchema.safeParse(body);
  if (!r.success) return undefined;
  return { type: r.data.event.type === "member_joined_channel" ? "joined" : "left", user: r.data.event.user, channel: r.data.event.channel };
}
