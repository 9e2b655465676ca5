// `/advo tier new` and `/advo tier edit KEY` (issue 21): the tier modal — key (new tiers only), the
// name and perks in each language, the points needed and the mission points multiplier. A bad
// submission comes back with every error under its field; saving goes through saveTierForm
// (admin only, audited), the same rules as `advo tier set`.
import type { Locale } from "../../config.js";
import { TIER_FORM_FIELDS, tierFormValues, type TierFieldError } from "../../domain/tier-form.js";
import { localized } from "../../domain/tiers.js";
import { t } from "../../i18n/translate.js";
import { requireManager } from "../../services/managers.js";
import { readTierProgram } from "../../services/tiers.js";
import { saveTierForm, type TierFormErr } from "../../services/tiers-admin.js";
import type { Context } from "../context.js";
import { message, type Button, type FormField, type FormSpec } from "../message.js";
import type { Router } from "../router.js";
import { STATE_FIELD, formValues } from "./forms.js";
import { TIER_REMOVE_ACTIONS } from "./tier-remove.js";
import { formPayload, replyError } from "./reply.js";

export const FORM_TIER = "tier.form";

function label(locale: Locale, id: string): string {
  const [part, language] = id.split("_") as [string, Locale | undefined];
  if (language) return t(locale, `growth.tier_modal.${part as "name" | "perks"}`, { language: t(locale, `core.language.name.${language}`) });
  return t(locale, `growth.tier_modal.${part as "key" | "threshold" | "multiplier"}`);
}

/** state: "new" or "edit:<key>" (a tier's key does not change, so the edit form has no key field). */
export function tierFormSpec(locale: Locale, values: Record<string, string>, state: string, errors: TierFieldError[] = []): FormSpec {
  const ids = TIER_FORM_FIELDS.filter((id) => id !== "key" || state === "new");
  const fields: FormField[] = ids.map((id) => {
    const error = errors.find((e) => e.field === id);
    return {
      id, label: label(locale, id), kind: id.startsWith("perks_") ? "multiline" : "text", required: id === "key" || id === "name_en" || id === "threshold",
      ...(values[id] ? { initial: values[id] } : {}),
      ...(id === "key" ? { placeholder: "silver", maxLength: 32 } : id.startsWith("name_") ? { maxLength: 40 } : id.startsWith("perks_") ? { maxLength: 300 } : {}),
      ...(error ? { error: t(locale, error.messageId) } : {}),
    };
  });
  // an existing tier can be removed from its modal: the button asks first, as /advo tier remove KEY
  const editing = state.startsWith("edit:") ? state.slice(5) : undefined;
  const name = values[`name_${locale}`] || values.name_en || editing || "";
  const buttons: Button[] = editing ? [{ action: TIER_REMOVE_ACTIONS.ask, label: t(locale, "growth.tier.remove_button", { name }), payload: editing, style: "danger" }] : [];
  return {
    id: FORM_TIER, title: t(locale, state === "new" ? "growth.tier_modal.title_new" : "growth.tier_modal.title_edit"), submitLabel: t(locale, "growth.tier_modal.save"), fields, state,
    ...(buttons.length ? { buttons } : {}),
  };
}

export async function openTierForm(ctx: Context, editKey?: string): Promise<void> {
  const refused = await requireManager(ctx.deps, ctx.actor, "tiers.set", { type: "tier", id: editKey ?? "new" });
  if (refused) return replyError(ctx, refused);
  let values: Record<string, string> = { multiplier: "1" };
  if (editKey !== undefined) {
    const tier = (await readTierProgram(ctx.deps.db)).tiers.find((x) => x.key === editKey.trim().toLowerCase());
    if (!tier) return ctx.replyWith("growth.tier_modal.not_found", { key: editKey }, { ephemeral: true });
    values = tierFormValues(tier);
  }
  ctx.reply(message([], { form: tierFormSpec(ctx.locale, values, editKey !== undefined ? `edit:${values.key}` : "new"), ephemeral: true }));
}

async function onTierForm(ctx: Context): Promise<void> {
  const raw = formPayload(ctx);
  const state = raw[STATE_FIELD] ?? "new";
  const values = formValues(raw);
  const editing = state.startsWith("edit:") ? state.slice(5) : undefined;
  const r = await saveTierForm(ctx.deps, ctx.actor, values, editing);
  if (!r.ok) {
    const fieldErrors = (r as TierFormErr).fieldErrors;
    if (fieldErrors) return ctx.reply(message([], { form: tierFormSpec(ctx.locale, values, state, fieldErrors), ephemeral: true }));
    return replyError(ctx, r);
  }
  const { tier } = r.value;
  ctx.replyWith("growth.tier_modal.saved", { name: localized(tier.names, ctx.locale), threshold: tier.threshold, multiplier: tier.multiplierPercent / 100 }, { ephemeral: true });
}

export function registerTierForm(router: Router): void {
  router.form(FORM_TIER, onTierForm);
}
