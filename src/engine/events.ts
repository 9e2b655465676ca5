// The normalized inbound event. Adapters map every platform payload to this shape at the edge;
// nothing past the adapter sees an SDK type (except through `raw`, the escape hatch).
import { z } from "zod";

export const PLATFORMS = ["telegram", "discord", "slack", "console"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const authorSchema = z.object({
  /** platform user id */
  id: z.string().min(1),
  name: z.string().optional(),
  username: z.string().optional(),
  /** locale hint from the platform (e.g. Telegram language_code, Discord locale) */
  locale: z.string().optional(),
  /**
   * The language the platform's own client shows its UI in, when the event tells (Discord
   * interactions): commands are named as that client lists them.
   */
  clientLocale: z.string().optional(),
  /** IANA time zone from the platform where it tells (Slack users.info `tz`) */
  timeZone: z.string().optional(),
  isBot: z.boolean(),
});
export type Author = z.infer<typeof authorSchema>;

export const inboundPayloadSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({
    type: z.literal("command"),
    /** lower case, without the slash: "start", "missions" */
    name: z.string().min(1),
    /** whitespace-split arguments */
    args: z.array(z.string()),
    /** everything after the command name, untouched */
    argText: z.string(),
  }),
  z.object({
    type: z.literal("action"),
    /** the button's action id, e.g. "mission.accept" */
    id: z.string().min(1),
    payload: z.string().optional(),
    /** the platform id of the message the button was on (adapters edit it for `replace` answers) */
    messageId: z.string().optional(),
  }),
  z.object({
    type: z.literal("form"),
    formId: z.string().min(1),
    values: z.record(z.string(), z.string()),
  }),
]);
export type InboundPayload = z.infer<typeof inboundPayloadSchema>;

/**
 * A file sent with a message (a photo or a document), as the platform keeps it: only its reference,
 * never the bytes (issue 13: screenshots as proof). `ref`: Telegram file_id, Slack file id, Discord
 * attachment url.
 */
export const inboundFileSchema = z.object({
  ref: z.string().min(1).max(2000),
  kind: z.enum(["photo", "document"]),
  mimeType: z.string().min(1).max(200),
  sizeBytes: z.number().int().nonnegative().optional(),
  fileName: z.string().max(300).optional(),
});
export type InboundFile = z.infer<typeof inboundFileSchema>;

export const inboundEventSchema = z.object({
  /** unique per platform delivery: used to drop platform retries (prefix it with the platform) */
  id: z.string().min(1),
  platform: z.enum(PLATFORMS),
  /** `platform:chat[:thread]` — see conversationKey() */
  conversation: z.string().min(1),
  chatType: z.enum(["private", "group"]),
  author: authorSchema,
  payload: inboundPayloadSchema,
  /** files sent with the message (its caption is the text payload) */
  attachments: z.array(inboundFileSchema).max(20).optional(),
  receivedAt: z.date(),
  raw: z.unknown().optional(),
});
export type InboundEvent = z.infer<typeof inboundEventSchema>;

export function conversationKey(platform: Platform, chat: string, thread?: string): string {
  return thread ? `${platform}:${chat}:${thread}` : `${platform}:${chat}`;
}

export function parseConversationKey(key: string): { platform: Platform; chat: string; thread?: string } | undefined {
  const [platform, chat, ...rest] = key.split(":");
  if (!platform || !chat || !(PLATFORMS as readonly string[]).includes(platform)) return undefined;
  const thread = rest.length ? rest.join(":") : undefined;
  return { platform: platform as Platform, chat, ...(thread ? { thread } : {}) };
}
