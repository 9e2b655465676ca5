// OutboundMessage → Slack mrkdwn and Block Kit (pure). Plain strings are literal text: `&`, `<` and
// `>` are escaped everywhere, so user text can never become a link, a mention or <!channel>.
// Slack has no escape for * _ ~ ` inside text; formatting nodes strip their own delimiter so a
// bold value can never close itself early.
import type { Block, Button, Inline, OutboundMessage } from "../adapter.js";
import { toMarkedPlainText, type TimeNode } from "../../src/engine/message.js";
import { renderMentions } from "../../src/engine/mention.js";

/** Slack users the engine named (src/engine/mention.ts) as `<@U…>`; anyone else by their id. */
const slackMentions = (text: string) => renderMentions(text, (platform, id) => (platform === "slack" && /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : undefined));

/** Slack limits (Block Kit reference). */
export const SLACK_LIMITS = {
  /** confirm dialog: title / confirm / deny 100, text 300 */
  confirmTitle: 100,
  confirmText: 300,
  sectionText: 3000,
  blocksPerMessage: 50,
  elementsPerActions: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  fallbackText: 3000,
} as const;

export type SlackBlock = Record<string, unknown>;

export interface RenderedMessage {
  /** notification / fallback text (mrkdwn, escaped) */
  text: string;
  blocks: SlackBlock[];
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Wraps text in a mrkdwn delimiter; whitespace stays outside (Slack ignores `* b*`). */
function wrap(text: string, delimiter: string, replacement: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  const inner = (m[2] ?? "").split(delimiter).join(replacement).replace(/\n/g, " ");
  if (!inner) return text;
  return `${m[1]}${delimiter}${escapeMrkdwn(inner)}${delimiter}${m[3]}`;
}

/** Slack link syntax: `|` and `>` cannot appear in the URL part. */
function safeUrl(url: string): string | undefined {
  if (!/^(https?|mailto):/i.test(url)) return undefined;
  return url.replace(/\|/g, "%7C").replace(/>/g, "%3E").replace(/</g, "%3C").replace(/&/g, "&amp;");
}

/**
 * Slack shows `<!date^unix^…|fallback>` in each reader's own zone and language ("Tomorrow 2:00 PM",
 * a day alone as "Dec 3, 2026"); the fallback is the date as written for the recipient, for
 * clients that cannot.
 */
function slackDate(node: TimeNode): string {
  const ms = Date.parse(node.at);
  if (!Number.isFinite(ms)) return escapeMrkdwn(node.time);
  const format = node.style === "date" ? "{date_short}" : "{date_short_pretty} {time}";
  return `<!date^${Math.floor(ms / 1000)}^${format}|${escapeMrkdwn(node.time).replace(/\|/g, "¦")}>`;
}

export function renderInline(node: Inline): string {
  if (typeof node === "string") return escapeMrkdwn(node);
  if ("bold" in node) return wrap(node.bold, "*", "∗");
  if ("italic" in node) return wrap(node.italic, "_", "＿");
  if ("code" in node) return wrap(node.code, "`", "ˋ");
  if ("time" in node) return slackDate(node);
  const url = safeUrl(node.url);
  const label = escapeMrkdwn(node.link.replace(/\|/g, "¦"));
  return url ? `<${url}|${label || url}>` : `${label} (${escapeMrkdwn(node.url)})`;
}

/** Splits a long literal string into pieces whose escaped length stays under `max`. */
function literalPieces(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (escapeMrkdwn(rest).length > max) {
    // Worst case every character escapes to 5 (`&amp;`): max/5 raw characters always fit.
    let cut = Math.floor(max / 5);
    const space = rest.lastIndexOf(" ", max);
    if (space > cut && escapeMrkdwn(rest.slice(0, space + 1)).length <= max) cut = space + 1;
    out.push(escapeMrkdwn(rest.slice(0, cut)));
    rest = rest.slice(cut);
  }
  if (rest) out.push(escapeMrkdwn(rest));
  return out;
}

/** One rendered piece per inline node (long literals split), so packing never cuts a `<url|text>`. */
function pieces(content: Inline[], max: number): string[] {
  const out: string[] = [];
  for (const node of content) {
    if (typeof node === "string") out.push(...literalPieces(node, max));
    else {
      const r = renderInline(node);
      out.push(r.length > max ? `${r.slice(0, max - 1)}…` : r);
    }
  }
  return out;
}

/** Greedy packing of pieces into chunks of at most `max` characters. */
function pack(parts: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const p of parts) {
    if (current.length + p.length > max && current) {
      chunks.push(current);
      current = "";
    }
    current += p;
  }
  if (current) chunks.push(current);
  return chunks;
}

export function blockToMrkdwn(block: Block, max: number = SLACK_LIMITS.sectionText): string[] {
  if (block.type === "paragraph") return pack(pieces(block.content, max), max);
  const lines = block.items.map((item, i) => `${i ? "\n" : ""}• ${item.map(renderInline).join("")}`);
  return pack(lines.flatMap((l) => (l.length > max ? literalPieces(l, max) : [l])), max);
}

/** The whole message as one mrkdwn string (slash-command text, fallback text). */
export function toMrkdwn(msg: OutboundMessage): string {
  return msg.blocks.map((b) => blockToMrkdwn(b, Number.MAX_SAFE_INTEGER).join("")).join("\n\n");
}

/** Button action ids must be unique within a block: `<action>~<n>`; URL buttons use `_url~<n>`. */
export function encodeActionId(button: Button, index: number): string {
  return button.url ? `_url~${index}` : `${button.action.slice(0, SLACK_LIMITS.actionId - 6)}~${index}`;
}

/** The engine's action id from a Slack action_id (undefined for URL buttons). */
export function decodeActionId(actionId: string): string | undefined {
  if (actionId.startsWith("_url~")) return undefined;
  return actionId.replace(/~\d+$/, "");
}

function plain(text: string, max: number): { type: "plain_text"; text: string; emoji: true } {
  const t = text.trim() || "…";
  return { type: "plain_text", text: t.length > max ? `${t.slice(0, max - 1)}…` : t, emoji: true };
}

function buttonElement(button: Button, index: number): SlackBlock {
  const el: SlackBlock = { type: "button", action_id: encodeActionId(button, index), text: plain(button.label, SLACK_LIMITS.buttonText) };
  if (button.url) el.url = button.url;
  if (button.payload !== undefined) el.value = button.payload.slice(0, SLACK_LIMITS.buttonValue);
  if (button.style) el.style = button.style;
  if (button.confirm) {
    el.confirm = {
      title: plain(button.confirm.title, SLACK_LIMITS.confirmTitle), text: plain(button.confirm.text, SLACK_LIMITS.confirmText),
      confirm: plain(button.confirm.yes, SLACK_LIMITS.confirmTitle), deny: plain(button.confirm.no, SLACK_LIMITS.confirmTitle), style: "danger",
    };
  }
  return el;
}

/**
 * Rows of buttons → `actions` blocks of at most 25 elements; ids unique across the message.
 * `firstIndex`: where numbering starts, for views that place several button groups.
 */
export function buttonBlocks(rows: Button[][], firstIndex = 0): SlackBlock[] {
  const out: SlackBlock[] = [];
  let index = firstIndex;
  for (const row of rows) {
    for (let i = 0; i < row.length; i += SLACK_LIMITS.elementsPerActions) {
      const elements = row.slice(i, i + SLACK_LIMITS.elementsPerActions).map((b) => buttonElement(b, index++));
      if (elements.length) out.push({ type: "actions", elements });
    }
  }
  return out;
}

export function renderMessage(msg: OutboundMessage): RenderedMessage {
  const sections: SlackBlock[] = msg.blocks
    .flatMap((b) => blockToMrkdwn(b))
    .filter((text) => text.trim().length > 0)
    .map((text) => ({ type: "section", text: { type: "mrkdwn", text: slackMentions(text), verbatim: true } }));
  const actions = buttonBlocks(msg.buttons ?? []);
  // Keep every button: trim text sections first when the message is over Slack's block limit.
  const room = Math.max(0, SLACK_LIMITS.blocksPerMessage - actions.length);
  const blocks = [...(sections.length > room ? [...sections.slice(0, Math.max(0, room - 1)), ellipsis()] : sections), ...actions].slice(
    0,
    SLACK_LIMITS.blocksPerMessage,
  );
  // Fallback/notification text: plain, truncated BEFORE escaping so no entity or link is cut.
  const full = toMarkedPlainText(msg);
  const text = escapeMrkdwn(full.length > SLACK_LIMITS.fallbackText ? `${full.slice(0, SLACK_LIMITS.fallbackText - 1)}…` : full);
  return { text: text.trim() ? slackMentions(text) : " ", blocks, ...(msg.disablePreview ? { unfurl_links: false, unfurl_media: false } : {}) };
}

function ellipsis(): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text: "…", verbatim: true } };
}
