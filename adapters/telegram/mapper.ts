// Pure mapping of Telegram Bot API Update JSON to the engine's InboundEvent (no grammY objects, so
// it is tested on recorded payloads). Everything the engine must not see — edits, channel posts,
// other bots, commands addressed to another bot, messages that are neither text nor a photo or file — maps to `ignored` with a
// reason; a callback query is always reported (even when ignored) because it must be answered.
import { z } from "zod";
import { conversationKey, type InboundEvent, type InboundFile, type InboundPayload } from "../../src/engine/events.js";

const userSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
type TelegramUser = z.infer<typeof userSchema>;

const chatSchema = z.object({
  id: z.number().int(),
  type: z.enum(["private", "group", "supergroup", "channel"]),
});

const messageSchema = z.object({
  message_id: z.number().int(),
  from: userSchema.optional(),
  chat: chatSchema,
  text: z.string().optional(),
  caption: z.string().optional(),
  /** the sizes of one photo, smallest first; Telegram re-encodes photos as JPEG */
  photo: z.array(z.object({ file_id: z.string().min(1), file_size: z.number().int().optional() })).optional(),
  document: z.object({ file_id: z.string().min(1), file_name: z.string().optional(), mime_type: z.string().optional(), file_size: z.number().int().optional() }).optional(),
});

const keyboardButtonSchema = z.union([
  z.object({ text: z.string(), callback_data: z.string() }),
  z.object({ text: z.string(), url: z.string() }),
]);

const callbackQuerySchema = z.object({
  id: z.string().min(1),
  from: userSchema,
  message: z
    .object({
      message_id: z.number().int(),
      chat: chatSchema,
      text: z.string().optional(),
      reply_markup: z.object({ inline_keyboard: z.array(z.array(z.unknown())) }).optional(),
    })
    .optional(),
  data: z.string().optional(),
});

const updateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});

/** The message a tapped button was on: what it shows now (edits that change nothing are skipped). */
export interface TappedMessage {
  messageId: number;
  text?: string;
  keyboard: z.infer<typeof keyboardButtonSchema>[][];
}

export type MappedUpdate =
  | { kind: "event"; event: InboundEvent; chatId: string; callbackQueryId?: string; source?: TappedMessage }
  | { kind: "ignored"; reason: string; callbackQueryId?: string };

export interface MapOptions {
  /** the bot's username (without @): commands addressed to another bot are ignored */
  botUsername?: string;
  now: Date;
}

/** Commands answered in group chats; everything else points the user to the private chat. */
export const GROUP_COMMANDS: ReadonlySet<string> = new Set(["leaderboard", "missions"]);
/** Buttons of those answers that work in the group too: turning the /missions page. */
export const GROUP_ACTIONS: ReadonlySet<string> = new Set(["missions.page"]);

/** Telegram callback_data is at most 64 bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

export function mapUpdate(raw: unknown, options: MapOptions): MappedUpdate {
  const parsed = updateSchema.safeParse(raw);
  if (!parsed.success) return { kind: "ignored", reason: "unsupported update" };
  const update = parsed.data;
  const id = `telegram:${update.update_id}`;
  if (update.callback_query) return mapCallback(update.callback_query, id, raw, options.now);
  if (!update.message) return { kind: "ignored", reason: "not a new message or button tap (edit, channel post, …)" };

  const msg = update.message;
  if (msg.chat.type === "channel") return { kind: "ignored", reason: "channel" };
  if (!msg.from) return { kind: "ignored", reason: "no sender" };
  if (msg.from.is_bot) return { kind: "ignored", reason: "sent by a bot" };
  const files = filesOf(msg);
  if (files.length) {
    // A photo or file (a screenshot as proof): its caption is the text, never a command.
    const event = buildEvent(id, msg.chat, msg.from, { type: "text", text: msg.caption ?? "" }, raw, options.now);
    return { kind: "event", chatId: String(msg.chat.id), event: { ...event, attachments: files } };
  }
  if (msg.text === undefined) return { kind: "ignored", reason: "not a text message" };
  const payload = parseText(msg.text, options.botUsername);
  if (!payload) return { kind: "ignored", reason: "command for another bot" };
  return { kind: "event", chatId: String(msg.chat.id), event: buildEvent(id, msg.chat, msg.from, payload, raw, options.now) };
}

/** The largest size of a photo, or the document, as the engine's file references. */
function filesOf(msg: z.infer<typeof messageSchema>): InboundFile[] {
  const largest = msg.photo?.at(-1);
  if (largest) return [{ ref: largest.file_id, kind: "photo", mimeType: "image/jpeg", ...(largest.file_size !== undefined ? { sizeBytes: largest.file_size } : {}) }];
  const d = msg.document;
  if (!d) return [];
  return [{
    ref: d.file_id, kind: "document", mimeType: d.mime_type ?? "application/octet-stream",
    ...(d.file_size !== undefined ? { sizeBytes: d.file_size } : {}), ...(d.file_name ? { fileName: d.file_name } : {}),
  }];
}

function mapCallback(cb: z.infer<typeof callbackQuerySchema>, id: string, raw: unknown, now: Date): MappedUpdate {
  const callbackQueryId = cb.id;
  if (cb.from.is_bot) return { kind: "ignored", reason: "sent by a bot", callbackQueryId };
  if (!cb.message) return { kind: "ignored", reason: "button on an inline message", callbackQueryId };
  if (cb.message.chat.type === "channel") return { kind: "ignored", reason: "channel", callbackQueryId };
  const action = cb.data === undefined ? undefined : decodeCallbackData(cb.data);
  if (!action) return { kind: "ignored", reason: "unknown button data", callbackQueryId };
  const messageId = cb.message.message_id;
  const payload: InboundPayload = {
    type: "action",
    id: action.action,
    ...(action.payload !== undefined ? { payload: action.payload } : {}),
    messageId: String(messageId),
  };
  // Buttons of other shapes (login, web app) are not ours to compare: they count as "different".
  const keyboard = (cb.message.reply_markup?.inline_keyboard ?? []).map((row) =>
    row.map((b) => keyboardButtonSchema.safeParse(b)).map((r) => (r.success ? r.data : { text: "", url: "" })),
  );
  return {
    kind: "event",
    chatId: String(cb.message.chat.id),
    callbackQueryId,
    source: { messageId, ...(cb.message.text !== undefined ? { text: cb.message.text } : {}), keyboard },
    event: buildEvent(id, cb.message.chat, cb.from, payload, raw, now),
  };
}

function buildEvent(
  id: string,
  chat: z.infer<typeof chatSchema>,
  from: TelegramUser,
  payload: InboundPayload,
  raw: unknown,
  now: Date,
): InboundEvent {
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ");
  return {
    id,
    platform: "telegram",
    conversation: conversationKey("telegram", String(chat.id)),
    chatType: chat.type === "private" ? "private" : "group",
    author: {
      id: String(from.id),
      ...(name ? { name } : {}),
      ...(from.username ? { username: from.username } : {}),
      ...(from.language_code ? { locale: from.language_code } : {}),
      isBot: false,
    },
    payload,
    receivedAt: now,
    raw,
  };
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

/**
 * "/start CODE" (a deep link arrives exactly like this), "/points@advo_bot" → command; anything else
 * is text. Undefined when the command is addressed to another bot (group chats with several bots).
 */
export function parseText(text: string, botUsername?: string): InboundPayload | undefined {
  const m = COMMAND.exec(text.trim());
  if (!m) return { type: "text", text };
  const [, name = "", target, rest = ""] = m;
  if (target && botUsername && target.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  const argText = rest.trim();
  return { type: "command", name: name.toLowerCase(), args: argText ? argText.split(/\s+/) : [], argText };
}

/** `action:payload` — the action id never contains ":"; the payload may. */
export function encodeCallbackData(action: string, payload?: string): string | undefined {
  if (!action || action.includes(":")) return undefined;
  const data = `${action}:${payload ?? ""}`;
  return Buffer.byteLength(data, "utf8") <= MAX_CALLBACK_DATA_BYTES ? data : undefined;
}

export function decodeCallbackData(data: string): { action: string; payload?: string } | undefined {
  const colon = data.indexOf(":");
  if (colon <= 0) return undefined;
  const payload = data.slice(colon + 1);
  return { action: data.slice(0, colon), ...(payload ? { payload } : {}) };
}

/**
 * Group chats get the read-only look-ups; private flows (onboarding, submit, …) are pointed to the
 * private chat; chatter in the group is not the bot's business.
 */
export function groupRoute(event: InboundEvent): "handle" | "point-private" | "ignore" {
  if (event.chatType === "private") return "handle";
  const p = event.payload;
  if (p.type === "command") return GROUP_COMMANDS.has(p.name) ? "handle" : "point-private";
  if (p.type === "action") return GROUP_ACTIONS.has(p.id) ? "handle" : "point-private";
  return "ignore";
}
