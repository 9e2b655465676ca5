// /timezone: the zone dates are shown in, and quiet hours and reminders use (Influencer.timezone).
// Buttons offer a short list derived from the person's language (and the zone they have now);
// `/timezone Europe/Madrid` takes any IANA name Intl knows, and anything else is refused with
// an example, never saved.
import type { Locale } from "../../config.js";
import { canonicalTimeZone, formatDeadline } from "../../i18n/dates.js";
import { setTimeZone } from "../../services/influencers.js";
import type { Context } from "../context.js";
import type { Button } from "../message.js";
import type { Router } from "../router.js";

export const ACTION_TIMEZONE = "tz.set";

// Where people who speak each language mostly live. Payloads stay ≤ 24 characters (a button
// payload limit every platform can carry), so Buenos Aires uses its short IANA alias.
const ZONES_BY_LANGUAGE: Record<Locale, string[]> = {
  en: ["Europe/London", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney"],
  es: ["Europe/Madrid", "America/Mexico_City", "America/Bogota", "America/Buenos_Aires", "America/Santiago", "America/Lima"],
  fr: ["Europe/Paris", "Europe/Brussels", "Europe/Zurich", "America/Toronto", "Africa/Abidjan", "Africa/Casablanca"],
  it: ["Europe/Rome", "Europe/Zurich", "Europe/London", "America/New_York"],
};

/** The buttons: the current zone first, then the language's usual ones, then UTC. */
export function timeZoneChoices(locale: Locale, current?: string | null): string[] {
  return [...new Set([...(current ? [current] : []), ...ZONES_BY_LANGUAGE[locale], "UTC"])].filter((z) => z.length <= 24).slice(0, 8);
}

function label(zone: string): string {
  return zone === "UTC" ? "UTC" : (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

function buttons(ctx: Context): Button[][] {
  const zones = timeZoneChoices(ctx.locale, ctx.influencer?.timezone);
  const rows: Button[][] = [];
  for (let i = 0; i < zones.length; i += 4) rows.push(zones.slice(i, i + 4).map((z) => ({ action: ACTION_TIMEZONE, payload: z, label: label(z) })));
  return rows;
}

async function choose(ctx: Context, input: string): Promise<void> {
  if (!ctx.influencer) return ctx.replyWith("core.not_joined");
  const zone = canonicalTimeZone(input);
  if (!zone) return ctx.replyWith("core.timezone.invalid", { zone: input.slice(0, 60) });
  await setTimeZone(ctx.deps, ctx.influencer.id, zone);
  ctx.influencer.timezone = zone;
  ctx.timeZone = zone;
  ctx.replyWith("core.timezone.set", { zone, now: formatDeadline(ctx.deps.clock.now(), { locale: ctx.locale, timeZone: zone }) });
}

export function registerTimeZoneHandlers(router: Router): void {
  router.command("timezone", async (ctx) => {
    const p = ctx.event.payload;
    const arg = p.type === "command" ? p.args.join("_").trim() : "";
    if (arg) return choose(ctx, arg);
    if (!ctx.influencer) return ctx.replyWith("core.not_joined");
    ctx.replyWith("core.timezone.ask", { zone: ctx.timeZone }, { buttons: buttons(ctx) });
  });

  router.action(ACTION_TIMEZONE, async (ctx) => {
    const p = ctx.event.payload;
    const value = p.type === "action" ? p.payload : undefined;
    if (!value || !canonicalTimeZone(value)) return ctx.replyWith("core.stale_action");
    await choose(ctx, value);
  });
}
