// Expected user mistakes are values, not exceptions (Sapphire style): a Result carries either
// the value or an error identifier that is also an i18n message id, plus its placeholders.
import type { LocalizedText } from "./i18n/localized-text.js";
import type { DateParam } from "./i18n/dates.js";

/** Placeholder values of an error message: a mission title may be a LocalizedText, a date a DateParam (shown in the reader's zone). */
export type ErrParams = Record<string, string | number | LocalizedText | DateParam>;
export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: string; params?: ErrParams };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (error: string, params?: ErrParams): Err =>
  params ? { ok: false, error, params } : { ok: false, error };
