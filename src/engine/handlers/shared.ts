// Small helpers shared by the journey handlers.
import { parseConversationKey } from "../events.js";
import type { Context, Influencer } from "../context.js";

export function actionPayload(ctx: Context): string | undefined {
  const p = ctx.event.payload;
  return p.type === "action" ? p.payload : undefined;
}

export function actionId(ctx: Context): string | undefined {
  const p = ctx.event.payload;
  return p.type === "action" ? p.id : undefined;
}

export function payloadId(ctx: Context): number | undefined {
  const n = Number(actionPayload(ctx));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function text(ctx: Context): string | undefined {
  const p = ctx.event.payload;
  if (p.type === "text") return p.text.trim();
  return undefined;
}

export function commandArgs(ctx: Context): string[] {
  const p = ctx.event.payload;
  return p.type === "command" ? p.args : [];
}

/** Where direct messages to this user go: the chat of this conversation. */
export function contactOf(ctx: Context): { platform: Context["event"]["platform"]; chatId: string } {
  return { platform: ctx.event.platform, chatId: parseConversationKey(ctx.event.conversation)?.chat ?? ctx.event.author.id };
}

/** Member-only commands: guests are told how to join, people mid-onboarding to finish it. */
export function member(ctx: Context): Influencer | null {
  const inf = ctx.influencer;
  if (!inf) {
    ctx.replyWith("core.not_joined");
    return null;
  }
  if (inf.status === "onboarding") {
    ctx.replyWith("journey.onboarding.finish_first");
    return null;
  }
  return inf;
}
