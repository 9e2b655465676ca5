// FormSpec → Slack modal view, and back (pure). Each field is an `input` block whose block_id and
// action_id are the field id, so a view_submission maps straight to `values[field.id]`. The
// FormSpec `state` and where the form came from (channel, card ts) ride in private_metadata,
// because Slack gives nothing else back on submit.
import { z } from "zod";
import type { FormField, FormSpec } from "../adapter.js";
import { AppError } from "../../src/errors.js";
import { buttonBlocks, type SlackBlock } from "./render.js";
import { nativeElement, nativeHint, textValue } from "./blocks/native-fields.js";
import { tierNativeElement } from "./blocks/tier-fields.js";

export const MODAL_LIMITS = { title: 24, submit: 24, label: 2000, placeholder: 150, initial: 3000, optionText: 75, optionValue: 150, options: 100, metadata: 3000, blockId: 255 } as const;

/** What a modal must remember until it is submitted. */
export interface ModalOrigin {
  /** FormSpec.state (opaque to the adapter) */
  state?: string;
  /** the channel the form was opened from: replies go there */
  channel?: string;
  /** thread of that conversation */
  thread?: string;
  /** the bot message whose button opened the form (e.g. a review card to update after a decision) */
  messageTs?: string;
}

const originSchema = z.object({
  s: z.string().optional(),
  c: z.string().optional(),
  th: z.string().optional(),
  t: z.string().optional(),
});

export function encodeOrigin(origin: ModalOrigin): string {
  const json = JSON.stringify({
    ...(origin.state !== undefined ? { s: origin.state } : {}),
    ...(origin.channel ? { c: origin.channel } : {}),
    ...(origin.thread ? { th: origin.thread } : {}),
    ...(origin.messageTs ? { t: origin.messageTs } : {}),
  });
  if (json.length > MODAL_LIMITS.metadata)
    throw new AppError("slack.form_state_too_large", `form state is ${json.length} characters; Slack keeps at most ${MODAL_LIMITS.metadata}`);
  return json;
}

export function decodeOrigin(metadata: string | undefined): ModalOrigin {
  if (!metadata) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(metadata);
  } catch {
    return {};
  }
  const r = originSchema.safeParse(raw);
  if (!r.success) return {};
  const o = r.data;
  return { ...(o.s !== undefined ? { state: o.s } : {}), ...(o.c ? { channel: o.c } : {}), ...(o.th ? { thread: o.th } : {}), ...(o.t ? { messageTs: o.t } : {}) };
}

function plain(text: string, max: number) {
  const t = text.trim() || "…";
  return { type: "plain_text" as const, text: t.length > max ? `${t.slice(0, max - 1)}…` : t, emoji: true };
}

function element(formId: string, field: FormField): SlackBlock {
  const native = nativeElement(formId, field, field.placeholder ? plain(field.placeholder, MODAL_LIMITS.placeholder) : undefined)
    ?? tierNativeElement(formId, field, field.placeholder ? plain(field.placeholder, MODAL_LIMITS.placeholder) : undefined);
  if (native) return native;
  if (field.kind === "select") {
    const options = (field.options ?? []).slice(0, MODAL_LIMITS.options).map((o) => ({
      text: plain(o.label, MODAL_LIMITS.optionText),
      value: o.value.slice(0, MODAL_LIMITS.optionValue),
    }));
    const initial = options.find((o) => o.value === field.initial);
    return {
      type: "static_select",
      action_id: field.id,
      options,
      ...(initial ? { initial_option: initial } : {}),
      ...(field.placeholder ? { placeholder: plain(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
    };
  }
  if (field.kind === "url") {
    return {
      type: "url_text_input",
      action_id: field.id,
      ...(field.initial ? { initial_value: field.initial.slice(0, MODAL_LIMITS.initial) } : {}),
      ...(field.placeholder ? { placeholder: plain(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
    };
  }
  return {
    type: "plain_text_input",
    action_id: field.id,
    multiline: field.kind === "multiline",
    ...(field.initial ? { initial_value: field.initial.slice(0, MODAL_LIMITS.initial) } : {}),
    ...(field.placeholder ? { placeholder: plain(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
  };
}

/** The modal view for views.open / views.update / response_action "update". */
export function formToView(form: FormSpec, origin: ModalOrigin = {}): SlackBlock {
  const blocks: SlackBlock[] = [];
  for (const field of form.fields) {
    const hint = nativeHint(form.id, field.id);
    blocks.push({
      type: "input",
      block_id: field.id.slice(0, MODAL_LIMITS.blockId),
      optional: !field.required,
      label: plain(field.label, MODAL_LIMITS.label),
      element: element(form.id, field),
      ...(hint ? { hint: plain(hint, 2000) } : {}),
    });
    // Errors can only be attached to blocks in a view_submission response; when a form is OPENED
    // with errors (e.g. re-opened from a message), show them as context lines under the field.
    if (field.error) blocks.push({ type: "context", elements: [{ type: "plain_text", text: `⚠ ${field.error}`.slice(0, 2000), emoji: true }] });
  }
  // buttons in the modal (e.g. Remove): after the inputs, ids numbered after nothing else
  if (form.buttons?.length) blocks.push(...buttonBlocks([form.buttons]));
  return {
    type: "modal",
    callback_id: form.id,
    title: plain(form.title, MODAL_LIMITS.title),
    submit: plain(form.submitLabel, MODAL_LIMITS.submit),
    private_metadata: encodeOrigin({ ...origin, ...(form.state !== undefined ? { state: form.state } : {}) }),
    blocks,
  };
}

/** `response_action: "errors"` body: block_id → message, for the fields that carry an error. */
export function fieldErrors(form: FormSpec): Record<string, string> | undefined {
  const errors = Object.fromEntries(form.fields.filter((f) => f.error).map((f) => [f.id, f.error!.slice(0, 2000)]));
  return Object.keys(errors).length ? errors : undefined;
}

const stateValueSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date: z.string().nullish(),
  selected_date_time: z.number().nullish(),
});
export const viewStateSchema = z.record(z.string(), z.record(z.string(), stateValueSchema));

/** view.state.values → `{ fieldId: string }` (empty inputs become ""). */
export function viewValues(state: z.infer<typeof viewStateSchema>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const actions of Object.values(state)) {
    for (const [actionId, v] of Object.entries(actions)) {
      values[actionId] = textValue(actionId, v);
    }
  }
  return values;
}
