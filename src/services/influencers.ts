// Influencer profile writes used by the conversation engine (language, pause).
import { canonicalTimeZone } from "../i18n/dates.js";
import type { Locale } from "../config.js";
import type { Deps } from "./deps.js";

export async function setInfluencerLocale(deps: Deps, influencerId: number, locale: Locale): Promise<void> {
  await deps.db.influencer.update({ where: { id: influencerId }, data: { locale } });
}

/** /stop and /resume: paused influencers get nothing but direct replies. */
export async function setMessagesPaused(deps: Deps, influencerId: number, paused: boolean): Promise<void> {
  await deps.db.influencer.update({ where: { id: influencerId }, data: { messagesPaused: paused } });
}

/** Keeps the platform's locale hint (used when the user never chose a language). */
/** Sets the influencer's time zone (validated IANA name, canonical spelling). Never sets an unknown zone. */
export async function setTimeZone(deps: Deps, influencerId: number, zone: string, options: { onlyIfUnset?: boolean } = {}): Promise<string | undefined> {
  const canonical = canonicalTimeZone(zone);
  if (!canonical) return undefined;
  await deps.db.influencer.updateMany({ where: { id: influencerId, ...(options.onlyIfUnset ? { timezone: null } : {}) }, data: { timezone: canonical } });
  return canonical;
}

export async function rememberPlatformLocale(deps: Deps, influencerId: number, locale: Locale): Promise<void> {
  await deps.db.influencer.updateMany({ where: { id: influencerId, OR: [{ platformLocale: null }, { platformLocale: { not: locale } }] }, data: { platformLocale: locale } });
}
