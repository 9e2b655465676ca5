// Discord gateway payloads (INTERACTION_CREATE, MESSAGE_CREATE — the raw API JSON) → InboundEvent.
// Pure. Every payload is validated with zod; anything the engine does not handle (pings,
// autocomplete, guild chatter, other bots) maps to undefined.
import { z } from "zod";
import { conversationKey, type InboundEvent, type InboundPayload } from "../../src/engine/events.js";
import { engineCommandName, resolveTypedCommand } from "./commands.js";
import { parseCustomId, parseModalCustomId } from "./render.js";

const userSchema = z.object({
  id: z.string().min(1),
  username: z.string().optional(),
  global_name: z.string().nullish(),
  bot: z.boolean().optional(),
});

interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: RawOption[] | undefined;
}
const optionSchema: z.ZodType<RawOption> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    options: z.array(optionSchema).optional(),
  }),
);

const modalComponentSchema = z.object({
  type: z.number(),
  custom_id: z.string().optional(),
  value: z.string().optional(),
  values: z.array(z.string()).optional(),
});
// Modal submissions arrive as Label components (type 18, one `component`) or legacy action rows.
const modalItemSchema = z.object({
  type: z.number(),
  component: modalComponentSchema.optional(),
  components: z.array(modalComponentSchema).optional(),
});

export const interactionSchema = z.object({
  id: z.string().min(1),
  type: z.number(),
  token: z.string(),
  locale: z.string().optional(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  user: userSchema.optional(),
  member: z.object({ user: userSchema }).optional(),
  /** the message a component was on */
  message: z.object({ id: z.string() }).optional(),
  data: z
    .object({
      name: z.string().optional(),
      type: z.number().optional(),
      options: z.array(optionSchema).optional(),
      custom_id: z.string().optional(),
      component_type: z.number().optional(),
      values: z.array(z.string()).optional(),
      components: z.array(modalItemSchema).optional(),
    })
    .optional(),
});
export type RawInteraction = z.infer<typeof interactionSchema>;

export const messageSchema = z.object({
  id: z.string().min(1),
  channel_id: z.string().min(1),
  guild_id: z.string().optional(),
  webhook_id: z.string().optional(),
  content: z.string(),
  author: userSchema,
  /** files sent with the message: their CDN urls are signed and expire (refreshed when opened) */
  attachments: z.array(z.object({ id: z.string(), url: z.string().url(), filename: z.string().optional(), content_type: z.string().optional(), size: z.number().int().optional() })).optional(),
});
export type RawMessage = z.infer<typeof messageSchema>;

const InteractionType = { Command: 2, Component: 3, Modal: 5 } as const;
const CHAT_INPUT = 1;

function author(user: z.infer<typeof userSchema>, locale?: string, clientLocale?: string): InboundEvent["author"] {
  return {
    ...(clientLocale ? { clientLocale } : {}),
    id: user.id,
    ...(user.global_name || user.username ? { name: user.global_name ?? user.username } : {}),
    ...(user.username ? { username: user.username } : {}),
    ...(locale ? { locale } : {}),
    isBot: user.bot ?? false,
  };
}

/** Option values in order (sub-commands flattened), as the engine's whitespace-split args. */
function optionValues(options: RawOption[] | undefined): string[] {
  const out: string[] = [];
  for (const o of options ?? []) {
    if (o.options) out.push(o.name, ...optionValues(o.options));
    else if (o.value !== undefined) out.push(String(o.value).trim());
  }
  return out.filter((v) => v.length > 0);
}

function modalValues(items: z.infer<typeof modalItemSchema>[], state: string | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  const components = items.flatMap((i) => (i.component ? [i.component] : (i.components ?? [])));
  for (const c of components) {
    if (!c.custom_id) continue;
    values[c.custom_id] = c.value ?? c.values?.[0] ?? "";
  }
  if (state !== undefined) values[FORM_STATE_FIELD] = state;
  return values;
}

/** The form's opaque state comes back in this value of a form submission. */
export const FORM_STATE_FIELD = "_state";

function interactionPayload(i: RawInteraction): InboundPayload | undefined {
  const data = i.data;
  if (!data) return undefined;
  if (i.type === InteractionType.Command && data.type === CHAT_INPUT && data.name) {
    const args = optionValues(data.options);
    return { type: "command", name: engineCommandName(data.name), args: args.flatMap((a) => a.split(/\s+/)), argText: args.join(" ") };
  }
  if (i.type === InteractionType.Component && data.custom_id) {
    const action = parseCustomId(data.custom_id);
    if (!action) return undefined;
    // A select menu's choice travels as the payload.
    const payload = data.values?.[0] ?? action.payload;
    return { type: "action", id: action.id, ...(payload ? { payload } : {}), ...(i.message ? { messageId: i.message.id } : {}) };
  }
  if (i.type === InteractionType.Modal && data.custom_id) {
    const form = parseModalCustomId(data.custom_id);
    if (!form) return undefined;
    return { type: "form", formId: form.formId, values: modalValues(data.components ?? [], form.state) };
  }
  return undefined;
}

export function interactionUser(i: RawInteraction): z.infer<typeof userSchema> | undefined {
  return i.member?.user ?? i.user;
}

/** INTERACTION_CREATE → InboundEvent (undefined for interactions the engine does not handle). */
export function mapInteraction(raw: unknown, receivedAt: Date): InboundEvent | undefined {
  const parsed = interactionSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const i = parsed.data;
  const user = interactionUser(i);
  const channel = i.channel_id ?? i.channel?.id;
  if (!user || !channel) return undefined;
  const payload = interactionPayload(i);
  if (!payload) return undefined;
  return {
    id: `discord:${i.id}`,
    platform: "discord",
    conversation: conversationKey("discord", channel),
    chatType: i.guild_id ? "group" : "private",
    // An interaction carries the client's language: its commands are shown in it.
    author: author(user, i.locale, i.locale),
    payload,
    receivedAt,
    raw,
  };
}

/** A typed "/join CODE" (or "/rejoindre CODE", "/aide") in a DM works like the slash command. */
function textPayload(content: string): { payload: InboundPayload; locale?: string } {
  const m = content.trim().match(/^\/([\p{L}][\p{L}\p{N}_-]*)(?:\s+([\s\S]*))?$/u);
  if (!m) return { payload: { type: "text", text: content } };
  const argText = (m[2] ?? "").trim();
  const { engine, locale } = resolveTypedCommand(m[1]!);
  return { payload: { type: "command", name: engine, args: argText ? argText.split(/\s+/) : [], argText }, ...(locale ? { locale } : {}) };
}

/** MESSAGE_CREATE in a DM with the bot → InboundEvent. Guild messages, bots and webhooks → undefined. */
export function mapDirectMessage(raw: unknown, receivedAt: Date, botUserId?: string): InboundEvent | undefined {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const m = parsed.data;
  if (m.guild_id || m.webhook_id || m.author.bot || m.author.id === botUserId) return undefined;
  const files = (m.attachments ?? []).map((a) => ({
    ref: a.url, kind: a.content_type?.startsWith("image/") ? "photo" as const : "document" as const, mimeType: a.content_type ?? "application/octet-stream",
    ...(a.size !== undefined ? { sizeBytes: a.size } : {}), ...(a.filename ? { fileName: a.filename } : {}),
  }));
  if (files.length) {
    // A screenshot as proof (issue 13): the text is its caption, never a command.
    return { id: `discord:${m.id}`, platform: "discord", conversation: conversationKey("discord", m.channel_id), chatType: "private", author: author(m.author), payload: { type: "text", text: m.content }, attachments: files, receivedAt, raw };
  }
  if (!m.content.trim()) return undefined;
  const typed = textPayload(m.content);
  return {
    id: `discord:${m.id}`,
    platform: "discord",
    conversation: conversationKey("discord", m.channel_id),
    chatType: "private",
    author: author(m.author, typed.locale),
    payload: typed.payload,
    receivedAt,
    raw,
  };
}
