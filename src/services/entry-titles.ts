// The mission title or reward name a ledger entry stands for, in the reader's language (issue 17).
// An award's reason is the mission's title and a redemption's the reward's name, both stored in
// the program's language when the entry was written; a reader with a translation sees it instead.
// Two batched reads (submissions → missions, redemptions → rewards), whatever the number of entries.
import type { Locale } from "../config.js";
import type { Db } from "../db/client.js";
import { readMissionTranslations, readRewardTranslations } from "../domain/content-translations.js";

type Entry = { id: number; kind: string; reference: string | null };

const idOf = (reference: string | null, prefix: string) => (reference?.startsWith(prefix) ? Number(reference.slice(prefix.length)) : NaN);

/** entry id → the title in `locale`, for the entries that have a translation in it (others keep their reason). */
export async function translatedEntryTitles(db: Db, entries: Entry[], locale: Locale): Promise<Map<number, string>> {
  const awards = entries.filter((e) => e.kind === "mission" && Number.isInteger(idOf(e.reference, "submission:")));
  const redemptions = entries.filter((e) => e.kind === "redemption" && Number.isInteger(idOf(e.reference, "redemption:")));
  const [subs, reds] = await Promise.all([
    awards.length ? db.submission.findMany({ where: { id: { in: awards.map((e) => idOf(e.reference, "submission:")) } }, select: { id: true, mission: { select: { translations: true } } } }) : [],
    redemptions.length ? db.redemption.findMany({ where: { id: { in: redemptions.map((e) => idOf(e.reference, "redemption:")) } }, select: { id: true, reward: { select: { translations: true } } } }) : [],
  ]);
  const missionTitle = new Map(subs.map((s) => [s.id, readMissionTranslations(s.mission.translations)[locale]?.title]));
  const rewardName = new Map(reds.map((r) => [r.id, readRewardTranslations(r.reward.translations)[locale]?.name]));
  const out = new Map<number, string>();
  const put = (entryId: number, text: string | undefined) => text && out.set(entryId, text);
  for (const e of awards) put(e.id, missionTitle.get(idOf(e.reference, "submission:")));
  for (const e of redemptions) put(e.id, rewardName.get(idOf(e.reference, "redemption:")));
  return out;
}
