// Console rendering: bot messages as readable plain text, buttons as numbered choices.
import type { Block, Button, Inline, OutboundMessage } from "../adapter.js";
import { timeText } from "../../src/engine/message.js";

// Dates read like Telegram's (no native timestamps in a terminal): the reader's text and "in 2 days".
function inline(node: Inline, now: Date): string {
  if (typeof node === "string") return node;
  if ("bold" in node) return node.bold.toUpperCase() === node.bold ? node.bold : `*${node.bold}*`;
  if ("italic" in node) return `_${node.italic}_`;
  if ("code" in node) return node.code;
  if ("time" in node) return timeText(node, now);
  return `${node.link} <${node.url}>`;
}

function block(b: Block, now: Date): string {
  const line = (nodes: Inline[]) => nodes.map((node) => inline(node, now)).join("");
  if (b.type === "paragraph") return line(b.content);
  return b.items.map((item) => `  • ${line(item)}`).join("\n");
}

export interface RenderedMessage {
  text: string;
  /** the buttons in the order of their numbers (1-based on screen) */
  choices: Button[];
}

/** Renders one message; `firstNumber` continues numbering across the messages of one reply; dates are relative to `now`. */
export function renderConsoleMessage(msg: OutboundMessage, firstNumber = 1, now = new Date()): RenderedMessage {
  // A list right after a paragraph stays attached to it (its heading); other blocks get a blank line.
  let body = "";
  msg.blocks.forEach((b, i) => {
    if (i > 0) body += b.type === "list" && msg.blocks[i - 1]?.type === "paragraph" ? "\n" : "\n\n";
    body += block(b, now);
  });
  const lines = body ? [body] : [];
  const choices: Button[] = [];
  for (const row of msg.buttons ?? []) {
    const cells = row.map((b) => {
      if (b.url) return `[${b.label}: ${b.url}]`;
      choices.push(b);
      return `[${firstNumber + choices.length - 1}] ${b.label}`;
    });
    lines.push(cells.join("  "));
  }
  if (msg.form) lines.push(`(form "${msg.form.title}" — not available in the console)`);
  // A terminal has no file to hand over: the file's name and its content are printed.
  // A binary file (a chart) is named with its size and described by its alt text, never dumped.
  const file = msg.attachment;
  if (file) lines.push(`📎 ${file.filename} (${file.mimeType})\n${file.encoding === "base64" ? `${Buffer.byteLength(file.content, "base64")} bytes${file.altText ? `\n${file.altText}` : ""}` : file.content}`);
  return { text: lines.join("\n\n"), choices };
}
