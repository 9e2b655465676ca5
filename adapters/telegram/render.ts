// OutboundMessage → Telegram sendMessage arguments (parse_mode HTML). Plain strings are escaped
// (&, <, >), so user text — a display name, a mission title — can never open a tag or a link; only
// explicit link nodes become <a>, and only for http, https and tg URLs (quotes escaped in href).
// Long messages are split under Telegram's 4096-character limit at line/paragraph boundaries;
// a single over-long line is cut between characters with every tag closed in each piece.
import { withoutMentionMarks } from "../../src/engine/mention.js";
// Telegram has no native timestamps: the date as written for the reader, with its relative hint.
import { timeText } from "../../src/engine/message.js";
import { t, tb, type Locale } from "../../src/i18n/translate.js";
import type { Block, Button, InboundEvent, Inline, OutboundMessage } from "../adapter.js";
import { encodeCallbackData } from "./mapper.js";

export const MAX_MESSAGE_LENGTH = 4096;

export type InlineKeyboardButton = { text: string; callback_data: string } | { text: string; url: string };

export interface TelegramMessage {
  text: string;
  parse_mode: "HTML";
  reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
  link_preview_options?: { is_disabled: true };
}

export interface Rendered {
  messages: TelegramMessage[];
  /** buttons that could not be rendered (unsafe URL, callback data over 64 bytes) */
  droppedButtons: number;
}

export function escapeHtml(text: string): string {
  // Actor marks (src/engine/mention.ts) show as the plain id here: Telegram has no user ids to mention.
  return withoutMentionMarks(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

/** http, https and tg links only: no javascript:, data:, file: … */
export function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return ["http:", "https:", "tg:"].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A run of text with the tags that wrap it; cut into pieces, each piece gets its own tags. */
interface Run {
  text: string;
  open: string;
  close: string;
}

function toRun(node: Inline, now: Date): Run {
  if (typeof node === "string") return { text: node, open: "", close: "" };
  if ("bold" in node) return { text: node.bold, open: "<b>", close: "</b>" };
  if ("italic" in node) return { text: node.italic, open: "<i>", close: "</i>" };
  if ("code" in node) return { text: node.code, open: "<code>", close: "</code>" };
  if ("time" in node) return { text: timeText(node, now), open: "", close: "" };
  const href = safeUrl(node.url);
  return href ? { text: node.link, open: `<a href="${escapeAttribute(href)}">`, close: "</a>" } : { text: node.link, open: "", close: "" };
}

const renderRun = (r: Run) => (r.text ? `${r.open}${escapeHtml(r.text)}${r.close}` : "");

/** Lines of runs: a plain string's "\n" ends a line (formatted nodes keep theirs inside their tags). */
function blockLines(block: Block, now: Date): Run[][] {
  if (block.type === "list") return block.items.map((item) => [{ text: "• ", open: "", close: "" }, ...item.map((node) => toRun(node, now))]);
  const lines: Run[][] = [[]];
  for (const node of block.content) {
    const run = toRun(node, now);
    if (typeof node !== "string") {
      lines[lines.length - 1]!.push(run);
      continue;
    }
    node.split("\n").forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ text: part, open: "", close: "" });
    });
  }
  return lines;
}

/** Cuts a run into pieces whose rendering fits `limit` (never inside a surrogate pair or an entity). */
function cutRun(run: Run, limit: number): string[] {
  const budget = Math.max(1, limit - run.open.length - run.close.length);
  const pieces: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of Array.from(run.text)) {
    const cost = escapeHtml(ch).length;
    if (size + cost > budget && current) {
      pieces.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += cost;
  }
  if (current) pieces.push(current);
  return pieces.map((text) => renderRun({ ...run, text }));
}

/** Atoms: complete HTML strings that may be placed in different messages. */
function lineAtoms(line: Run[], limit: number): string[] {
  const whole = line.map(renderRun).join("");
  if (whole.length <= limit) return [whole];
  return line.flatMap((run) => cutRun(run, limit));
}

function pack(units: { sep: string; html: string }[], limit: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const { sep, html } of units) {
    if (!current) current = html;
    else if (current.length + sep.length + html.length <= limit) current += sep + html;
    else {
      chunks.push(current);
      current = html;
    }
  }
  if (current) chunks.push(current);
  return chunks.filter((c) => c.trim());
}

/** The message text as HTML chunks, each at most `limit` characters; dates relative to `now`. */
export function renderText(blocks: Block[], limit = MAX_MESSAGE_LENGTH, now = new Date()): string[] {
  const units: { sep: string; html: string }[] = [];
  blocks.forEach((block, b) => {
    blockLines(block, now).forEach((line, l) => {
      const sep = l > 0 ? "\n" : b > 0 ? "\n\n" : "";
      lineAtoms(line, limit).forEach((html, a) => units.push({ sep: a > 0 ? "" : sep, html }));
    });
  });
  return pack(units, limit);
}

function renderButton(button: Button): InlineKeyboardButton | undefined {
  if (button.url !== undefined) {
    const url = safeUrl(button.url);
    return url ? { text: button.label, url } : undefined;
  }
  const data = encodeCallbackData(button.action, button.payload);
  return data ? { text: button.label, callback_data: data } : undefined;
}

export function renderKeyboard(rows: Button[][] = []): { keyboard: InlineKeyboardButton[][]; dropped: number } {
  let dropped = 0;
  const keyboard = rows
    .map((row) =>
      row.flatMap((button) => {
        const rendered = renderButton(button);
        if (!rendered) dropped++;
        return rendered ? [rendered] : [];
      }),
    )
    .filter((row) => row.length > 0);
  return { keyboard, dropped };
}

/**
 * Buttons that open the private chat with a start payload (Button.start) become deep links
 * `https://t.me/<bot>?start=<payload>`; unchanged when the bot's link is not known yet.
 */
export function withStartLinks(msg: OutboundMessage, privateChatLink: string | undefined): OutboundMessage {
  if (!privateChatLink || !msg.buttons?.some((row) => row.some((b) => b.start && !b.url))) return msg;
  const resolve = (b: Button): Button => (b.start && !b.url && DEEP_LINK_PAYLOAD.test(b.start) ? { ...b, url: `${privateChatLink}?start=${b.start}` } : b);
  return { ...msg, buttons: msg.buttons.map((row) => row.map(resolve)) };
}

/** What Telegram accepts as a deep-link payload (t.me/<bot>?start=…). */
export const DEEP_LINK_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** The answer to a private command in a group: a link (and button) to the private chat. */
export function privateOnlyReply(event: InboundEvent, locale: Locale, privateChatLink: string): OutboundMessage {
  // "/start CODE" in a group: the link carries the code, so the private chat starts the join.
  const p = event.payload;
  const code = p.type === "command" && p.name === "start" ? p.args[0] : undefined;
  const link = code && DEEP_LINK_PAYLOAD.test(code) ? `${privateChatLink}?start=${code}` : privateChatLink;
  return {
    blocks: tb(locale, "telegram.group.private_only", { link }),
    buttons: [[{ action: "telegram.open_private", label: t(locale, "telegram.group.open_private"), url: link }]],
    disablePreview: true,
  };
}

/** One or more sendMessage argument sets; the keyboard goes on the last one. Dates get a hint
 * relative to `now` (the adapter's clock). */
export function renderMessage(msg: OutboundMessage, { limit = MAX_MESSAGE_LENGTH, now = new Date() }: { limit?: number; now?: Date } = {}): Rendered {
  const blocks = msg.blocks.length || !msg.form ? msg.blocks : [{ type: "paragraph" as const, content: [msg.form.title] }];
  const { keyboard, dropped } = renderKeyboard(msg.buttons);
  const texts = renderText(blocks, limit, now);
  // Telegram refuses an empty text: a keyboard alone still needs something to hang on.
  if (!texts.length && keyboard.length) texts.push("⬇️");
  const messages = texts.map((text, i): TelegramMessage => ({
    text,
    parse_mode: "HTML",
    ...(msg.disablePreview ? { link_preview_options: { is_disabled: true as const } } : {}),
    ...(i === texts.length - 1 && keyboard.length ? { reply_markup: { inline_keyboard: keyboard } } : {}),
  }));
  return { messages, droppedButtons: dropped };
}
