// `/advo reward new` and `/advo reward edit ID` (issue 17): the reward modal — name, description,
// cost, stock, and the name and description in each other language (optional; a language given is
// complete, or the form comes back with the error on its field). Saving goes through the same
// services as the CLI (`createReward`, `updateReward`), so the rules are the same everywhere.
import type { Locale } from "../../config.js";
import { LOCALES } from "../../config.js";
import { readRewardTranslations } from "../../domain/content-translations.js";
import { REWARD_TRANSLATED_PARTS } from "../../domain/reward-form-translations.js";
import { t } from "../../i18n/translate.js";
import { createReward, rewardSchema, updateReward, type RewardFormErr } from "../../services/catalog-admin.js";
import { requireManager } from "../../services/managers.js";
import type { Context } from "../context.js";
import { message, paragraph, type FormField, type FormSpec } from "../message.js";
import { ACTIONS } from "./cards.js";
import type { Router } from "../router.js";
import { STATE_FIELD, formValues } from "./forms.js";
import { actionPayload, formPayload, payloadId, replyError } from "./reply.js";

export const FORM_REWARD = "reward.form";
const BASE = ["name", "description", "cost", "stock"] as const;

function label(locale: Locale, id: string): string {
  const [part, language] = id.split("_") as [string, Locale | undefined];
  const base = t(locale, `lang.reward.field.${part}`);
  return language ? t(locale, "lang.field.translated", { field: base, language: t(locale, `core.language.name.${language}`) }) : base;
}

/** state: "new" or "edit:<rewardId>"; `programLocale`: the language of the main fields. */
export function rewardFormSpec(locale: Locale, programLocale: Locale, values: Record<string, string>, state: string, errors: { field: string; messageId: string }[] = []): FormSpec {
  const ids = [...BASE, ...LOCALES.filter((l) => l !== programLocale).flatMap((l) => REWARD_TRANSLATED_PARTS.map((p) => `${p}_${l}`))];
  const fields: FormField[] = ids.map((id) => {
    const error = errors.find((e) => e.field === id) ?? (id === ids[BASE.length] ? errors.find((e) => e.field === "translations") : undefined);
    return {
      id, label: label(locale, id), kind: id.startsWith("description") ? "multiline" : "text", required: id === "name" || id === "cost",
      ...(values[id] ? { initial: values[id] } : {}), ...(error ? { error: t(locale, error.messageId) } : {}),
    };
  });
  return { id: FORM_REWARD, title: t(locale, state === "new" ? "lang.reward.form_new_title" : "lang.reward.form_edit_title"), submitLabel: t(locale, "lang.reward.save"), fields, state };
}

export async function openRewardForm(ctx: Context, editId?: number): Promise<void> {
  const refused = await requireManager(ctx.deps, ctx.actor, editId ? "reward.update" : "reward.create");
  if (refused) return replyError(ctx, refused);
  const values: Record<string, string> = {};
  if (editId) {
    const r = await ctx.deps.db.reward.findUnique({ where: { id: editId } });
    if (!r) return ctx.replyWith("manage.reward.not_found", { id: editId }, { ephemeral: true });
    Object.assign(values, { name: r.name, description: r.description, cost: String(r.cost), stock: r.stock === null ? "" : String(r.stock) });
    for (const [l, tr] of Object.entries(readRewardTranslations(r.translations))) Object.assign(values, { [`name_${l}`]: tr!.name, [`description_${l}`]: tr!.description });
  }
  ctx.reply(message([], { form: rewardFormSpec(ctx.locale, ctx.deps.config.DEFAULT_LOCALE, values, editId ? `edit:${editId}` : "new"), ephemeral: true }));
}

async function onRewardForm(ctx: Context): Promise<void> {
  const raw = formPayload(ctx);
  const state = raw[STATE_FIELD] ?? "new";
  const values = formValues(raw);
  const editId = state.startsWith("edit:") ? payloadId(state.slice(5)) : undefined;
  // A blank translation field clears that language on edit (as `--name-es=` does in the CLI).
  const r = editId ? await updateReward(ctx.deps, ctx.actor, editId, values) : await createReward(ctx.deps, ctx.actor, { stock: null, ...values } as Parameters<typeof createReward>[2]);
  if (!r.ok) {
    // The service names the first bad field; the modal shows every one at once, under itself.
    const everyField = () => {
      const issues = rewardSchema.safeParse({ stock: null, ...values }).error?.issues ?? [];
      const fields = [...new Set([String(r.params?.field ?? "name"), ...issues.map((i) => String(i.path[0]))])];
      const why = (field: string) => (field === "name" ? "manage.form.required" : field === "cost" || field === "stock" ? "manage.form.number" : "manage.form.invalid");
      return fields.map((field) => ({ field, messageId: why(field) }));
    };
    const fieldErrors = (r as RewardFormErr).fieldErrors ?? (r.error === "manage.reward.invalid" ? everyField() : undefined);
    if (fieldErrors) return ctx.reply(message([], { form: rewardFormSpec(ctx.locale, ctx.deps.config.DEFAULT_LOCALE, values, state, fieldErrors), ephemeral: true }));
    return replyError(ctx, r);
  }
  // Its message carries Edit: the same modal again, pre-filled (name, description, cost, stock).
  const edit = { action: ACTIONS.rewardEdit, label: t(ctx.locale, "manage.button.edit"), payload: String(r.value.id) };
  ctx.reply(message([paragraph(ctx.t("lang.reward.saved", { id: r.value.id, name: r.value.name }))], { buttons: [[edit]], ephemeral: true }));
}

export function registerRewardHandlers(router: Router): void {
  router.form(FORM_REWARD, onRewardForm);
  router.action(ACTIONS.rewardEdit, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    return id ? openRewardForm(ctx, id) : ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
  });
}
