// Which missions and rewards lack a translation for a language the influencers read (issue 17).
// The languages in use come from one grouped query over the influencers (chosen locale, else the
// platform's, else the program's), with how many read each; the open missions (draft, scheduled,
// published) and the active rewards are then read once each, bounded, and compared in memory.
import { LOCALES, type Locale } from "../config.js";
import { missingLanguages } from "../domain/content-translations.js";
import { normalizeLocale, t } from "../i18n/translate.js";
import { ok, type Result } from "../result.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";

/** People who read what the program sends: not those who left or were erased. */
const READERS = ["invited", "onboarding", "active", "paused"];
const OPEN_MISSIONS = ["draft", "scheduled", "published"];
const LIMIT = 500;

export interface LanguageInUse {
  locale: Locale;
  influencers: number;
}

export interface MissingTranslations {
  programLocale: Locale;
  /** most read first; the program's language included */
  languages: LanguageInUse[];
  missions: { id: number; title: string; status: string; missing: Locale[] }[];
  rewards: { id: number; name: string; missing: Locale[] }[];
}

/** Languages the program's people read, with counts, from one grouped query. */
export async function languagesInUse(deps: Pick<Deps, "db" | "config">): Promise<LanguageInUse[]> {
  const groups = await deps.db.influencer.groupBy({ by: ["locale", "platformLocale"], where: { status: { in: READERS } }, _count: { _all: true } });
  const counts = new Map<Locale, number>();
  for (const g of groups) {
    const locale = normalizeLocale(g.locale) ?? normalizeLocale(g.platformLocale) ?? deps.config.DEFAULT_LOCALE;
    counts.set(locale, (counts.get(locale) ?? 0) + g._count._all);
  }
  return [...counts].map(([locale, influencers]) => ({ locale, influencers })).sort((a, b) => b.influencers - a.influencers || LOCALES.indexOf(a.locale) - LOCALES.indexOf(b.locale));
}

export async function missingTranslations(deps: Deps, actor: Actor): Promise<Result<MissingTranslations>> {
  const refused = await requireManager(deps, actor, "translations.list");
  if (refused) return refused;
  const programLocale = deps.config.DEFAULT_LOCALE;
  const [languages, missions, rewards] = await Promise.all([
    languagesInUse(deps),
    deps.db.mission.findMany({ where: { status: { in: OPEN_MISSIONS } }, orderBy: { id: "asc" }, take: LIMIT, select: { id: true, title: true, status: true, translations: true } }),
    deps.db.reward.findMany({ where: { active: true }, orderBy: { id: "asc" }, take: LIMIT, select: { id: true, name: true, translations: true } }),
  ]);
  const wanted = languages.map((l) => l.locale);
  return ok({
    programLocale,
    languages,
    missions: missions.flatMap((m) => {
      const missing = missingLanguages(m.translations, "mission", wanted, programLocale);
      return missing.length ? [{ id: m.id, title: m.title, status: m.status, missing }] : [];
    }),
    rewards: rewards.flatMap((r) => {
      const missing = missingLanguages(r.translations, "reward", wanted, programLocale);
      return missing.length ? [{ id: r.id, name: r.name, missing }] : [];
    }),
  });
}

/** The report as lines of text in `locale` (the CLI and `/advo translations`). */
export function missingTranslationsText(r: MissingTranslations, locale: Locale): string[] {
  const name = (l: Locale) => t(locale, `core.language.name.${l}`);
  const names = (ls: Locale[]) => ls.map(name).join(", ");
  const languages = r.languages.map((l) => t(locale, "lang.missing.language_count", { language: name(l.locale), count: l.influencers })).join(", ");
  const lines = [t(locale, "lang.missing.languages", { languages: languages || name(r.programLocale) })];
  for (const m of r.missions) lines.push(t(locale, "lang.missing.mission", { id: m.id, title: m.title, status: m.status, languages: names(m.missing) }));
  for (const w of r.rewards) lines.push(t(locale, "lang.missing.reward", { id: w.id, title: w.name, languages: names(w.missing) }));
  if (!r.missions.length && !r.rewards.length) lines.push(t(locale, "lang.missing.none"));
  return lines;
}
