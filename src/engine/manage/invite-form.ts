// `/advo invite new` (issue 15): invitations from a modal instead of flags — how many codes, uses
// per code, days until they expire, segment tags (Slack: an external select fed by the tags
// people have) and a note. Every invalid field comes back at once, under itself, in the manager's
// language; saving goes through createInvitations, the CLI's service.
import { csv } from "../../cli/args.js";
import type { Locale } from "../../config.js";
import { t } from "../../i18n/translate.js";
import { createInvitations, createInvitationsSchema } from "../../services/invitations.js";
import { requireManager } from "../../services/managers.js";
import type { Context } from "../context.js";
import { message, paragraph, type FormSpec } from "../message.js";
import type { Router } from "../router.js";
import { formValues } from "./forms.js";
import { formPayload, replyError } from "./reply.js";

export const FORM_INVITE = "invite.form";
const FIELDS = ["count", "uses", "days", "tags", "note"] as const;
type InviteField = (typeof FIELDS)[number];

export function inviteFormSpec(locale: Locale, values: Record<string, string> = {}, errors: Partial<Record<InviteField, string>> = {}): FormSpec {
  const initial: Record<string, string> = { count: "1", uses: "1", ...values };
  return {
    id: FORM_INVITE, title: t(locale, "slack.invite.form_title"), submitLabel: t(locale, "slack.invite.create"),
    fields: FIELDS.map((id) => ({
      id, label: t(locale, `slack.invite.field.${id}`), kind: id === "note" ? "multiline" : "text", required: id === "count" || id === "uses",
      ...(initial[id] ? { initial: initial[id] } : {}), ...(errors[id] ? { error: t(locale, `slack.invite.error.${id}`) } : {}),
    })),
  };
}

export async function openInviteForm(ctx: Context): Promise<void> {
  const refused = await requireManager(ctx.deps, ctx.actor, "invitation.create");
  if (refused) return replyError(ctx, refused);
  ctx.reply(message([], { form: inviteFormSpec(ctx.locale), ephemeral: true }));
}

async function onInviteForm(ctx: Context): Promise<void> {
  const values = formValues(formPayload(ctx));
  const input = {
    count: values.count?.trim() || undefined, uses: values.uses?.trim() || undefined, days: values.days?.trim() || undefined,
    tags: csv(values.tags), note: values.note?.trim() || undefined,
  };
  // All the field errors at once (the service reports the first only).
  const parsed = createInvitationsSchema.safeParse(input);
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), true])) as Partial<Record<InviteField, true>>;
    const shown = Object.fromEntries(FIELDS.filter((f) => errors[f]).map((f) => [f, f])) as Partial<Record<InviteField, string>>;
    return ctx.reply(message([], { form: inviteFormSpec(ctx.locale, values, shown), ephemeral: true }));
  }
  const r = await createInvitations(ctx.deps, ctx.actor, parsed.data);
  if (!r.ok) return replyError(ctx, r);
  // The codes and links are data to copy: shown as they are.
  const lines = r.value.map((i) => `${i.code} · ${i.links.map((l) => `${l.platform}: ${l.link}`).join(" · ")}`);
  ctx.reply(message([paragraph(ctx.t("slack.invite.created", { count: r.value.length })), ...lines.map((l) => paragraph(l))], { ephemeral: true, disablePreview: true }));
}

export function registerInviteForm(router: Router): void {
  router.form(FORM_INVITE, onInviteForm);
}
