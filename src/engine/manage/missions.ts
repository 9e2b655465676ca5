// Mission handlers: the form (create or edit, errors per field), preview, publish, close,
// duplicate — every decision taken by the services with ctx.actor.
import { emptyMissionFormValues, missionFormValues } from "../../domain/mission-form.js";
import { closeMission, createMissionDraft, duplicateMission, editMission, getMission, previewMission, publishMission, type FormErr } from "../../services/missions-admin.js";
import { requireManager } from "../../services/managers.js";
import type { Context } from "../context.js";
import { message, paragraph } from "../message.js";
import type { Router } from "../router.js";
import { ACTIONS, missionManagerButtons } from "./cards.js";
import { FORM_MISSION, STATE_FIELD, formValues, missionFormSpec, type TierOption } from "./forms.js";
import { readTierProgram } from "../../services/tiers.js";
import { localized } from "../../domain/tiers.js";
import { actionPayload, formPayload, payloadId, replyError } from "./reply.js";

/** The program's tiers for the form's tier choice, named in the manager's language. */
async function tierOptions(ctx: Context): Promise<TierOption[]> {
  return (await readTierProgram(ctx.deps.db)).tiers.map((tier) => ({ value: tier.key, label: localized(tier.names, ctx.locale) }));
}

/** Opens the blank mission form (the disclosure tag pre-filled). */
export async function openNewMissionForm(ctx: Context): Promise<void> {
  const refused = await requireManager(ctx.deps, ctx.actor, "mission.form");
  if (refused) return replyError(ctx, refused);
  ctx.reply(message([], { form: missionFormSpec(ctx.locale, emptyMissionFormValues(ctx.deps.config.DISCLOSURE_TAG), "new", [], ctx.deps.config.DEFAULT_LOCALE, await tierOptions(ctx)), ephemeral: true }));
}

export async function openEditMissionForm(ctx: Context, id: number | undefined): Promise<void> {
  if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
  // Editing needs the edit right up front (a reviewer may view a mission, not open its edit form).
  const refused = await requireManager(ctx.deps, ctx.actor, "mission.edit", { type: "mission", id });
  if (refused) return replyError(ctx, refused);
  const found = await getMission(ctx.deps, ctx.actor, id);
  if (!found.ok) return replyError(ctx, found);
  ctx.reply(message([], { form: missionFormSpec(ctx.locale, missionFormValues(found.value), `edit:${id}`, [], ctx.deps.config.DEFAULT_LOCALE, await tierOptions(ctx)), ephemeral: true }));
}

/** The preview exactly as influencers get it, followed by the manager's actions. */
async function replyPreview(ctx: Context, id: number, headerId: string, params: Record<string, string | number>): Promise<void> {
  const preview = await previewMission(ctx.deps, ctx.actor, id, ctx.locale);
  if (!preview.ok) return replyError(ctx, preview);
  const mission = await ctx.deps.db.mission.findUniqueOrThrow({ where: { id }, select: { status: true } });
  ctx.replyWith(headerId, params, { ephemeral: true });
  ctx.reply({ ...preview.value, buttons: missionManagerButtons(ctx.locale, id, mission.status), ephemeral: true });
}

async function onMissionForm(ctx: Context): Promise<void> {
  const raw = formPayload(ctx);
  const state = raw[STATE_FIELD] ?? "new";
  const values = formValues(raw);
  const editId = state.startsWith("edit:") ? payloadId(state.slice(5)) : undefined;
  const r = editId ? await editMission(ctx.deps, ctx.actor, editId, values) : await createMissionDraft(ctx.deps, ctx.actor, values);
  if (!r.ok) {
    if ("fieldErrors" in r) return ctx.reply(message([], { form: missionFormSpec(ctx.locale, values, state, (r as FormErr).fieldErrors, ctx.deps.config.DEFAULT_LOCALE, await tierOptions(ctx)), ephemeral: true }));
    return replyError(ctx, r);
  }
  if ("changed" in r.value) {
    const v = r.value;
    const fields = v.changed.map((f) => ctx.t(`manage.field.${f}`)).join(", ") || "-";
    return replyPreview(ctx, v.mission.id, "manage.mission.updated", { id: v.mission.id, fields, notified: v.notified });
  }
  return replyPreview(ctx, r.value.id, "manage.mission.saved", { id: r.value.id });
}

export function registerMissionHandlers(router: Router): void {
  router.form(FORM_MISSION, onMissionForm);
  router.action(ACTIONS.missionEdit, (ctx) => openEditMissionForm(ctx, payloadId(actionPayload(ctx))));
  router.action(ACTIONS.missionPreview, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    await replyPreview(ctx, id, "manage.mission.preview_header", { id });
  });
  router.action(ACTIONS.missionPublish, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await publishMission(ctx.deps, ctx.actor, id);
    if (!r.ok) return replyError(ctx, r);
    if (r.value.status === "scheduled") ctx.replyWith("manage.mission.scheduled", { id });
    else ctx.replyWith("manage.mission.published", { id, count: r.value.announced });
  });
  router.action(ACTIONS.missionClose, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await closeMission(ctx.deps, ctx.actor, id);
    if (!r.ok) return replyError(ctx, r);
    ctx.replyWith("manage.mission.closed_ok", { id });
  });
  router.action(ACTIONS.missionDuplicate, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await duplicateMission(ctx.deps, ctx.actor, id);
    if (!r.ok) return replyError(ctx, r);
    ctx.reply(message([paragraph(ctx.t("manage.mission.duplicated", { id: r.value.id, source: id }))], { buttons: missionManagerButtons(ctx.locale, r.value.id, "draft"), ephemeral: true }));
  });
}
