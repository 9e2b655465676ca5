// Where the engine's direct replies go on Slack, by origin of the event:
// - a DM: new messages in the DM (thread kept); the answer to a button that says `replace` edits
//   the message the button was on (the step moves on in place, spent buttons go), as on Telegram;
// - a slash command: the first answer rides in the ack (ephemeral, visible to the invoker only),
//   later ones go through the command's response_url;
// - a button on a bot message in a channel (e.g. a review card): the first non-ephemeral reply
//   REPLACES that message (chat.update) — that is how a card shows who decided and when;
//   ephemeral replies (refusals, errors) go to the presser only (chat.postEphemeral);
// - a modal submission: a form with errors → `response_action: "errors"`; a new form → the modal
//   is updated; messages go to the channel the form came from, updating the originating card.
// A reply that carries a `form` opens a modal with the interaction's trigger_id.
import type { WebClient } from "@slack/web-api";
import type { FormSpec, OutboundMessage, SendResult } from "../adapter.js";
import type { Logger } from "../../src/logger.js";
import { t, type Locale } from "../../src/i18n/translate.js";
import type { SlackReply } from "./mapper.js";
import { fieldErrors, formToView } from "./modal.js";
import { escapeMrkdwn, renderMessage, SLACK_LIMITS, type SlackBlock } from "./render.js";
import type { Clock } from "../../src/clock.js";
import type { SlackSender } from "./sender.js";
import { ReplyRun, type DeferReply } from "../deferred-replies.js";
import { countSendFault, type MetricsHooks } from "../../src/metrics-hooks.js";

export type RespondFn = (body: Record<string, unknown>) => Promise<unknown>;

/**
 * A slash command's answer as ephemeral message bodies: each reply keeps its own buttons right
 * under its text (a review card with its Approve/Reject), replies are separated by dividers, and
 * a body holds at most 50 blocks. The first body rides in the ack, the others go by response_url.
 */
export function commandAnswerBodies(replies: OutboundMessage[]): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  let blocks: SlackBlock[] = [];
  let texts: string[] = [];
  let unfurl = true;
  const flush = () => {
    if (!blocks.length) return;
    const text = texts.join("\n\n");
    bodies.push({ response_type: "ephemeral", text: text.length > 3000 ? `${text.slice(0, 2999)}…` : text, blocks, ...(unfurl ? {} : { unfurl_links: false, unfurl_media: false }) });
    blocks = [];
    texts = [];
    unfurl = true;
  };
  for (const msg of replies) {
    if (!msg.blocks.length && !msg.buttons?.length) continue;
    const r = renderMessage(msg);
    const divider = blocks.length ? 1 : 0;
    if (blocks.length + divider + r.blocks.length > SLACK_LIMITS.blocksPerMessage) flush();
    if (blocks.length) blocks.push({ type: "divider" });
    blocks.push(...r.blocks);
    texts.push(r.text);
    if (msg.disablePreview) unfurl = false;
  }
  flush();
  return bodies;
}

/** The short private pointer for an influencer's slash command typed in a channel: go to the DM. */
export function continueInDm(locale: Locale, dmChannel: string): OutboundMessage {
  return {
    blocks: [{ type: "paragraph", content: [t(locale, "core.continue_in_dm")] }],
    buttons: [[{ action: "slack.open_dm", label: t(locale, "core.open_dm"), url: `https://slack.com/app_redirect?channel=${dmChannel}` }]],
  };
}

/** The ack body of a view submission, when the engine answered with a form. */
export function viewAckBody(form: FormSpec | undefined, origin: SlackReply["origin"]): Record<string, unknown> | undefined {
  if (!form) return undefined;
  const errors = fieldErrors(form);
  if (errors) return { response_action: "errors", errors };
  return { response_action: "update", view: formToView(form, origin ?? {}) };
}

/**
 * Under a card replaced after someone acted on it: who (a Slack mention, shown as their name)
 * and when (Slack's date token, shown in each reader's own time zone and format).
 */
export function decidedFooter(userId: string, at: Date): SlackBlock {
  const who = /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
  const seconds = Math.floor(at.getTime() / 1000);
  const fallback = escapeMrkdwn(at.toISOString().replace("T", " ").slice(0, 16) + " UTC");
  return { type: "context", elements: [{ type: "mrkdwn", text: `✓ ${who} · <!date^${seconds}^{date_short_pretty} {time}|${fallback}>` }] };
}

export class SlackReplier {
  constructor(
    private readonly client: WebClient,
    private readonly sender: SlackSender,
    private readonly log: Logger,
    private readonly clock: Clock,
    /** where a DM reply that failed transiently goes (the outbox); absent: it is logged and dropped */
    private readonly defer?: DeferReply,
    private readonly metrics?: MetricsHooks,
  ) {}

  async openForm(reply: SlackReply, form: FormSpec): Promise<void> {
    if (!reply.triggerId) {
      this.log.warn({ form: form.id }, "slack: cannot open a form without a trigger_id");
      return;
    }
    const view = formToView(form, {
      ...(reply.channel ? { channel: reply.channel } : {}),
      ...(reply.thread ? { thread: reply.thread } : {}),
      ...(reply.messageTs ? { messageTs: reply.messageTs } : {}),
    });
    await this.client.views.open({ trigger_id: reply.triggerId, view: view as never });
  }

  /**
   * Delivers replies after the ack. `respond` is the response_url of a command or of an action
   * on an ephemeral message; `skipFirst` when the first message already went out in the ack.
   * `eventId`: a DM reply that still fails transiently (429, 5xx, timeout, refused) is queued in
   * the outbox under it, and the replies after it follow it there in order.
   */
  async deliver(reply: SlackReply, replies: OutboundMessage[], options: { respond?: RespondFn; cardIsEphemeral?: boolean; eventId?: string } = {}): Promise<void> {
    let cardReplaced = false;
    const run = options.eventId ? new ReplyRun(options.eventId, this.defer) : undefined;
    for (const [index, msg] of replies.entries()) {
      if (msg.form) {
        await this.openForm(reply, msg.form).catch((err: unknown) => this.log.warn({ err, form: msg.form?.id }, "slack: views.open failed"));
        if (!msg.blocks.length) continue;
      }
      try {
        const dm = this.dmRecipient(reply, options);
        if (dm && run?.shouldDefer()) {
          await run.deferNow(dm, msg, index);
          continue;
        }
        await this.deliverOne(reply, msg, options, !cardReplaced, run && dm ? { run, index, recipient: dm } : undefined);
        if (!msg.ephemeral && reply.messageTs) cardReplaced = true;
      } catch (err) {
        this.log.warn({ err, kind: reply.kind }, "slack: reply failed");
      }
    }
  }

  /** Where a reply goes when it is an ordinary DM message (the only kind the outbox can send later). */
  private dmRecipient(reply: SlackReply, options: { respond?: RespondFn; cardIsEphemeral?: boolean }): string | undefined {
    if (options.respond && (reply.kind === "command" || (options.cardIsEphemeral && !reply.direct))) return undefined;
    if (!reply.channel) return reply.user;
    return reply.direct ? reply.channel : undefined;
  }

  private async deliverOne(
    reply: SlackReply, msg: OutboundMessage, options: { respond?: RespondFn; cardIsEphemeral?: boolean }, mayReplaceCard: boolean,
    deferral?: { run: ReplyRun; index: number; recipient: string },
  ): Promise<void> {
    const channel = reply.channel;
    // Buttons on an ephemeral message (e.g. a command answer) in a channel can only be answered by
    // response_url; in a DM with the bot the journey goes on with ordinary messages.
    if (options.respond && (reply.kind === "command" || (options.cardIsEphemeral && !reply.direct))) {
      const replace = reply.kind === "action" && mayReplaceCard && !msg.ephemeral;
      await options.respond({ response_type: "ephemeral", ...(replace ? { replace_original: true } : { replace_original: false }), ...renderMessage(msg) });
      return;
    }
    if (!channel || reply.direct) {
      if (channel && msg.replace && mayReplaceCard && reply.kind === "action" && reply.messageTs) {
        if (await this.replaceInDm(channel, reply.messageTs, reply, msg)) return;
        if (msg.replace === "buttons") return; // nothing to post: only the buttons were to change
      }
      const sent = await this.sender.send(channel ?? reply.user, msg, channel ? reply.thread : undefined);
      countSendFault(this.metrics, "slack", "reply", sent);
      if (sent.status === "retry" && deferral && (await deferral.run.deferNow(deferral.recipient, msg, deferral.index))) {
        this.log.warn({ platform: "slack", code: sent.code, error: sent.error }, "slack reply not sent: queued in the outbox");
        return;
      }
      this.expectSent(sent, "dm");
      return;
    }
    if (msg.ephemeral) {
      const sent = await this.sender.sendEphemeral(channel, reply.user, msg, reply.thread);
      countSendFault(this.metrics, "slack", "reply", sent);
      this.expectSent(sent, "ephemeral");
      return;
    }
    if (mayReplaceCard && reply.messageTs && (reply.kind === "action" || reply.kind === "view")) {
      const edited = await this.sender.edit(channel, reply.messageTs, msg, [decidedFooter(reply.user, this.clock.now())], reply.user);
      if (edited.status === "sent") return;
      this.log.warn({ result: edited }, "slack: chat.update of the card failed; posting instead");
    }
    const sent = await this.sender.send(channel, msg, reply.thread);
    countSendFault(this.metrics, "slack", "reply", sent);
    this.expectSent(sent, "channel");
  }

  /** Edits the DM message a button was on; false when it could not (the answer is then posted). */
  private async replaceInDm(channel: string, ts: string, reply: SlackReply, msg: OutboundMessage): Promise<boolean> {
    if (msg.replace === "buttons" && !reply.sourceMessage) return false;
    const edited = msg.replace === "buttons" ? await this.sender.editButtons(channel, ts, reply.sourceMessage!, msg.buttons ?? []) : await this.sender.edit(channel, ts, msg);
    countSendFault(this.metrics, "slack", "reply", edited);
    if (edited.status !== "sent") this.log.warn({ result: edited }, "slack: chat.update in the DM failed");
    return edited.status === "sent";
  }

  private expectSent(r: SendResult, where: string): void {
    if (r.status !== "sent") this.log.warn({ platform: "slack", code: "code" in r ? r.code : undefined, result: r, where }, "slack: reply not delivered");
  }
}
