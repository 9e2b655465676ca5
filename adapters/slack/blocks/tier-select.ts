// The mission form's tiers as Slack's multi-select (issue 21): the engine gives the program's
// tiers as the field's options (key → name in the manager's language); the submitted keys go back
// as the same comma-separated text the other platforms' text input carries ("silver, gold"), so
// the one mission schema validates every surface. Kept apart from native-fields.ts on purpose.
import type { FormField } from "../../adapter.js";
import type { SlackBlock } from "../render.js";

const LIMITS = { options: 100, optionText: 75, optionValue: 150 } as const;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The multi-select for a `tiers` field with options, or undefined (no tiers known: keep the text input). */
export function tierSelect(formId: string, field: FormField, placeholder?: SlackBlock): SlackBlock | undefined {
  if (formId !== "mission.form" || field.id !== "tiers" || !field.options?.length) return undefined;
  const options = field.options.slice(0, LIMITS.options).map((o) => ({
    text: { type: "plain_text", text: clip(o.label.trim() || o.value, LIMITS.optionText), emoji: true },
    value: o.value.slice(0, LIMITS.optionValue),
  }));
  const chosen = new Set((field.initial ?? "").split(/[\n,]/).map((x) => x.trim().toLowerCase()).filter(Boolean));
  const initial = options.filter((o) => chosen.has(o.value));
  return {
    type: "multi_static_select", action_id: field.id, options,
    ...(initial.length ? { initial_options: initial } : {}), ...(placeholder ? { placeholder } : {}),
  };
}
