// Answering one interaction within Discord's 3 seconds. The engine's replies go out as the
// interaction's response when it is fast; when it is slower than `deferAfterMs` the interaction is
// deferred ("thinking…") and the reply edits it. A form becomes a modal when the interaction can
// still open one; otherwise it waits behind an "Open the form" button (FormCache).
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction, type StringSelectMenuInteraction } from "discord.js";
import type { Logger } from "../../src/logger.js";
import { t, type Locale } from "../../src/i18n/translate.js";
import type { Attachment, FormSpec, OutboundMessage } from "../adapter.js";
/** Where a form waits behind an "Open the form" button (the database, for one conversation). */
export interface FormStore {
  put(form: FormSpec): Promise<string>;
}
import { EPHEMERAL, modalCustomId, renderMessage, renderModal, type ActionRow, type MessageBody } from "./render.js";

export type Respondable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

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

function options(body: MessageBody, allowEphemeral: boolean) {
  const flags = (body.flags ?? 0) & (allowEphemeral ? ~0 : ~EPHEMERAL);
  return { content: body.content, components: body.components, allowedMentions: { parse: [] as [] }, ...(flags ? { flags } : {}) };
}

/** The part of a "replace" answer that goes into the component's own message. */
async function replaceBody(reply: OutboundMessage, ctx: RespondContext): Promise<{ body: { content?: string; components: ActionRow[] }; more: MessageBody[] }> {
  // Only the components: the message keeps its text.
  if (reply.replace === "buttons") return { body: { components: renderMessage({ blocks: [], buttons: reply.buttons ?? [] }).bodies[0]?.components ?? [] }, more: [] };
  const [first, ...more] = await renderWithForm(reply, false, ctx.forms, ctx.locale);
  return { body: first ? options(first, false) : { content: "\u200b", components: [] }, more };
}

/**
 * A component's answer that edits the component's own message (Discord's UPDATE_MESSAGE, or an edit
 * of the original after deferUpdate); the other replies follow as new messages.
 */
async function updateInPlace(interaction: ButtonInteraction | StringSelectMenuInteraction, replies: OutboundMessage[], ctx: RespondContext): Promise<void> {
  const [first, ...rest] = replies;
  const followUps: MessageBody[] = [];
  if (first?.replace) {
    const { body, more } = await replaceBody(first, ctx);
    followUps.push(...more);
    if (interaction.deferred) await interaction.editReply(body);
    else await interaction.update(body);
  } else if (!interaction.deferred) await interaction.deferUpdate();
  for (const reply of first?.replace ? rest : replies) {
    if (reply.replace === "buttons") continue;
    followUps.push(...(await renderWithForm(reply, ctx.ephemeral || !!reply.ephemeral, ctx.forms, ctx.locale)));
  }
  for (const body of followUps) await interaction.followUp(options(body, true));
}

export async function respondToInteraction(interaction: Respondable, work: Promise<OutboundMessage[]>, ctx: RespondContext): Promise<void> {
  let deferring: Promise<unknown> | undefined;
  const component = interaction.isButton() || interaction.isStringSelectMenu() ? interaction : undefined;
  const timer = setTimeout(() => {
    // A component defers as "updating its message", so a late answer can still edit it in place.
    const defer = component ? component.deferUpdate() : interaction.deferReply(ctx.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
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

  const withForm = replies.find((r) => r.form);
  if (withForm?.form && !interaction.deferred && !interaction.replied && !interaction.isModalSubmit()) {
    let customId = modalCustomId(withForm.form);
    if (!customId) {
      // custom_id holds 100 characters; engine form ids and states are short by design.
      ctx.log.warn({ form: withForm.form.id }, "discord: form state too long for a modal id; dropped");
      customId = `form:${withForm.form.id}`.slice(0, 100);
    }
    await interaction.showModal(renderModal(withForm.form, customId) as never);
    // The message carrying the form is its text equivalent (the question the modal asks): not sent.
    const rest = replies.filter((r) => r !== withForm && (r.blocks.length || r.buttons?.length));
    if (rest.length) await ctx.elsewhere(rest);
    return;
  }

  if (component && (component.deferred || replies.some((r) => r.replace))) return updateInPlace(component, replies, ctx);
  const bodies: MessageBody[] = [];
  for (const r of replies) if (r.replace !== "buttons") bodies.push(...(await renderWithForm(r, ctx.ephemeral || !!r.ephemeral, ctx.forms, ctx.locale)));
  const [first, ...more] = bodies;
  if (!first) {
    // Nothing to say: acknowledge so Discord does not show "interaction failed".
    if (interaction.deferred) await interaction.deleteReply();
    else if (interaction.isButton() || interaction.isStringSelectMenu()) await interaction.deferUpdate();
    else await interaction.reply({ content: "✓", flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.deferred) await interaction.editReply(options(first, false));
  else await interaction.reply(options(first, true));
  for (const body of more) await interaction.followUp(options(body, true));
  // Files after the text, as message attachments (ephemeral in a guild: an export is personal).
  for (const r of replies) {
    if (!r.attachment) continue;
    await interaction.followUp({ files: [fileOf(r.attachment)], ...(ctx.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  }
}

export function fileOf(file: Attachment): { attachment: Buffer; name: string } {
  return { attachment: Buffer.from(file.content, "utf8"), name: file.filename };
}
