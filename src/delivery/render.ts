// Turns a stored outbox payload into the message to send, in the recipient's locale at SEND time
// (a locale changed after enqueueing is honoured). Payloads are validated: a malformed row fails
// permanently instead of crashing the dispatcher.
import { z } from "zod";
import type { OutboundMessage } from "../engine/message.js";
import { tb, type Locale, type Reader } from "../i18n/translate.js";
import { catalogs } from "../i18n/catalog.js";
import { LOCALES } from "../config.js";
import { chartSpecSchema } from "../reports/charts-specs.js";
import { chartAttachment, chartTextBlocks } from "../reports/chart-message.js";

const localeOf = (reader: Locale | Reader): string => (typeof reader === "string" ? reader : reader.locale);

const buttonSchema = z.object({
  action: z.string(),
  label: z.string(),
  payload: z.string().optional(),
  style: z.enum(["primary", "danger"]).optional(),
  url: z.string().optional(),
});

// a date; one shown as its day alone (see dateOnly) keeps its style as a DateParam
const dateSchema = z.object({ $date: z.iso.datetime(), $style: z.literal("date").optional() }).transform((d) => (d.$style ? { $date: d.$date, $style: d.$style } : new Date(d.$date)));
// a mission title or reward name with its translations (see localized-text.ts), picked per reader
const localizedSchema = z.object({ $text: z.string(), $tr: z.partialRecord(z.enum(LOCALES), z.string()).optional() });

const contentSchemas = [
  z.object({
    kind: z.literal("i18n"),
    messageId: z.string().min(1),
    // a date travels as { $date: ISO string } (see dateParam) and is shown in the recipient's zone
    params: z.record(z.string(), z.union([z.string(), z.number(), dateSchema, localizedSchema])).optional(),
    buttons: z.array(z.array(buttonSchema)).optional(),
    disablePreview: z.boolean().optional(),
    // a chart (spec, labels already translated): drawn as a PNG file at send time, its figures as text
    chart: chartSpecSchema.optional(),
  }),
  // The message was built by trusted code at enqueue time; only its outer shape is checked here.
  z.object({ kind: z.literal("message"), message: z.object({ blocks: z.array(z.unknown()) }).loose() }),
  // The same, shown as one card (a mission announced in a community channel: a Discord embed).
  z.object({ kind: z.literal("card"), message: z.object({ blocks: z.array(z.unknown()) }).loose() }),
  // Not a message: the recipient's membership role is granted or revoked (Discord).
  z.object({ kind: z.literal("membership"), change: z.enum(["grant", "revoke"]) }),
] as const;
const contentSchema = z.discriminatedUnion("kind", contentSchemas);

const payloadSchema = z.discriminatedUnion("kind", [
  ...contentSchemas,
  // Replaces a message posted earlier through the outbox (a review card that no longer applies):
  // `of` is that row's dedupe key; its channel and platform message id are looked up at send time,
  // because the message may still be on its way when the edit is queued.
  z.object({ kind: z.literal("edit"), of: z.string().min(1), content: contentSchema }),
  // A reply in the thread of a message posted earlier through the outbox (a mission's thread in
  // the managers' channel): `parent` is that row's dedupe key, resolved at send time like `of`.
  z.object({ kind: z.literal("thread"), parent: z.string().min(1), content: contentSchema }),
]);

export type RenderResult = { ok: true; message: OutboundMessage; editOf?: string; threadOf?: string } | { ok: false; error: string };

/** `reader` is the recipient's locale and zone at send time. */
export function renderPayload(payload: unknown, reader: Locale | Reader): RenderResult {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, error: `invalid payload: ${parsed.error.issues[0]?.message ?? "unknown"}` };
  if (parsed.data.kind === "edit") {
    const r = renderContent(parsed.data.content, reader);
    return r.ok ? { ...r, editOf: parsed.data.of } : r;
  }
  if (parsed.data.kind === "thread") {
    const r = renderContent(parsed.data.content, reader);
    return r.ok ? { ...r, threadOf: parsed.data.parent } : r;
  }
  return renderContent(parsed.data, reader);
}

function renderContent(p: z.infer<typeof contentSchema>, reader: Locale | Reader): RenderResult {
  if (p.kind === "message") return { ok: true, message: p.message as unknown as OutboundMessage };
  if (p.kind === "membership") return { ok: true, message: { blocks: [], membership: p.change } };
  if (p.kind === "card") return { ok: true, message: { ...(p.message as unknown as OutboundMessage), card: true } };
  if (catalogs.en[p.messageId] === undefined) return { ok: false, error: `unknown message id ${p.messageId}` };
  return {
    ok: true,
    message: {
      blocks: [...tb(reader, p.messageId, p.params ?? {}), ...(p.chart ? chartTextBlocks(p.chart, localeOf(reader)) : [])],
      ...(p.chart ? { attachment: chartAttachment(p.chart, localeOf(reader)) } : {}),
      ...(p.buttons ? { buttons: p.buttons } : {}),
      ...(p.disablePreview ? { disablePreview: true } : {}),
    },
  };
}
