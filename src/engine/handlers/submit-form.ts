// The post link as a form where a button press or a slash command can open one (Discord's modal):
// one text input with client-side length limits, the mission id in the form's state. Discord
// cannot show an error inside a modal once it is submitted, so a refused link is answered to the
// author only with a "Try again" button that reopens the form with the link pre-filled; that link
// waits in the conversation row (flow "submit", step "link"), so a restart between the two
// clicks changes nothing. Platforms without forms keep the text question it comes with.
import type { Context } from "../context.js";
import type { Button, FormSpec } from "../message.js";
import { STATE_FIELD } from "../manage/forms.js";

export const LINK_FORM_ID = "submit.link";
export const LINK_FIELD = "url";
/** Slack's modals stay the manager console's; its influencers answer in the DM thread. */
const FORM_PLATFORMS: ReadonlySet<string> = new Set(["discord"]);
// Shortest real post link ("https://x.com/a/status/1" is 24); a URL over 512 is not a post link.
const MIN_LINK = 12;
const MAX_LINK = 512;

/** The link form for this event, when the platform can open it from here. */
export function linkFormFor(ctx: Context, missionId: number, kept?: { url?: string; error?: string }): FormSpec | undefined {
  const type = ctx.event.payload.type;
  if (!FORM_PLATFORMS.has(ctx.event.platform) || (type !== "action" && type !== "command")) return undefined;
  return {
    id: LINK_FORM_ID,
    title: ctx.t("journey.submit.form_title"),
    submitLabel: ctx.t("journey.submit.form_submit"),
    state: String(missionId),
    fields: [
      {
        id: LINK_FIELD,
        label: ctx.t("journey.submit.form_label"),
        kind: "url",
        required: true,
        minLength: MIN_LINK,
        maxLength: MAX_LINK,
        placeholder: ctx.t("journey.submit.form_placeholder"),
        ...(kept?.url ? { initial: kept.url.slice(0, MAX_LINK) } : {}),
        ...(kept?.error ? { error: kept.error } : {}),
      },
    ],
  };
}

/** The submitted form's mission and link (undefined: not this form's shape). */
export function linkFormValues(ctx: Context): { missionId: number; url: string } | undefined {
  const p = ctx.event.payload;
  if (p.type !== "form") return undefined;
  const missionId = Number(p.values[STATE_FIELD]);
  if (!Number.isSafeInteger(missionId) || missionId <= 0) return undefined;
  return { missionId, url: (p.values[LINK_FIELD] ?? "").trim() };
}

/** The "Try again" button that reopens the form (a Submit button of the mission). */
export function tryAgainButton(ctx: Context, action: string, missionId: number): Button[][] {
  return [[{ action, payload: String(missionId), label: ctx.t("journey.submit.try_again_button"), style: "primary" }]];
}
