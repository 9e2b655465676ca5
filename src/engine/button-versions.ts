// Buttons of a flow step carry the conversation version they were issued at ("onb.lang!7"), so a
// click on a button of an earlier step is recognised from the Conversation row alone (any
// instance, after any restart) and answered politely instead of acting twice. The token rides in
// the action id, which every adapter already carries unchanged (Telegram callback_data ≤ 64
// bytes, Discord custom_id ≤ 100, Slack action_id), so no platform code knows about it.
import type { InboundEvent } from "./events.js";
import type { Button, OutboundMessage } from "./message.js";

const SEPARATOR = "!";
const STAMPED = /^(.+)!(\d{1,9})$/;

/** "onb.lang!7" → { id: "onb.lang", version: 7 }; an unstamped id comes back as it is. */
export function splitVersion(actionId: string): { id: string; version?: number } {
  const m = STAMPED.exec(actionId);
  return m ? { id: m[1]!, version: Number(m[2]) } : { id: actionId };
}

function stamp(button: Button, version: number): Button {
  return button.url ? button : { ...button, action: `${splitVersion(button.action).id}${SEPARATOR}${version}` };
}

/** The flow's step buttons (action ids starting with `prefix`), stamped with the flow version. */
export function stampReplies(replies: OutboundMessage[], prefix: string, version: number): OutboundMessage[] {
  const mark = (b: Button) => (b.action.startsWith(prefix) ? stamp(b, version) : b);
  return replies.map((r) => (r.buttons ? { ...r, buttons: r.buttons.map((row) => row.map(mark)) } : r));
}

/** The event with the version token taken off its action id (handlers route on the bare id). */
export function withoutVersion(event: InboundEvent): { event: InboundEvent; version?: number } {
  const p = event.payload;
  if (p.type !== "action") return { event };
  const { id, version } = splitVersion(p.id);
  if (version === undefined) return { event };
  return { event: { ...event, payload: { ...p, id } }, version };
}

/** A stamped button is stale when its flow step is over: the version moved on, or no flow is active. */
export function isStale(version: number | undefined, current: { version: number } | null): boolean {
  return version !== undefined && current?.version !== version;
}

/** The answer's edits only make sense for a button: for anything else, `replace` is dropped. */
export function onlyButtonsReplace(event: InboundEvent, replies: OutboundMessage[]): OutboundMessage[] {
  if (event.payload.type === "action") return replies;
  return replies
    .filter((r) => r.replace !== "buttons")
    .map((r) => {
      if (!r.replace) return r;
      const { replace: _dropped, ...rest } = r;
      return rest;
    });
}

/** Removes the buttons of the message a button was on (its step is over). */
export const CLEAR_SOURCE_BUTTONS: OutboundMessage = { blocks: [], buttons: [], replace: "buttons" };
