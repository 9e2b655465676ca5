// Answering one interaction within Discord's 3 seconds. The engine's replies go out as the
// interaction's response when it is fast; when it is slower than `deferAfterMs` the interaction is
// deferred ("thinking…") and the reply edits it. A form becomes a modal when the interaction can
// still open one; otherwise it waits behind an "Open the form" button (FormCache).
// Written against InteractionPort (ports.ts): transport.ts hands it the discord.js interaction.
import type { Logger } from "../../src/logger.js";
import { t, type Locale } from "../../src/i18n/translate.js";
import type { Attachment, FormSpec, OutboundMessage } from "../adapter.js";
/** Where a form waits behind an "Open the form" button (the database, for one conversation). */
export interface FormStore {
  put(form: FormSpec): Promise<string>;
}
import { EPHEMERAL, modalCustomId, renderMessage, renderModal, type ActionRow, type MessageBody } from "./render.js";
import type { AnswerBody, InteractionPort } from "./ports.js";

export interface RespondContext {
  /** personal answers in guild channels are visible to the author only */
  ephemeral: boolean;
  locale: Locale;
  forms: FormStore;
  log: Logger;
  deferAfterMs: number;
  /** where messages go that cannot be part of the response (after a modal was opened) */
  elsewhere(messages: OutboundMessage[]): Promise<void>;
}

/** A message → bodies; its form (if any) as an "Open the form" button row. */
export async function renderWithForm(message: OutboundMessage, ephemeral: boolean, forms: FormStore, locale: Locale): Promise<MessageBody[]> {
  const extraRows: ActionRow[] = message.form
    ? [{ type: 1, components: [{ type: 2, style: 1, label: t(locale, "discord.form.open"), custom_id: await forms.put(message.form) }] }]
    : [];
  return renderMessage(message, { ephemeral, extraRows }).bodies;
}

function options(body: MessageBody, allowEphemeral: boolean): AnswerBody {
  const flags = (body.flags ?? 0) & (allowEphemeral ? ~0 : ~EPHEMERAL);
  return { content: body.content, components: body.components, ...(flags ? { flags } : {}) };
}

/** The part of a "replace" answer that goes into the component's own message. */
async function replaceBody(reply: OutboundMessage, ctx: RespondContext): Promise<{ body: AnswerBody; more: MessageBody[] }> {
  // Only the components: the message keeps its text.
  if (reply.replace === "buttons") return { body: { components: renderMessage({ blocks: [], buttons: reply.buttons ?? [] }).bodies[0]?.components ?? [] }, more: [] };
  const [first, ...more] = await renderWithForm(reply, false, ctx.forms, ctx.locale);
  return { body: first ? options(first, false) : { content: "\u200b", components: [] }, more };
}

/**
 * Thrown when Discord refused or never answered part of an interaction's answer (429 past the wait,
 * 5xx past the retries, a timeout, an expired token): the replies the person has not seen yet, in
 * order, so the caller can bring them by DM through the outbox.
 */
export class InteractionAnswerError extends Error {
  constructor(
    readonly step: string,
    readonly undelivered: OutboundMessage[],
    cause: unknown,
  ) {
    super(`discord interaction ${step} failed`, { cause });
    this.name = "InteractionAnswerError";
  }
}

/** The replies of one answer not delivered yet; each Discord call runs as a step that delivers some. */
class Progress {
  private readonly pending: Set<OutboundMessage>;
  constructor(private readonly replies: OutboundMessage[]) {
    // A buttons-only replacement has nothing to say anywhere else.
    this.pending = new Set(replies.filter((r) => r.replace !== "buttons"));
  }

  async step(name: string, call: () => Promise<unknown>, delivers: OutboundMessage[] = []): Promise<void> {
    try {
      await call();
    } catch (err) {
      throw new InteractionAnswerError(name, this.replies.filter((r) => this.pending.has(r)), err);
    }
    for (const r of delivers) this.pending.delete(r);
  }
}

interface Part {
  body: MessageBody;
  /** the reply this body completes (its last body, when it has no file), else undefined */
  completes?: OutboundMessage;
}

async function partsOf(replies: OutboundMessage[], ctx: RespondContext, ephemeral: (r: OutboundMessage) => boolean): Promise<Part[]> {
  const parts: Part[] = [];
  for (const r of replies) {
    if (r.replace === "buttons") continue;
    const bodies = await renderWithForm(r, ephemeral(r), ctx.forms, ctx.locale);
    bodies.forEach((body, i) => parts.push({ body, ...(i === bodies.length - 1 && !r.attachment ? { completes: r } : {}) }));
  }
  return parts;
}

/**
 * A component's answer that edits the component's own message (Discord's UPDATE_MESSAGE, or an edit
 * of the original after deferUpdate); the other replies follow as new messages.
 */
async function updateInPlace(interaction: InteractionPort, replies: OutboundMessage[], ctx: RespondContext, progress: Progress): Promise<void> {
  const [first, ...rest] = replies;
  const followUps: Part[] = [];
  if (first?.replace) {
    const { body, more } = await replaceBody(first, ctx);
    const done = more.length ? [] : [first];
    followUps.push(...more.map((b, i) => ({ body: b, ...(i === more.length - 1 ? { completes: first } : {}) })));
    if (interaction.deferred) await progress.step("editReply", () => interaction.editReply(body), done);
    else await progress.step("update", () => interaction.update(body), done);
  } else if (!interaction.deferred) await progress.step("deferUpdate", () => interaction.deferUpdate());
  followUps.push(...(await partsOf(first?.replace ? rest : replies, ctx, (r) => ctx.ephemeral || !!r.ephemeral)));
  for (const part of followUps) await progress.step("followUp", () => interaction.followUp(options(part.body, true)), part.completes ? [part.completes] : []);
}

export async function respondToInteraction(interaction: InteractionPort, work: Promise<OutboundMessage[]>, ctx: RespondContext): Promise<void> {
  let deferring: Promise<unknown> | undefined;
  const component = interaction.kind === "component" ? interaction : undefined;
  const timer = setTimeout(() => {
    // A component defers as "updating its message", so a late answer can still edit it in place.
    const defer = component ? component.deferUpdate() : interaction.deferReply(ctx.ephemeral);
    deferring = defer.catch((err: unknown) => {
      ctx.log.warn({ err }, "discord: defer failed");
    });
  }, ctx.deferAfterMs);
  let replies: OutboundMessage[];
  try {
    replies = await work;
  } finally {
    clearTimeout(timer);
    if (deferring) await deferring;
  }
  const progress = new Progress(replies);

  const withForm = replies.find((r) => r.form);
  if (withForm?.form && !interaction.deferred && !interaction.replied && interaction.kind !== "modal") {
    let customId = modalCustomId(withForm.form);
    if (!customId) {
      // custom_id holds 100 characters; engine form ids and states are short by design.
      ctx.log.warn({ form: withForm.form.id }, "discord: form state too long for a modal id; dropped");
      customId = `form:${withForm.form.id}`.slice(0, 100);
    }
    const modal = renderModal(withForm.form, customId);
    await progress.step("showModal", () => interaction.showModal(modal), [withForm]);
    // The message carrying the form is its text equivalent (the question the modal asks): not sent.
    const rest = replies.filter((r) => r !== withForm && (r.blocks.length || r.buttons?.length));
    if (rest.length) await ctx.elsewhere(rest);
    return;
  }

  if (component && (component.deferred || replies.some((r) => r.replace))) return updateInPlace(component, replies, ctx, progress);
  const [first, ...more] = await partsOf(replies, ctx, (r) => ctx.ephemeral || !!r.ephemeral);
  if (!first) {
    // Nothing to say: acknowledge so Discord does not show "interaction failed".
    if (interaction.deferred) await progress.step("deleteReply", () => interaction.deleteReply());
    else if (component) await progress.step("deferUpdate", () => component.deferUpdate());
    else await progress.step("reply", () => interaction.reply({ content: "✓", flags: EPHEMERAL }));
    return;
  }
  const done = (part: Part) => (part.completes ? [part.completes] : []);
  if (interaction.deferred) await progress.step("editReply", () => interaction.editReply(options(first.body, false)), done(first));
  else await progress.step("reply", () => interaction.reply(options(first.body, true)), done(first));
  for (const part of more) await progress.step("followUp", () => interaction.followUp(options(part.body, true)), done(part));
  // Files after the text, as message attachments (ephemeral in a guild: an export is personal).
  for (const r of replies) {
    if (!r.attachment) continue;
    const file = fileOf(r.attachment);
    await progress.step("followUp", () => interaction.followUp({ files: [file], ...(ctx.ephemeral ? { flags: EPHEMERAL } : {}) }), [r]);
  }
}

export function fileOf(file: Attachment): { attachment: Buffer; name: string } {
  return { attachment: Buffer.from(file.content, "utf8"), name: file.filename };
}
