// The first onboarding steps (issue 17, "first contact"): the first message a new person gets is
// ONE message in their platform's language (welcome, motivation, rules and the consent question)
// with the language choice right there, the current one ticked; choosing another re-writes that
// same message in place. After the consent comes the time zone, unless the platform told it.
import { LOCALES, type Locale } from "../../config.js";
import { ONBOARDING_MESSAGES as M } from "../../domain/program-content.js";
import { formatDeadline } from "../../i18n/dates.js";
import { tb } from "../../i18n/translate.js";
import { findTimeZones, suggestTimeZones } from "../../i18n/zones.js";
import { setTimeZone } from "../../services/influencers.js";
import type { Context } from "../context.js";
import type { Button } from "../message.js";
import { zoneButtons } from "./timezone.js";

export const ACTION_ONB_LANGUAGE = "onb.lang";
export const ACTION_ONB_ZONE = "onb.tz";
export const ACTION_ONB_ZONE_SKIP = "onb.tz_skip";

export function languageRow(ctx: Context, action = ACTION_ONB_LANGUAGE): Button[] {
  return LOCALES.map((l: Locale) => ({ action, payload: l, label: `${l === ctx.locale ? "✓ " : ""}${ctx.t(`core.language.name.${l}`)}` }));
}

/**
 * The consent question with the language row. `welcome`: the first message, which also carries the
 * welcome and the motivation; `inPlace`: the answer to a language button, re-writing its message.
 */
export function askConsent(ctx: Context, options: { welcome?: boolean; inPlace?: boolean } = {}): void {
  const brand = ctx.deps.config.BRAND_NAME;
  const disclosure = ctx.deps.config.DISCLOSURE_TAG;
  const reader = { locale: ctx.locale, timeZone: ctx.timeZone };
  const blocks = [
    ...(options.welcome ? [...tb(reader, M.welcome, { brand }), ...tb(reader, M.motivation, { brand })] : []),
    ...tb(reader, M.rules, { brand, disclosure }),
    ...tb(reader, "lang.onboarding.language_row", { language: ctx.t(`core.language.name.${ctx.locale}`) }),
  ];
  ctx.reply({
    blocks,
    buttons: [
      [
        { action: "onb.consent", payload: "yes", label: ctx.t("journey.onboarding.consent_yes"), style: "primary" },
        { action: "onb.consent", payload: "no", label: ctx.t("journey.onboarding.consent_no") },
      ],
      languageRow(ctx),
    ],
    ...(options.inPlace ? { replace: "message" as const } : {}),
  });
}

/** The time-zone question: likely zones for the person's language and platform country, and Skip. */
export function askTimeZone(ctx: Context): void {
  const zones = suggestTimeZones(ctx.locale, { current: ctx.influencer?.timezone ?? null, localeHint: ctx.influencer?.platformLocale ?? ctx.event.author.locale ?? null });
  const buttons = [...zoneButtons(zones, ACTION_ONB_ZONE), [{ action: ACTION_ONB_ZONE_SKIP, label: ctx.t("lang.onboarding.timezone_skip") }]];
  ctx.replyWith("lang.onboarding.timezone", { zone: ctx.timeZone }, { buttons });
}

/**
 * An answer at the time-zone step: a zone button, a typed zone or city (several matches come back
 * as buttons), or Skip. True when the step is done; false when the question stands (it was asked
 * again, or the candidates were offered).
 */
export async function answerTimeZone(ctx: Context, action: string | undefined, value: string | undefined, typed: string | undefined): Promise<boolean> {
  const inf = ctx.influencer;
  if (!inf) return false;
  if (action === ACTION_ONB_ZONE_SKIP) return true;
  const input = action === ACTION_ONB_ZONE ? value : typed;
  if (!input) return false;
  const found = findTimeZones(input);
  if (!found.zone) {
    if (found.candidates.length) {
      ctx.replyWith("lang.timezone.which", { text: input.slice(0, 60) }, { buttons: zoneButtons(found.candidates, ACTION_ONB_ZONE) });
    } else {
      ctx.replyWith("lang.onboarding.timezone_invalid", { zone: input.slice(0, 60) });
      askTimeZone(ctx);
    }
    return false;
  }
  const zone = (await setTimeZone(ctx.deps, inf.id, found.zone)) ?? found.zone;
  inf.timezone = zone;
  ctx.timeZone = zone;
  ctx.replyWith("lang.onboarding.timezone_set", { zone, now: formatDeadline(ctx.deps.clock.now(), { locale: ctx.locale, timeZone: zone }) });
  return true;
}
