// What Slack sends, built the way Slack builds it: signed with v0 HMAC-SHA256 over
// "v0:<timestamp>:<raw body>", slash commands as form fields, interactions as a `payload` form
// field, events as JSON. Payload shapes follow recorded Slack payloads (trimmed).
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret";

export interface SignedPostOptions {
  secret?: string;
  /** seconds since epoch; default now */
  timestamp?: number;
  retryNum?: number;
  contentType?: string;
  /** replace the computed signature (forgery tests) */
  signature?: string;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export async function signedPost(url: string, body: string, options: SignedPostOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? sign(options.secret ?? SIGNING_SECRET, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  return fetch(url, { method: "POST", headers, body });
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

let counter = 0;
const nextTrigger = () => `${Date.now()}.${++counter}.trigger`;

export function slashCommand(text: string, opts: { user?: string; channel?: string; responseUrl?: string; command?: string } = {}): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: "T0001",
    team_domain: "fake",
    channel_id: opts.channel ?? "CMANAGERS",
    channel_name: "advo-managers",
    user_id: opts.user ?? "UMANAGER1",
    user_name: "maria",
    command: opts.command ?? "/advo",
    text,
    api_app_id: "A0001",
    response_url: opts.responseUrl ?? "https://hooks.slack.com/commands/T0001/1/abc",
    trigger_id: nextTrigger(),
  };
}

/** A button press; `message`: the pressed message as the bot posted it (Slack sends its text and blocks). */
export function blockAction(
  actionId: string, value: string | undefined,
  opts: { user?: string; channel?: string; messageTs?: string; ephemeral?: boolean; responseUrl?: string; message?: { text?: unknown; blocks?: unknown } } = {},
) {
  const channel = opts.channel ?? "CMANAGERS";
  const ts = opts.messageTs ?? "1700000000.000100";
  return {
    type: "block_actions",
    user: { id: opts.user ?? "UMANAGER1", username: "maria", name: "maria", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: opts.ephemeral ?? false },
    trigger_id: nextTrigger(),
    team: { id: "T0001", domain: "fake" },
    channel: { id: channel, name: "advo-managers" },
    message: { type: "message", ts, user: "UBOT", bot_id: "BBOT", text: "card", ...(opts.message ? { text: opts.message.text, blocks: opts.message.blocks } : {}) },
    response_url: opts.responseUrl ?? "https://hooks.slack.com/actions/T0001/1/abc",
    actions: [{ action_id: actionId, block_id: "b1", ...(value !== undefined ? { value } : {}), type: "button", action_ts: "1700000001.000200", text: { type: "plain_text", text: "x" } }],
  };
}

/**
 * A submit of a modal; `viewId` stays the same across re-submits (as does Slack's hash). A string
 * value is a plain_text_input; an object is the element's state as Slack sends it (e.g.
 * `{ type: "number_input", value: "5" }`, `{ type: "datetimepicker", selected_date_time: 1767225600 }`).
 */
export function viewSubmission(callbackId: string, values: Record<string, string | Record<string, unknown>>, opts: { user?: string; privateMetadata?: string; viewId?: string } = {}) {
  const viewId = opts.viewId ?? `V-${callbackId}`;
  const state: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(values)) state[k] = { [k]: typeof v === "string" ? { type: "plain_text_input", value: v === "" ? null : v } : v };
  return {
    type: "view_submission",
    team: { id: "T0001", domain: "fake" },
    user: { id: opts.user ?? "UMANAGER1", username: "maria", name: "maria", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    trigger_id: nextTrigger(),
    view: {
      id: viewId,
      team_id: "T0001",
      type: "modal",
      callback_id: callbackId,
      private_metadata: opts.privateMetadata ?? "",
      hash: `${viewId}.hash`,
      state: { values: state },
    },
  };
}

/** Slack's state for a multi_static_select with these values chosen */
export const chosen = (...values: string[]) => ({ type: "multi_static_select", selected_options: values.map((value) => ({ text: { type: "plain_text", text: value }, value })) });
/** Slack's state for a datetimepicker set to this instant (whole seconds) */
export const pickedAt = (iso: string) => ({ type: "datetimepicker", selected_date_time: Math.floor(Date.parse(iso) / 1000) });
/** Slack's state for a number_input (Slack sends the digits as a string; null when empty) */
export const numberInput = (value: string) => ({ type: "number_input", value: value === "" ? null : value });

export function dmEvent(text: string, opts: { user?: string; channel?: string; eventId?: string } = {}) {
  return {
    token: "legacy-verification-token",
    team_id: "T0001",
    api_app_id: "A0001",
    event: { type: "message", channel: opts.channel ?? "DINFLUENCER1", channel_type: "im", user: opts.user ?? "UINFLUENCER1", text, ts: "1700000002.000300", event_ts: "1700000002.000300" },
    type: "event_callback",
    event_id: opts.eventId ?? `Ev${++counter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }],
  };
}

export function memberEvent(type: "member_joined_channel" | "member_left_channel", user: string, channel: string) {
  return {
    token: "legacy-verification-token",
    team_id: "T0001",
    api_app_id: "A0001",
    event: { type, user, channel, channel_type: "C", team: "T0001", event_ts: "1700000003.000400" },
    type: "event_callback",
    event_id: `Ev${++counter}`,
    event_time: Math.floor(Date.now() / 1000),
  };
}
