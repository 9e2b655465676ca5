// OutboundMessage → Discord message bodies (markdown content + button components) and FormSpec →
// modal. Pure. Plain strings are literal: every markdown character is backslash-escaped, and every
// body carries `allowed_mentions: { parse: [] }` so no text can ever ping anyone.
import { withoutMentionMarks } from "../../src/engine/mention.js";
import type { TimeNode } from "../../src/engine/message.js";
import type { Block, Button, FormSpec, Inline, OutboundMessage } from "../adapter.js";

export const MAX_CONTENT = 2000;
export const MAX_ROWS = 5;
export const MAX_BUTTONS_PER_ROW = 5;
const MAX_CUSTOM_ID = 100;
const MAX_BUTTON_LABEL = 80;
const SUPPRESS_EMBEDS = 1 << 2;
export const EPHEMERAL = 1 << 6;

/** Prefix of custom ids the adapter itself handles (never reaches the engine). */
export const INTERNAL_PREFIX = "advo:";

export interface ButtonComponent {
  type: 2;
  style: 1 | 2 | 4 | 5;
  label: string;
  custom_id?: string;
  url?: string;
}
export interface ActionRow {
  type: 1;
  components: ButtonComponent[];
}
export interface Embed {
  title?: string;
  description: string;
  color?: number;
}
export interface MessageBody {
  content: string;
  components: ActionRow[];
  embeds?: Embed[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

/** Backslash-escapes everything Discord markdown could interpret in literal text. */
export function escapeMarkdown(text: string): string {
  // Any ASCII punctuation after a backslash renders literally in Discord markdown.
  // "1. " at a line start would become an ordered list.
  return withoutMentionMarks(text).replace(/[\\*_~|`>#\-[\]()<@]/g, (c) => `\\${c}`).replace(/^(\s*\d+)\. /gm, "$1\\. ");
}

function inlineCode(text: string): string {
  // Backticks cannot be escaped inside code spans: use a double-backtick fence when needed.
  const clean = text.replace(/\n/g, " ");
  if (!clean.includes("`")) return `\`${clean || " "}\``;
  return `\`\` ${clean.replace(/``/g, "`\u200b`")} \`\``;
}

function safeUrl(url: string): string {
  // Parentheses and angle brackets would end the masked link early.
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** Discord shows `<t:unix:f>` in each reader's own zone and language, `<t:unix:R>` as "in 3 days";
 * a day alone (a history line) as `<t:unix:D>`, "3 December 2026". */
function discordTimestamp(node: TimeNode): string {
  const ms = Date.parse(node.at);
  if (!Number.isFinite(ms)) return escapeMarkdown(node.time);
  const unix = Math.floor(ms / 1000);
  return node.style === "date" ? `<t:${unix}:D>` : `<t:${unix}:f> (<t:${unix}:R>)`;
}

export function renderInline(node: Inline): string {
  if (typeof node === "string") return escapeMarkdown(node);
  if ("bold" in node) return `**${escapeMarkdown(node.bold)}**`;
  if ("italic" in node) return `_${escapeMarkdown(node.italic)}_`;
  if ("code" in node) return inlineCode(node.code);
  if ("time" in node) return discordTimestamp(node);
  const label = node.link.replace(/[[\]]/g, "");
  if (!/^https?:\/\//i.test(node.url)) return escapeMarkdown(`${node.link} (${node.url})`);
  return `[${escapeMarkdown(label)}](<${safeUrl(node.url)}>)`;
}

export function renderBlocks(blocks: Block[]): string {
  return blocks
    .map((b) =>
      b.type === "paragraph" ? b.content.map(renderInline).join("") : b.items.map((item) => `- ${item.map(renderInline).join("")}`).join("\n"),
    )
    .join("\n\n");
}

/** Splits content into parts under the limit: at paragraph breaks, then lines, then hard. */
export function splitContent(content: string, limit = MAX_CONTENT): string[] {
  if (content.length <= limit) return [content];
  const parts: string[] = [];
  let current = "";
  const push = () => {
    if (current) parts.push(current);
    current = "";
  };
  for (const piece of content.split(/(?<=\n)/)) {
    if (current.length + piece.length <= limit) {
      current += piece;
      continue;
    }
    push();
    let rest = piece;
    while (rest.length > limit) {
      // Never cut right after a backslash: that would break an escape across messages.
      let cut = limit;
      if (rest[cut - 1] === "\\") cut--;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  push();
  return parts.map((p) => p.replace(/\n+$/, "")).filter((p) => p.length > 0);
}

export function customIdFor(button: Button): string {
  const id = button.payload ? `${button.action}:${button.payload}` : button.action;
  return id.slice(0, MAX_CUSTOM_ID);
}

/** custom_id → engine action; undefined for the adapter's own ids. */
export function parseCustomId(customId: string): { id: string; payload?: string } | undefined {
  if (!customId || customId.startsWith(INTERNAL_PREFIX)) return undefined;
  const at = customId.indexOf(":");
  if (at < 0) return { id: customId };
  const id = customId.slice(0, at);
  const payload = customId.slice(at + 1);
  return id ? { id, ...(payload ? { payload } : {}) } : undefined;
}

function renderButton(button: Button): ButtonComponent {
  const label = (button.label || "…").slice(0, MAX_BUTTON_LABEL);
  if (button.url) return { type: 2, style: 5, label, url: button.url };
  const style = button.style === "primary" ? 1 : button.style === "danger" ? 4 : 2;
  return { type: 2, style, label, custom_id: customIdFor(button) };
}

/** Engine rows → at most 5 rows of at most 5 buttons (long rows wrap; duplicate ids dropped). */
export function renderButtons(rows: Button[][] | undefined): { rows: ActionRow[]; dropped: number } {
  const out: ActionRow[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const row of rows ?? []) {
    const buttons = row.map(renderButton).filter((b) => {
      if (!b.custom_id) return true;
      if (seen.has(b.custom_id)) {
        dropped++;
        return false;
      }
      seen.add(b.custom_id);
      return true;
    });
    for (let i = 0; i < buttons.length; i += MAX_BUTTONS_PER_ROW) {
      const chunk = buttons.slice(i, i + MAX_BUTTONS_PER_ROW);
      if (out.length < MAX_ROWS) out.push({ type: 1, components: chunk });
      else dropped += chunk.length;
    }
  }
  return { rows: out, dropped };
}

export interface RenderOptions {
  ephemeral?: boolean;
  /** extra rows appended after the message's own (e.g. the "open form" button) */
  extraRows?: ActionRow[];
}

const MAX_EMBED_TITLE = 256;
const MAX_EMBED_DESCRIPTION = 4096;
const EMBED_COLOR = 0x5865f2;

/** A card message as one embed: a first paragraph that is all bold is its title, the rest its description. */
export function renderEmbed(blocks: Block[]): Embed {
  const [first, ...rest] = blocks;
  const titled = first?.type === "paragraph" && first.content.length > 0 && first.content.every((n) => typeof n === "object" && "bold" in n);
  // Titles show markdown too: literal text is escaped like everywhere else.
  const title = titled ? escapeMarkdown(first.content.map((n) => (n as { bold: string }).bold).join("")) : undefined;
  let description = renderBlocks(titled ? rest : blocks);
  if (description.length > MAX_EMBED_DESCRIPTION) description = `${description.slice(0, MAX_EMBED_DESCRIPTION - 1).replace(/\\$/, "")}…`;
  return { ...(title ? { title: title.slice(0, MAX_EMBED_TITLE) } : {}), description: description || "\u200b", color: EMBED_COLOR };
}

/** One OutboundMessage → one or more message bodies; components go on the last one. */
export function renderMessage(msg: OutboundMessage, options: RenderOptions = {}): { bodies: MessageBody[]; droppedButtons: number } {
  const { rows, dropped } = renderButtons(msg.buttons);
  const allRows = [...rows, ...(options.extraRows ?? [])].slice(0, MAX_ROWS);
  if (msg.card) {
    // An embed shows its own text: no content, and link previews are not an issue.
    const body: MessageBody = { content: "", embeds: [renderEmbed(msg.blocks)], components: allRows, allowed_mentions: { parse: [] }, ...(options.ephemeral ? { flags: EPHEMERAL } : {}) };
    return { bodies: [body], droppedButtons: dropped };
  }
  const flags = (msg.disablePreview ? SUPPRESS_EMBEDS : 0) | (options.ephemeral ? EPHEMERAL : 0);
  const parts = splitContent(renderBlocks(msg.blocks));
  if (parts.length === 0) parts.push(allRows.length ? "\u200b" : "");
  const bodies = parts.map<MessageBody>((content, i) => ({
    content,
    components: i === parts.length - 1 ? allRows : [],
    allowed_mentions: { parse: [] },
    ...(flags ? { flags } : {}),
  }));
  return { bodies: bodies.filter((b) => b.content || b.components.length), droppedButtons: dropped };
}

// ---- modals ----

const MAX_MODAL_TITLE = 45;
const MAX_LABEL = 45;
const MAX_DESCRIPTION = 100;
const MAX_FIELDS = 5;
const MAX_OPTIONS = 25;
const MAX_INPUT = 4000;

export interface ModalBody {
  custom_id: string;
  title: string;
  components: Record<string, unknown>[];
}

export const FORM_PREFIX = "form:";

/** The modal's custom_id carries the form id and state when they fit in 100 characters. */
export function modalCustomId(form: FormSpec): string | undefined {
  const id = form.state ? `${FORM_PREFIX}${form.id}:${form.state}` : `${FORM_PREFIX}${form.id}`;
  return id.length <= MAX_CUSTOM_ID ? id : undefined;
}

export function parseModalCustomId(customId: string): { formId: string; state?: string } | undefined {
  if (!customId.startsWith(FORM_PREFIX)) return undefined;
  const rest = customId.slice(FORM_PREFIX.length);
  const at = rest.indexOf(":");
  if (at < 0) return rest ? { formId: rest } : undefined;
  return { formId: rest.slice(0, at), state: rest.slice(at + 1) };
}

/** A FormSpec as a modal of Label components (text inputs and string selects). */
export function renderModal(form: FormSpec, customId: string): ModalBody {
  return {
    custom_id: customId,
    title: form.title.slice(0, MAX_MODAL_TITLE) || "…",
    components: form.fields.slice(0, MAX_FIELDS).map((f) => {
      const component =
        f.kind === "select"
          ? {
              type: 3,
              custom_id: f.id,
              required: f.required,
              min_values: f.required ? 1 : 0,
              max_values: 1,
              options: (f.options ?? []).slice(0, MAX_OPTIONS).map((o) => ({
                label: o.label.slice(0, 100),
                value: o.value.slice(0, 100),
                ...(o.value === f.initial ? { default: true } : {}),
              })),
            }
          : {
              type: 4,
              custom_id: f.id,
              style: f.kind === "multiline" ? 2 : 1,
              required: f.required,
              // Discord checks the lengths in the client, before the modal can be sent.
              ...(f.minLength !== undefined ? { min_length: Math.min(Math.max(f.minLength, 0), MAX_INPUT) } : {}),
              ...(f.maxLength !== undefined ? { max_length: Math.min(Math.max(f.maxLength, 1), MAX_INPUT) } : {}),
              ...(f.initial ? { value: f.initial.slice(0, Math.min(f.maxLength ?? MAX_INPUT, MAX_INPUT)) } : {}),
              ...(f.placeholder ? { placeholder: f.placeholder.slice(0, 100) } : {}),
            };
      const description = f.error ? `⚠ ${f.error}` : undefined;
      return {
        type: 18,
        label: f.label.slice(0, MAX_LABEL) || f.id,
        ...(description ? { description: description.slice(0, MAX_DESCRIPTION) } : {}),
        component,
      };
    }),
  };
}
