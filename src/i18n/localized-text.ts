// A piece of manager-written content (a mission title, a reward name) that each reader sees in
// their own language: the text in the program's language plus its translations. It is plain JSON,
// so it travels as a message param through the outbox and is resolved at send time, in the
// recipient's locale, like a date ({ $date }).
import type { Locale } from "../config.js";

export interface LocalizedText {
  /** the text in the program's DEFAULT_LOCALE: what a reader without a translation sees */
  $text: string;
  $tr?: Partial<Record<Locale, string>>;
}

export function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === "object" && value !== null && typeof (value as { $text?: unknown }).$text === "string";
}

/** The reader's translation, else the program's text. */
export function resolveLocalized(value: LocalizedText, locale: Locale): string {
  return value.$tr?.[locale] ?? value.$text;
}
