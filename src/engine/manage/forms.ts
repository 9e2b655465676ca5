// Form specs for managers: the mission form (every field, disclosure tag pre-filled, per-field
// errors on a bad submission), the rejection reason and the broadcast form.
import type { Locale } from "../../config.js";
import { t } from "../../i18n/translate.js";
import { MISSION_FIELDS, type FieldError, type MissionField } from "../../domain/mission-form.js";
import type { FormField, FormSpec } from "../message.js";

export const FORM_MISSION = "mission.form";
export const FORM_REJECT = "review.reject";
export const FORM_BROADCAST = "broadcast.form";
/** The form's opaque state comes back in this value (adapters: FormSpec.state round trip). */
export const STATE_FIELD = "_state";

const MULTILINE: MissionField[] = ["brief", "dos", "donts"];
const REQUIRED: MissionField[] = ["title", "brief", "hashtags", "networks", "points", "deadline"];
const PLACEHOLDERS: Partial<Record<MissionField, string>> = {
  networks: "instagram, tiktok", startsAt: "2026-03-01", deadline: "2026-03-31T18:00Z", points: "100", mentions: "@brand",
  landingUrl: "https://shop.example/summer", discountPrefix: "SUMMER",
};

/** state: "new" or "edit:<missionId>" */
export function missionFormSpec(locale: Locale, values: Partial<Record<MissionField, string>>, state: string, errors: FieldError[] = []): FormSpec {
  const fields: FormField[] = MISSION_FIELDS.map((id) => {
    const error = errors.find((e) => e.field === id);
    const initial = values[id];
    return {
      id, label: t(locale, `manage.field.${id}`), kind: MULTILINE.includes(id) ? "multiline" : id === "landingUrl" ? "url" : "text", required: REQUIRED.includes(id),
      ...(initial ? { initial } : {}), ...(PLACEHOLDERS[id] ? { placeholder: PLACEHOLDERS[id] } : {}),
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

export const BROADCAST_FIELDS = ["text", "regions", "interests", "networks", "tags"] as const;

export function broadcastFormSpec(locale: Locale, values: Record<string, string> = {}, errorField?: string): FormSpec {
  return {
    id: FORM_BROADCAST, title: t(locale, "manage.broadcast.form_title"), submitLabel: t(locale, "manage.form.preview"),
    fields: BROADCAST_FIELDS.map((id) => ({
      id, label: t(locale, id === "text" ? "manage.broadcast.text_label" : id === "networks" ? "manage.field.segmentNetworks" : `manage.field.${id}`),
      kind: id === "text" ? "multiline" : "text", required: id === "text",
      ...(values[id] ? { initial: values[id] } : {}),
      ...(errorField === id ? { error: t(locale, "manage.form.required") } : {}),
    })),
  };
}

/** Form values without the reserved state field. */
export function formValues(values: Record<string, string>): Record<string, string> {
  const { [STATE_FIELD]: _state, ...rest } = values;
  return rest;
}
