// Form specs for managers: the mission form (every field, disclosure tag pre-filled, per-field
// errors on a bad submission), the rejection reason and the broadcast form.
import { LOCALES, type Locale } from "../../config.js";
import { languageOptions } from "../segment-languages.js";
import { t } from "../../i18n/translate.js";
import { MISSION_FIELDS, type FieldError, type MissionField } from "../../domain/mission-form.js";
import { isTranslationField, translationFields } from "../../domain/mission-form-translations.js";
import type { FormField, FormSpec } from "../message.js";

export const FORM_MISSION = "mission.form";
export const FORM_REJECT = "review.reject";
export const FORM_BROADCAST = "broadcast.form";
/** The form's opaque state comes back in this value (adapters: FormSpec.state round trip). */
export const STATE_FIELD = "_state";

const MULTILINE = ["brief", "dos", "donts"];

/** "Title", or "Title (Español)" for a translation field. */
export function missionFieldLabel(locale: Locale, id: MissionField): string {
  if (!isTranslationField(id)) return t(locale, `manage.field.${id}`);
  const [part, language] = id.split("_") as [(typeof MISSION_FIELDS)[number], Locale];
  return t(locale, "lang.field.translated", { field: t(locale, `manage.field.${part}`), language: t(locale, `core.language.name.${language}`) });
}
const REQUIRED: MissionField[] = ["title", "brief", "hashtags", "networks", "points", "deadline"];
const PLACEHOLDERS: Partial<Record<MissionField, string>> = {
  networks: "instagram, tiktok", startsAt: "2026-03-01", deadline: "2026-03-31T18:00Z", points: "100", mentions: "@brand",
  landingUrl: "https://shop.example/summer", discountPrefix: "SUMMER", pointsPerConversion: "0",
};

/** A tier the mission form offers (its key and its name in the manager's language). */
export interface TierOption {
  value: string;
  label: string;
}

/**
 * state: "new" or "edit:<missionId>". `programLocale`: the language of the main fields; the form
 * also offers the title, brief, do's and don'ts in each other language (optional). `tierOptions`:
 * the program's tiers, which a platform with a multi-select (Slack) offers as choices.
 */
export function missionFormSpec(
  locale: Locale, values: Partial<Record<MissionField, string>>, state: string, errors: FieldError[] = [], programLocale: Locale = "en", tierOptions: TierOption[] = [],
): FormSpec {
  const ids: MissionField[] = [...MISSION_FIELDS, ...translationFields(programLocale)];
  const fields: FormField[] = ids.map((id) => {
    const error = errors.find((e) => e.field === id) ?? (id === translationFields(programLocale)[0] ? errors.find((e) => e.field === "translations") : undefined);
    const initial = values[id];
    const part = id.split("_")[0]!;
    return {
      id, label: missionFieldLabel(locale, id), kind: MULTILINE.includes(part) ? "multiline" : id === "landingUrl" ? "url" : "text", required: REQUIRED.includes(id),
      ...(initial ? { initial } : {}), ...(PLACEHOLDERS[id] ? { placeholder: PLACEHOLDERS[id] } : {}),
      ...(id === "tiers" && tierOptions.length ? { options: tierOptions, placeholder: tierOptions.map((o) => o.value).join(", ") } : {}),
      ...(id === "languages" ? { options: languageOptions(locale), placeholder: LOCALES.join(", ") } : {}),
      ...(error ? { error: t(locale, error.messageId) } : {}),
    };
  });
  return {
    id: FORM_MISSION, title: t(locale, state === "new" ? "manage.form.mission_new_title" : "manage.form.mission_edit_title"),
    submitLabel: t(locale, "manage.form.save_preview"), fields, state,
  };
}

export function rejectFormSpec(locale: Locale, submissionId: number, error?: string): FormSpec {
  return {
    id: FORM_REJECT, title: t(locale, "manage.review.reject_title"), submitLabel: t(locale, "manage.button.reject"), state: String(submissionId),
    fields: [{ id: "reason", label: t(locale, "manage.review.reason_label"), kind: "multiline", required: true, ...(error ? { error: t(locale, error) } : {}) }],
  };
}

export const BROADCAST_FIELDS = ["text", "regions", "interests", "networks", "tags", "languages"] as const;

/**
 * `error`: the field to mark and its message (the text already translated, e.g. an unknown
 * language named); a bare field id marks it "required". Languages offer the four locales, as the
 * mission form does (Slack: a multi-select; elsewhere codes typed).
 */
export function broadcastFormSpec(locale: Locale, values: Record<string, string> = {}, error?: string | { field: string; text: string }): FormSpec {
  const marked = typeof error === "string" ? { field: error, text: t(locale, "manage.form.required") } : error;
  return {
    id: FORM_BROADCAST, title: t(locale, "manage.broadcast.form_title"), submitLabel: t(locale, "manage.form.preview"),
    fields: BROADCAST_FIELDS.map((id) => ({
      id, label: t(locale, id === "text" ? "manage.broadcast.text_label" : id === "networks" ? "manage.field.segmentNetworks" : `manage.field.${id}`),
      kind: id === "text" ? "multiline" : "text", required: id === "text",
      ...(values[id] ? { initial: values[id] } : {}),
      ...(id === "languages" ? { options: languageOptions(locale), placeholder: LOCALES.join(", ") } : {}),
      ...(marked?.field === id ? { error: marked.text } : {}),
    })),
  };
}

/** Form values without the reserved state field. */
export function formValues(values: Record<string, string>): Record<string, string> {
  const { [STATE_FIELD]: _state, ...rest } = values;
  return rest;
}
