// Slack's native inputs for the engine's forms (pure). The engine describes fields as text; the
// adapter knows which of them are really networks, numbers or moments, and shows Slack's own
// element for each: multi_static_select for networks, number_input for points and caps,
// datetimepicker for start and deadline (Slack shows it in the manager's own time zone and
// returns a Unix time, so no zone guessing here). Submitted values go back to the engine as the
// same strings it would get from the text inputs ("instagram, tiktok", "100", ISO instants), so
// the engine's one zod schema still validates every surface.
import { MISSION_NETWORKS } from "../../../src/domain/mission-form.js";
import type { FormField } from "../../adapter.js";
import type { SlackBlock } from "../render.js";

type NativeKind = "networks" | "integer" | "datetime" | "tags" | "suggested";

/** form id → field id → native element */
const NATIVE: Record<string, Record<string, NativeKind>> = {
  "mission.form": {
    networks: "networks", segmentNetworks: "networks", points: "integer", cap: "integer", startsAt: "datetime", deadline: "datetime",
    hashtags: "tags", mentions: "tags", pointsPerConversion: "integer",
    regions: "suggested", interests: "suggested", tags: "suggested",
  },
  "broadcast.form": { networks: "networks", regions: "suggested", interests: "suggested", tags: "suggested" },
  "reward.form": { cost: "integer", stock: "integer" },
  "cycle.form": { nextEndsAt: "datetime", rolloverCap: "integer" },
  "invite.form": { count: "integer", uses: "integer", days: "integer", tags: "suggested" },
};

const NETWORK_LABELS: Record<(typeof MISSION_NETWORKS)[number], string> = {
  instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube", x: "X", facebook: "Facebook", twitch: "Twitch", linkedin: "LinkedIn",
};

const option = (value: string) => ({ text: { type: "plain_text", text: NETWORK_LABELS[value as keyof typeof NETWORK_LABELS] ?? value, emoji: true }, value });
const splitList = (s: string | undefined) => (s ?? "").split(/[\n,]/).map((x) => x.trim().toLowerCase()).filter(Boolean);

/** Slack shows at most 100 options; an option's text is at most 75 characters, its value 150. */
export const SUGGESTIONS_MAX = 100;
const plainOption = (value: string) => ({ text: { type: "plain_text", text: value.slice(0, 75), emoji: true }, value: value.slice(0, 150) });

/**
 * The answer to a block_suggestion: the known values containing what was typed (case-insensitive),
 * the typed value itself first when it is new (a manager may target a value nobody has yet), at
 * most 100.
 */
export function suggestionOptions(known: string[], typed: string): { options: ReturnType<typeof plainOption>[] } {
  const q = typed.trim().toLowerCase();
  const matches = [...new Set(known.map((k) => k.trim().toLowerCase()).filter((k) => k && k.includes(q)))].sort();
  const list = q && !matches.includes(q) ? [q, ...matches] : matches;
  return { options: list.slice(0, SUGGESTIONS_MAX).map(plainOption) };
}

export function nativeKind(formId: string, fieldId: string): NativeKind | undefined {
  return NATIVE[formId]?.[fieldId];
}

/** The native element for a field, or undefined to keep the generic one. */
export function nativeElement(formId: string, field: FormField, placeholder?: SlackBlock): SlackBlock | undefined {
  const kind = nativeKind(formId, field.id);
  if (kind === "networks") {
    const initial = splitList(field.initial).filter((n) => (MISSION_NETWORKS as readonly string[]).includes(n));
    return {
      type: "multi_static_select", action_id: field.id, options: MISSION_NETWORKS.map(option),
      ...(initial.length ? { initial_options: initial.map(option) } : {}), ...(placeholder ? { placeholder } : {}),
    };
  }
  if (kind === "suggested") {
    // Lists that can outgrow Slack's 100 static options: served by the options load URL as the
    // manager types (block_suggestion, suggestionOptions below); what was chosen comes back as options.
    const initial = splitList(field.initial).slice(0, SUGGESTIONS_MAX);
    return {
      type: "multi_external_select", action_id: field.id, min_query_length: 0,
      ...(initial.length ? { initial_options: initial.map(plainOption) } : {}), ...(placeholder ? { placeholder } : {}),
    };
  }
  if (kind === "integer") {
    const initial = field.initial && /^\d+$/.test(field.initial.trim()) ? field.initial.trim() : undefined;
    return { type: "number_input", action_id: field.id, is_decimal_allowed: false, min_value: ["pointsPerConversion", "stock", "rolloverCap"].includes(field.id) ? "0" : "1", ...(initial ? { initial_value: initial } : {}), ...(placeholder ? { placeholder } : {}) };
  }
  if (kind === "datetime") {
    const at = field.initial ? Date.parse(field.initial) : NaN;
    return { type: "datetimepicker", action_id: field.id, ...(Number.isFinite(at) ? { initial_date_time: Math.floor(at / 1000) } : {}) };
  }
  return undefined;
}

/** Hint shown under a field whose text Slack cannot check (hashtags with or without commas). */
export function nativeHint(formId: string, fieldId: string): string | undefined {
  return nativeKind(formId, fieldId) === "tags" ? (fieldId === "hashtags" ? "#ad #spring  ·  #ad, #spring" : "@brand @shop") : undefined;
}

/** One submitted state value, as Slack sends it for each element type. */
export interface SlackStateValue {
  type: string;
  value?: string | null | undefined;
  selected_option?: { value: string } | null | undefined;
  selected_options?: { value: string }[] | null | undefined;
  selected_date?: string | null | undefined;
  selected_date_time?: number | null | undefined;
}

/** A submitted value as the engine's text form would carry it. */
export function textValue(actionId: string, v: SlackStateValue): string {
  if (v.selected_options) return v.selected_options.map((o) => o.value).join(", ");
  if (typeof v.selected_date_time === "number") return new Date(v.selected_date_time * 1000).toISOString();
  const text = v.value ?? v.selected_option?.value ?? v.selected_date ?? "";
  // "#ad #spring" and "#ad, #spring" mean the same list: spaces separate tags too.
  if (actionId === "hashtags" || actionId === "mentions") return text.split(/[\s,]+/).filter(Boolean).join(", ");
  return text;
}
