// The platform-neutral outbound message. Plain strings are ALWAYS literal text: every renderer
// escapes them, so user-supplied text can never inject formatting, mentions or links.
// Formatting exists only as explicit nodes (bold, italic, code, link) built by the engine.

import { withoutMentionMarks } from "./mention.js";
import { formatDate, relativeHint, type DateReader } from "../i18n/dates.js";
export type Inline =
  | string
  | { bold: string }
  | { italic: string }
  | { code: string }
  | { link: string; url: string }
  /**
   * A moment in time: `time` is it formatted for the reader (locale, time zone), `at` the ISO
   * instant. Each renderer shows it its own way: Discord `<t:unix:f>` in each reader's zone, Slack
   * `<!date^…>`, Telegram the text with a relative hint in `locale` ("in 2 days"). With `style:
   * "date"` only the day is shown, without the hint (a history line, a list of items).
   */
  | TimeNode;

export interface TimeNode {
  time: string;
  at: string;
  /** the reader's language, for a relative hint the renderer adds ("dans 2 jours") */
  locale?: string;
  /** "date": the day alone, no time and no relative hint; absent: date, time and the hint */
  style?: TimeStyle;
}

export type TimeStyle = "date";

export type Block =
  | { type: "paragraph"; content: Inline[] }
  | { type: "list"; items: Inline[][] };

export interface Button {
  /** action id the engine routes on, e.g. "mission.accept" (≤ 32 chars) */
  action: string;
  label: string;
  /** short opaque payload, e.g. a mission id (≤ 24 chars so every platform can carry it) */
  payload?: string;
  style?: "primary" | "danger";
  /** a URL button opens a link instead of sending an action */
  url?: string;
  /**
   * In a group chat: a platform that can open the private chat with a start payload (Telegram's
   * `t.me/<bot>?start=<start>`) turns the button into that link; the others keep the action.
   */
  start?: string;
  /**
   * Ask before acting (a destructive or mass action): platforms with a native dialog show it
   * (Slack's `confirm`); the others act on the press.
   */
  confirm?: { title: string; text: string; yes: string; no: string };
}

export interface FormField {
  id: string;
  label: string;
  /** url: a text input the platform may check as a URL (Slack url_text_input) */
  kind: "text" | "multiline" | "select" | "url";
  required: boolean;
  initial?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
  /** client-side length limits where the platform checks them before sending (Discord text inputs) */
  minLength?: number;
  maxLength?: number;
  /** per-field validation error to show (forms re-rendered after a bad submission) */
  error?: string;
}

/** A modal form; adapters without forms (Telegram, console) get an equivalent text flow. */
export interface FormSpec {
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** opaque state carried through the form round trip */
  state?: string;
  /**
   * Buttons inside the form, apart from submit (the tier modal's Remove): a Slack modal shows them
   * under the fields, and a press is an ordinary action; platforms whose forms hold only inputs
   * leave them out, so the same action must be reachable another way (e.g. a command).
   */
  buttons?: Button[];
}

/** A file sent with a message: the /mydata export (JSON text), a chart (PNG, base64). */
export interface Attachment {
  filename: string;
  mimeType: string;
  /** UTF-8 text, or the bytes in base64 when `encoding` is "base64" */
  content: string;
  encoding?: "base64";
  /** what an image shows, for screen readers (Slack's alt text) */
  altText?: string;
}

/** The file's bytes, whatever its encoding. */
export function attachmentBytes(file: Attachment): Buffer {
  return Buffer.from(file.content, file.encoding === "base64" ? "base64" : "utf8");
}

export interface OutboundMessage {
  blocks: Block[];
  /**
   * a file to send after the text (capability: files). Telegram sends a document, Discord an
   * attachment, Slack an uploaded file; the console prints it.
   */
  attachment?: Attachment;
  /** rows of buttons */
  buttons?: Button[][];
  /** no link previews (mission cards) */
  disablePreview?: boolean;
  /**
   * Show it as one card where the platform has them (a Discord embed: a first paragraph that is
   * all bold becomes its title, the rest its description); elsewhere it is the message as is.
   */
  card?: boolean;
  /**
   * Not text: a change of the person's membership role where the platform has one (Discord's
   * DISCORD_MEMBER_ROLE_ID, queued in the outbox so it is retried when Discord is down).
   */
  membership?: "grant" | "revoke";
  /** visible only to the author where the platform supports it (Discord, Slack in channels) */
  ephemeral?: boolean;
  /** ask the adapter to open this form (capability: forms) */
  form?: FormSpec;
  /**
   * Only for the answer to a button: edit the message the button was on instead of posting.
   * "message" replaces its text and buttons; "buttons" keeps its text and replaces only the
   * buttons (none: removed). Adapters that cannot edit post the message (or skip "buttons").
   */
  replace?: "message" | "buttons";
}

export const MAX_ACTION_LENGTH = 32;
export const MAX_PAYLOAD_LENGTH = 24;

// Small builders so engine code reads like the message it builds.
export const bold = (text: string): Inline => ({ bold: text });
export const italic = (text: string): Inline => ({ italic: text });
export const code = (text: string): Inline => ({ code: text });
export const link = (text: string, url: string): Inline => ({ link: text, url });
export const time = (text: string, at: Date, locale?: string, style?: TimeStyle): Inline => ({ time: text, at: at.toISOString(), ...(locale ? { locale } : {}), ...(style ? { style } : {}) });
/** A day alone in the reader's zone, shown natively (Discord `<t:…:D>`, Slack `{date_short}`), without time or hint. */
export const day = (at: Date, reader: DateReader): Inline => time(formatDate(at, reader), at, reader.locale, "date");
export const paragraph = (...content: Inline[]): Block => ({ type: "paragraph", content });
export const list = (items: Inline[][]): Block => ({ type: "list", items });

export function message(blocks: Block[], extra: Omit<OutboundMessage, "blocks"> = {}): OutboundMessage {
  return { blocks, ...extra };
}

export function textMessage(text: string): OutboundMessage {
  return { blocks: [paragraph(text)] };
}

/**
 * A time node for a platform without native timestamps (Telegram, the console): the date as
 * written for the reader (their zone), with how far it is in their language, "7 Jan 2026, 14:00
 * CET (in 2 days)". A day alone (style "date", a history line) gets no hint.
 */
export function timeText(node: TimeNode, now: Date): string {
  const at = new Date(node.at);
  if (!node.locale || node.style === "date" || !Number.isFinite(at.getTime())) return node.time;
  return `${node.time} (${relativeHint(at, now, node.locale)})`;
}

/** Plain-text rendering (console, logs, notification previews). */
export function inlineToPlain(node: Inline): string {
  if (typeof node === "string") return node;
  if ("bold" in node) return node.bold;
  if ("italic" in node) return node.italic;
  if ("code" in node) return node.code;
  if ("time" in node) return node.time;
  return `${node.link} (${node.url})`;
}

/** The message as plain text. */
export function toPlainText(msg: OutboundMessage): string {
  return withoutMentionMarks(toMarkedPlainText(msg));
}

/** The message as plain text with marked actors kept, for a renderer that turns them into mentions (Slack). */
export function toMarkedPlainText(msg: OutboundMessage): string {
  return (msg.blocks
    .map((b) =>
      b.type === "paragraph"
        ? b.content.map(inlineToPlain).join("")
        : b.items.map((item) => `• ${item.map(inlineToPlain).join("")}`).join("\n"),
    )
    .join("\n\n"));
}
