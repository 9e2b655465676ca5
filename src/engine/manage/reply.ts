// Small reply helpers shared by the manager handlers.
import { z } from "zod";
import type { Err } from "../../result.js";
import type { Context } from "../context.js";
import { actorMention } from "../mention.js";

/** A refused/invalid Result becomes a translated reply visible to the manager only. */
export function replyError(ctx: Context, r: Err): void {
  // "already decided by slack:U…" names that manager as a mention where the platform can
  const by = r.params?.by;
  ctx.replyWith(r.error, typeof by === "string" ? { ...r.params, by: actorMention(by) } : r.params, { ephemeral: true });
}

const idSchema = z.coerce.number().int().positive();

/** The numeric id carried by a button payload or form state; undefined when malformed. */
export function payloadId(value: string | undefined): number | undefined {
  const r = idSchema.safeParse(value);
  return r.success ? r.data : undefined;
}

export function actionPayload(ctx: Context): string | undefined {
  return ctx.event.payload.type === "action" ? ctx.event.payload.payload : undefined;
}

export function formPayload(ctx: Context): Record<string, string> {
  return ctx.event.payload.type === "form" ? ctx.event.payload.values : {};
}
