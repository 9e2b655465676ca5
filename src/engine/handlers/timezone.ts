// /timezone: the zone dates are shown in, and quiet hours and reminders use (Influencer.timezone).
// Buttons offer a short list derived from the person's language and country (and the zone they
// have now); `/timezone Europe/Madrid` takes any IANA name Intl knows, `/timezone madrid` a city
// (several matches come back as buttons), and anything else is refused with an example.
import type { Locale } from "../../config.js";
import { canonicalTimeZone, formatDeadline } from "../../i18n/dates.js";
import { findTimeZones, suggestTimeZones, zoneLabel } from "../../i18n/zones.js";
import { setTimeZone } from "../../services/influencers.js";
import type { Context } from "../context.js";
import type { Button } from "../message.js";
import type { Router } from "../router.js";

export const ACTION_TIMEZONE = "tz.set";

/** The buttons: the current zone first, then the zones likely for the person's language and country. */
export function timeZoneChoices(locale: Locale, current?: string | null, localeHint?: string | null): string[] {
  return suggestTimeZones(locale, { current: current ?? null, localeHint: localeHint ?? null });
}

/** Zone buttons, four a row. */
export function zoneButtons(zones: string[], action: string): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < zones.length; i += 4) rows.push(zones.slice(i, i + 4).map((z) => ({ action, payload: z, label: zoneLabel(z) })));
  return rows;
}

function buttons(ctx: Context): Button[][] {
  return zoneButtons(timeZoneChoices(ctx.locale, ctx.influencer?.timezone, ctx.event.author.locale), ACTION_TIMEZONE);
}

async function choose(ctx: Context, input: string): Promise<void> {
  if (!ctx.influencer) return ctx.replyWith("core.not_joined");
  const found = findTimeZones(input);
  const zone = found.zone;
  if (!zone && found.candidates.length) return ctx.replyWith("lang.timezone.which", { text: input.slice(0, 60) }, { buttons: zoneButtons(found.candidates, ACTION_TIMEZONE) });
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
