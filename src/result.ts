// Expected user mistakes are values, not exceptions (Sapphire style): a Result carries either
// the value or an error identifier that is also an i18n message id, plus its placeholders.
export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: string; params?: Record<string, string | number> };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (error: string, params?: Record<string, string | number>): Err =>
  params ? { ok: false, error, params } : { ok: false, error };
