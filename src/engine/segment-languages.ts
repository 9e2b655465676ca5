// Missions for readers of some languages (issue 15): the four locales named in the reader's own
// language, as the mission form's choices ("Spanish" for an English-speaking manager, "Español"
// for a Spanish-speaking one) and as the card's "For Spanish and French speakers".
import { LOCALES, type Locale } from "../config.js";
import { t } from "../i18n/translate.js";

const known = (code: string): code is Locale => (LOCALES as readonly string[]).includes(code);

/** A language's name in `locale`, as it reads inside a sentence ("Spanish", "español"). */
export function languageName(code: string, locale: Locale): string {
  const c = code.trim().toLowerCase();
  return known(c) ? t(locale, `lang.target.name.${c}`) : c;
}

/** The form's choices: every locale, its name capitalised as a label. */
export function languageOptions(locale: Locale): { value: string; label: string }[] {
  return LOCALES.map((l) => {
    const name = languageName(l, locale);
    return { value: l, label: name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) };
  });
}

/** "Spanish and French" in the reader's language. */
export function languageNameList(codes: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(codes.map((c) => languageName(c, locale)));
}
