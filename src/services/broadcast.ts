// Manager broadcasts to a segment, in two steps: draft (preview + recipient count, nothing sent)
// then confirm (outbox rows with one batchKey). The draft lives in ProgramSetting under
// "broadcast:<id>" so the confirm button can carry only the short id; deleting the draft is the
// claim, so a double confirm sends once (and the dedupe keys would stop it anyway).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { LOCALES } from "../config.js";
import { message, paragraph, type OutboundMessage } from "../engine/message.js";
import { err, ok, type Result } from "../result.js";
import { segmentSchema, type Segment } from "../domain/segment.js";
import { audit } from "./audit.js";
import { audience } from "./audience.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";
import { enqueue } from "./outbox.js";

/** A segment's languages must be the four locales (stored lower-case, once each), as a mission's are. */
const broadcastLanguages = z.array(z.string()).default([])
  .transform((xs) => [...new Set(xs.map((x) => x.trim().toLowerCase()).filter(Boolean))])
  .refine((xs) => xs.every((x) => (LOCALES as readonly string[]).includes(x)), { error: "languages" });

export const broadcastSchema = z.object({
  text: z.string().trim().min(1).max(3000),
  segment: segmentSchema.extend({ languages: broadcastLanguages }).default({ regions: [], interests: [], networks: [], tags: [], tiers: [], languages: [] }),
});
export type BroadcastInput = z.input<typeof broadcastSchema>;

const key = (id: string) => `broadcast:${id}`;

function unknownLanguages(input: BroadcastInput): string[] {
  const given = Array.isArray(input.segment?.languages) ? input.segment.languages : [];
  return given.map((x) => String(x).trim()).filter((x) => x && !(LOCALES as readonly string[]).includes(x.toLowerCase()));
}

/** The message exactly as recipients get it: the manager's words as literal text. */
export function broadcastMessage(text: string): OutboundMessage {
  return message(text.split(/\n\s*\n/).map((p) => paragraph(p)));
}

export interface BroadcastDraft {
  id: string;
  recipients: number;
  preview: OutboundMessage;
  segment: Segment;
}

export async function draftBroadcast(deps: Deps, actor: Actor, input: BroadcastInput): Promise<Result<BroadcastDraft>> {
  const refused = await requireManager(deps, actor, "broadcast.draft");
  if (refused) return refused;
  const parsed = broadcastSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // an unknown language is named, so the manager sees which value to fix
    if (issue?.path.join(".") === "segment.languages" && issue.code === "custom") return err("manage.broadcast.language_unknown", { value: unknownLanguages(input).join(", "), languages: LOCALES.join(", ") });
    return err("manage.broadcast.invalid", { field: String(issue?.path.filter((p) => typeof p === "string").at(-1) ?? "") });
  }
  const recipients = await audience(deps, { segment: parsed.data.segment });
  const id = randomBytes(6).toString("hex");
  await deps.db.programSetting.create({ data: { key: key(id), value: { ...parsed.data, actor, createdAt: deps.clock.now().toISOString() } } });
  await audit(deps.db, { actor, action: "broadcast.draft", targetType: "broadcast", targetId: id, after: { ...parsed.data, recipients: recipients.length } });
  return ok({ id, recipients: recipients.length, preview: broadcastMessage(parsed.data.text), segment: parsed.data.segment });
}

export async function sendBroadcast(deps: Deps, actor: Actor, id: string): Promise<Result<{ id: string; queued: number }>> {
  const refused = await requireManager(deps, actor, "broadcast.send", { type: "broadcast", id });
  if (refused) return refused;
  const draft = await deps.db.programSetting.findUnique({ where: { key: key(id) } });
  if (!draft) return err("manage.broadcast.not_found", { id });
  const claimed = await deps.db.programSetting.deleteMany({ where: { key: key(id) } });
  if (!claimed.count) return err("manage.broadcast.not_found", { id });
  const { text, segment } = broadcastSchema.parse(draft.value);
  const recipients = await audience(deps, { segment });
  const msg = broadcastMessage(text);
  const queued = await enqueue(deps.db, recipients.map((r) => ({
    platform: r.platform, recipient: r.recipient, influencerId: r.influencerId, purpose: "broadcast",
    batchKey: `broadcast:${id}`, dedupeKey: `broadcast:${id}:influencer:${r.influencerId}`, payload: { kind: "message", message: msg },
  })), deps.clock.now());
  await audit(deps.db, { actor, action: "broadcast.send", targetType: "broadcast", targetId: id, after: { queued } });
  return ok({ id, queued });
}

export async function cancelBroadcast(deps: Deps, actor: Actor, id: string): Promise<Result<{ id: string }>> {
  const refused = await requireManager(deps, actor, "broadcast.cancel", { type: "broadcast", id });
  if (refused) return refused;
  const r = await deps.db.programSetting.deleteMany({ where: { key: key(id) } });
  if (!r.count) return err("manage.broadcast.not_found", { id });
  await audit(deps.db, { actor, action: "broadcast.cancel", targetType: "broadcast", targetId: id });
  return ok({ id });
}
