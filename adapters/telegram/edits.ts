// Answers to a button that edit the message it was on (OutboundMessage.replace). Pure: decides the
// Bot API call from the reply and what the callback query says the message holds now. An edit
// that would change nothing is not sent at all (Telegram answers 400 "message is not modified").
import type { OutboundMessage } from "../adapter.js";
import { renderKeyboard, renderMessage, type InlineKeyboardButton } from "./render.js";

/** The message a button was on, as the callback query carries it. */
export interface SourceMessage {
  messageId: number;
  /** its text as Telegram stores it (entities stripped) */
  text?: string;
  keyboard: InlineKeyboardButton[][];
}

export type EditCall =
  | { method: "editMessageText"; text: string; options: Record<string, unknown> }
  | { method: "editMessageReplyMarkup"; options: Record<string, unknown> }
  | { method: "none" }
  /** the reply cannot be an edit (too long for one message): post it instead */
  | { method: "send" };

/** HTML → the text Telegram keeps after parsing (what a callback query shows us). */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function sameKeyboard(a: InlineKeyboardButton[][], b: InlineKeyboardButton[][]): boolean {
  return JSON.stringify(a.filter((r) => r.length)) === JSON.stringify(b.filter((r) => r.length));
}

export function editFor(reply: OutboundMessage, source: SourceMessage, now = new Date()): EditCall {
  if (reply.replace === "buttons") {
    const { keyboard } = renderKeyboard(reply.buttons ?? []);
    if (sameKeyboard(keyboard, source.keyboard)) return { method: "none" };
    // Without reply_markup the keyboard is removed.
    return { method: "editMessageReplyMarkup", options: keyboard.length ? { reply_markup: { inline_keyboard: keyboard } } : {} };
  }
  const { messages } = renderMessage(reply, { now });
  const [only] = messages;
  if (!only || messages.length > 1) return { method: "send" };
  const keyboard = only.reply_markup?.inline_keyboard ?? [];
  if (source.text !== undefined && visibleText(only.text) === source.text && sameKeyboard(keyboard, source.keyboard)) return { method: "none" };
  const { text, ...options } = only;
  return { method: "editMessageText", text, options: { ...options, ...(keyboard.length ? {} : { reply_markup: { inline_keyboard: [] } }) } };
}
