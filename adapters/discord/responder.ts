// Answering one interaction within Discord's 3 seconds. The engine's replies go out as the
// interaction's response when it is fast; when it is slower than `deferAfterMs` the interaction is
// deferred ("thinking…") and the reply edits it. A form becomes a modal when the interaction can
// still open one; otherwise it waits behind an "Open the form" button (FormCache).
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction, type StringSelectMenuInteraction } from "discord.js";
import type { Logger } from "../../src/logger.js";
import { t, type Locale } from "../../src/i18n/translate.js";
import type { Attachment, OutboundMessage } from "../adapter.js";
import type { FormCache } from "./form-cache.js";
import { EPHEMERAL, modalCustomId, renderMessage, renderModal, type ActionRow, type MessageBody } from "./render.js";

export type Respondable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

export interface RespondContext {
  /** personal answers in guild channels are visible to the author only */
  ephemeral: boolean;
  locale: Locale;
  forms: FormCache;
  log: Logger;
  deferAfterMs: number;
  /** where messages go that cannot be part of the response (after a modal was opened) */
  elsewhere(messages: OutboundMessage[]): Promise<void>;
}

/** A message → bodies; its form (if any) as an "Open the form" button row. */
export function renderWithForm(message: OutboundMessage, ephemeral: boolean, forms: FormCache, locale: Locale): MessageBody[] {
  const extraRows: ActionRow[] = message.form
    ? [{ type: 1, components: [{ type: 2, style: 1, label: t(locale, "discord.form.open"), custom_id: forms.put(message.form) }] }]
    : [];
  return renderMessage(message, { ephemeral, extraRows }).bodies;
}

function options(body: MessageBody, allowEphemeral: boolean) {
  const flags = (body.flags ?? 0) & (allowEphemeral ? ~0 : ~EPHEMERAL);
  return { content: body.content, components: body.components, allowedMentions: { parse: [] as [] }, ...(flags ? { flags } : {}) };
}

export async function respondToInteraction(interaction: Respondable, work: Promise<OutboundMessage[]>, ctx: RespondContext): Promise<void> {
  let deferring: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    deferring = interaction.deferReply(ctx.ephemeral ? { flags: MessageFlags.Ephemeral } : {}).catch((err: unknown) => {
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
    const rest = replies.map((r) => (r === withForm ? { ...r, form: undefined } : r)).filter((r) => r.blocks.length || r.buttons?.length);
    if (rest.length) await ctx.elsewhere(rest);
    return;
  }

  const bodies = replies.flatMap((r) => renderWithForm(r, ctx.ephemeral, ctx.forms, ctx.locale));
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
