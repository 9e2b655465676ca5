// Answers that go to the person's DM instead of the interaction: a personal flow started in a guild
// (continueInDm), and an interaction answer Discord refused or never took (answerByDmOnFailure).
import type { Logger } from "../../src/logger.js";
import { t, type Locale } from "../../src/i18n/translate.js";
import { textMessage } from "../../src/engine/message.js";
import { errorCodeLabel, type MetricsHooks } from "../../src/metrics-hooks.js";
import type { DeferReply } from "../deferred-replies.js";
import type { OutboundMessage } from "../adapter.js";
import type { DiscordSender } from "./sender.js";
import { dmPointer } from "./dm-routing.js";
import { InteractionAnswerError, renderWithForm, type FormStore } from "./responder.js";
import { resultOf } from "./ports.js";

/**
 * Sends the replies (except a form, which the interaction can open as a modal) to the DM; what the
 * guild is answered: a pointer to the DM, or, when DMs are closed, what is left, in place, with a hint.
 */
export async function continueInDm(sender: DiscordSender, dmChannel: string, replies: OutboundMessage[], locale: Locale, forms: FormStore): Promise<OutboundMessage[]> {
  const messages = replies.filter((r) => !r.form);
  for (const [i, reply] of messages.entries()) {
    let result = await sender.sendBodies(dmChannel, await renderWithForm(reply, false, forms, locale));
    if (result.status === "sent" && reply.attachment) result = await sender.sendFile(dmChannel, reply.attachment);
    if (result.status === "sent") continue;
    const hint = result.status === "unreachable" ? [textMessage(t(locale, "discord.dm_closed"))] : [];
    return [...hint, ...messages.slice(i), ...replies.filter((r) => r.form)];
  }
  return [...(messages.length ? [dmPointer(dmChannel, locale)] : []), ...replies.filter((r) => r.form)];
}

export interface DmFallback {
  eventId: string;
  /** the user id or DM channel; a function when it is known only after the engine ran */
  recipient: string | (() => string);
  deferReply: DeferReply;
  log: Logger;
  metrics?: MetricsHooks;
}

/**
 * Waits for an interaction's answer; when Discord refused it or never answered (429 past the
 * wait, 5xx, a timeout, an expired token), the replies the person has not seen go to their DM
 * through the outbox, keyed by the event, logged with Discord's code and counted.
 */
export async function answerByDmOnFailure(answered: Promise<void>, fallback: DmFallback): Promise<void> {
  try {
    await answered;
  } catch (err) {
    if (!(err instanceof InteractionAnswerError)) throw err;
    const result = resultOf(err.cause);
    const code = "code" in result && result.code ? result.code : result.status;
    fallback.metrics?.platformError("discord", "reply", errorCodeLabel(code));
    const to = typeof fallback.recipient === "string" ? fallback.recipient : fallback.recipient();
    for (const [index, reply] of err.undelivered.entries()) await fallback.deferReply(to, reply, fallback.eventId, index);
    fallback.log.warn(
      { code, step: err.step, event: fallback.eventId, queued: err.undelivered.length, error: "error" in result ? result.error : undefined },
      "discord interaction answer failed: queued by DM in the outbox",
    );
  }
}
