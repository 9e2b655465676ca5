// Slack's native inputs for the growth forms (issue 21), kept apart from native-fields.ts:
// - the mission form's tiers as a multi-select: the engine gives the program's tiers as the
//   field's options (key → name in the manager's language); the submitted keys go back as the
//   same comma-separated text the other platforms' text input carries ("silver, gold"), so the one
//   mission schema validates every surface; the mission form's languages (issue 15) the same way
//   (locale → language named in the manager's language), and the broadcast form's languages too;
// - the tier modal's points needed (a whole number from 0) and multiplier (1 to 5, decimals) as
//   number inputs; Slack checks them client-side, the engine's form checks them again.
import type { FormField } from "../../adapter.js";
import type { SlackBlock } from "../render.js";

const LIMITS = { options: 100, optionText: 75, optionValue: 150 } as const;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The native element for a growth form field, or undefined to keep the generic one. */
export function tierNativeElement(formId: string, field: FormField, placeholder?: SlackBlock): SlackBlock | undefined {
  if (formId === "tier.form" && (field.id === "threshold" || field.id === "multiplier")) return tierNumber(field, placeholder);
  return tierSelect(formId, field, placeholder);
}

function tierNumber(field: FormField, placeholder?: SlackBlock): SlackBlock {
  const decimal = field.id === "multiplier";
  const initial = (field.initial ?? "").trim().replace(",", ".");
  const valid = decimal ? /^\d+(\.\d+)?$/.test(initial) : /^\d+$/.test(initial);
  return {
    type: "number_input", action_id: field.id, is_decimal_allowed: decimal, min_value: decimal ? "1" : "0", ...(decimal ? { max_value: "5" } : { max_value: "100000000" }),
    ...(valid ? { initial_value: initial } : {}), ...(placeholder ? { placeholder } : {}),
  };
}

/** The multi-select for a mission's `tiers` or `languages`, or a broadcast's `languages`, with options, or undefined (no options: keep the text input). */
function tierSelect(formId: string, field: FormField, placeholder?: SlackBlock): SlackBlock | undefined {
  const offered = formId === "mission.form" ? field.id === "tiers" || field.id === "languages" : formId === "broadcast.form" && field.id === "languages";
  if (!offered || !field.options?.length) return undefined;
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
