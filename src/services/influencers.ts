// Influencer profile writes used by the conversation engine (language, pause).
import type { Locale } from "../config.js";
import type { Deps } from "./deps.js";

export async function setInfluencerLocale(deps: Deps, influencerId: number, locale: Locale): Promise<void> {
  await deps.db.influencer.update({ where: { id: influencerId }, data: { locale } });
}

/** /stop and /resume: paused influencers get nothing but direct replies. */
export async function setMessagesPaused(deps: Deps, influencerId: number, paused: boolean): Promise<void> {
  await deps.db.influencer.update({ where: { id: influencerId }, data: { messagesPaused: paused } });
}
