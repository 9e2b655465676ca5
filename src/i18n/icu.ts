// ICU MessageFormat compilation and formatting with literal values.
// Markup (**bold**, `code`, "- " lists) belongs to the TEMPLATE only. To keep user-supplied
// values literal, every string or Date used as a plain `{name}` argument is replaced by a
// private-use sentinel character before formatting; markup is parsed on the result, and only
// then the sentinels are swapped back for the literal values (see restore()). Plural, select,
// number and date arguments get the raw value, because ICU needs it; their output is produced
// by Intl (digits, words, separators) and carries no markup characters of ours.
import { IntlMessageFormat } from "intl-messageformat";
import type { Locale } from "../config.js";
import { formatDate, formatDeadline, isDateParam, type DateParam } from "./dates.js";
import { isLocalizedText, resolveLocalized, type LocalizedText } from "./localized-text.js";
import { BoundedMap } from "../bounded-map.js";

/** Compiled-message scopes (locale × zone) and Intl formatters kept in memory, at most. */
const SCOPES_MAX = 256;
const FORMATTERS_MAX = 4_000;

/**
 * A LocalizedText (a mission title, a reward name) is shown in the reader's language; a Date, or
 * a DateParam (a date that travelled as JSON: a Result's params, an outbox row), in their zone.
 */
export type ParamValue = string | number | Date | DateParam | LocalizedText;
export type Params = Record<string, ParamValue>;

/** Who reads the message: the locale, and the time zone dates are shown in (default UTC). */
export interface Reader {
  locale: Locale;
  timeZone?: string | null;
}

// The parser's element types (from @formatjs/icu-messageformat-parser's TYPE enum).
const ARGUMENT = 1;
const PLURAL = 6;
const SELECT = 5;
const LITERAL = 0;
const POUND = 7;
interface AstNode {
  type: number;
  value?: string;
  options?: Record<string, { value: AstNode[] }>;
  offset?: number;
  pluralType?: string;
}

interface Compiled {
  format: IntlMessageFormat;
  /** the AST when it only uses plain arguments, cardinal plurals and selects (see fastFormat) */
  simple?: AstNode[];
  /** arguments used only as plain `{name}`: these are substituted as literal sentinels */
  literal: Set<string>;
  /** every argument name the message uses */
  names: Set<string>;
  /** the output of a message without arguments, formatted once */
  constant?: string;
}

const SENTINEL_BASE = 0xe000; // Unicode private-use area: never in a catalog, never shown
const SENTINELS = /[\uE000-\uF8FF]/g;
/** What markup parsing (or restore) could take from a value: `*`, a backtick, a line break, a
 * leading "-" or space (a list item), a private-use character (a sentinel). */
const MARKUP_LIKE = /[*`\n\r\uE000-\uF8FF]|^[\s-]/;

function walk(nodes: AstNode[], literal: Set<string>, other: Set<string>): void {
  for (const node of nodes) {
    if (node.value !== undefined && node.type !== 0 && node.type !== 7) {
      (node.type === ARGUMENT ? literal : other).add(node.value);
    }
    if ((node.type === PLURAL || node.type === SELECT) && node.options) {
      for (const option of Object.values(node.options)) walk(option.value, literal, other);
    }
  }
}

/** ICU's named date/time styles (short … full) with the reader's zone added to each. */
function zonedStyles(styles: Record<string, Intl.DateTimeFormatOptions>, timeZone: string): Record<string, Intl.DateTimeFormatOptions> {
  return Object.fromEntries(Object.entries(styles).map(([name, options]) => [name, { ...options, timeZone }]));
}

// One formatter cache shared by every compiled message. intl-messageformat's default gives each
// message its own memo keyed by JSON of the arguments; most calls here are a plural (`#`) with
// no options, so a plain string key is enough and much cheaper.
// Bounded: options carry the reader's zone, and zones come from people and platforms.
function cached<T>(make: (locales?: string | string[], options?: object) => T) {
  const memo = new BoundedMap<string, T>(FORMATTERS_MAX);
  return (locales?: string | string[], options?: object): T => {
    const key = `${String(locales)}|${options === undefined ? "" : JSON.stringify(options)}`;
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = make(locales, options)));
    return value;
  };
}
const formatters = {
  getNumberFormat: cached((l, o) => new Intl.NumberFormat(l, o)),
  getDateTimeFormat: cached((l, o) => new Intl.DateTimeFormat(l, o)),
  getPluralRules: cached((l, o) => new Intl.PluralRules(l, o)),
};

// locale + time zone → message id → compiled message. Zones in use are few (people's zones), but
// any valid IANA name (in any letter case) is accepted from outside: keep the most recent scopes.
const cache = new BoundedMap<string, Map<string, Compiled>>(SCOPES_MAX);

/** Sizes of the compile caches (tests check they stay bounded). */
export function icuCacheSizes(): { scopes: number; bound: number } {
  return { scopes: cache.size, bound: SCOPES_MAX };
}

/** True when fastFormat can render the message exactly as intl-messageformat would. */
function isSimple(nodes: AstNode[]): boolean {
  return nodes.every((n) =>
    n.type === LITERAL || n.type === ARGUMENT || n.type === POUND ||
    ((n.type === SELECT || (n.type === PLURAL && n.pluralType !== "ordinal" && !n.offset)) && Object.values(n.options ?? {}).every((o) => isSimple(o.value))));
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The same output as IntlMessageFormat#format for simple messages, without its per-call
 * formatter look-ups (plurals cost ~5× a plain message there). Equivalence over every catalog
 * message is tested in test/i18n/catalog.test.ts.
 */
function fastFormat(nodes: AstNode[], locale: string, values: Record<string, string | number | Date>, pound?: number): string {
  let out = "";
  for (const n of nodes) {
    if (n.type === LITERAL) out += n.value;
    else if (n.type === ARGUMENT) out += String(values[n.value!] ?? "");
    else if (n.type === POUND) {
      let nf = numberFormats.get(locale);
      if (!nf) numberFormats.set(locale, (nf = new Intl.NumberFormat(locale)));
      out += nf.format(pound!);
    } else if (n.type === SELECT) {
      const options = n.options!;
      out += fastFormat((options[String(values[n.value!])] ?? options.other!).value, locale, values, pound);
    } else {
      const value = Number(values[n.value!]);
      const options = n.options!;
      let rules = pluralRules.get(locale);
      if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
      const chosen = options[`=${value}`] ?? options[rules.select(value)] ?? options.other!;
      out += fastFormat(chosen.value, locale, values, value);
    }
  }
  return out;
}

/** Compiles a message once per locale, time zone and id. */
export function compile(locale: Locale, key: string, template: string, timeZone = "UTC"): Compiled {
  const scope = `${locale} ${timeZone}`;
  let byKey = cache.get(scope);
  if (!byKey) cache.set(scope, (byKey = new Map()));
  let compiled = byKey.get(key);
  if (!compiled) {
    const formats = { date: zonedStyles(IntlMessageFormat.formats.date, timeZone), time: zonedStyles(IntlMessageFormat.formats.time, timeZone) };
    const format = new IntlMessageFormat(template, locale, formats, { ignoreTag: true, formatters });
    const literal = new Set<string>();
    const other = new Set<string>();
    walk(format.getAst() as AstNode[], literal, other);
    for (const name of other) literal.delete(name);
    const ast = format.getAst() as AstNode[];
    compiled = { format, literal, names: new Set([...literal, ...other]), ...(isSimple(ast) ? { simple: ast } : {}) };
    byKey.set(key, compiled);
  }
  return compiled;
}

/** A date argument, kept as a moment so each platform can show it natively (see message.ts TimeNode). */
export interface Moment {
  time: string;
  at: string;
  locale: string;
  /** "date": the day alone (see dateOnly) */
  style?: "date";
}

export interface Formatted {
  /** the formatted template, with a sentinel where each literal value goes */
  text: string;
  /** puts the literal values back into a piece of `text` */
  restore: (piece: string) => string;
  /** the same, with each plain date argument kept as a Moment instead of its text */
  restoreParts: (piece: string) => (string | Moment)[];
}

const identity = (piece: string) => piece;
const wholePiece = (piece: string) => [piece];

/** Formats a template. A missing plain argument stays visible as `{name}` (the catalog test
 * guarantees none is missing); a missing plural/select argument is a programming error. */
export function formatMessage(reader: Reader, key: string, template: string, params: Params, options: { viaLibrary?: boolean } = {}): Formatted {
  const timeZone = reader.timeZone || "UTC";
  const compiled = compile(reader.locale, key, template, timeZone);
  if (compiled.names.size === 0) {
    compiled.constant ??= String(compiled.format.format());
    return { text: compiled.constant, restore: identity, restoreParts: wholePiece };
  }
  const values: Record<string, string | number | Date> = {};
  const literals: string[] = [];
  // literal index → the date it shows, for restoreParts
  const moments = new Map<number, Moment>();
  for (const name of compiled.names) {
    const given = params[name];
    const value = typeof given !== "object" ? given : isLocalizedText(given) ? resolveLocalized(given, reader.locale) : isDateParam(given) ? new Date(given.$date) : given;
    // a day alone (dateOnly) is written without time and zone, any other date as a deadline
    const dayOnly = isDateParam(given) && given.$style === "date";
    if (compiled.literal.has(name)) {
      const literal = value === undefined ? `{${name}}` : value instanceof Date ? (dayOnly ? formatDate : formatDeadline)(value, reader) : String(value);
      // A value that could read as markup (** ` a line break, a leading "- ") waits behind a
      // sentinel until the markup is parsed; any other value is inserted as it is (cheaper).
      // A date also waits behind one, so tb() can hand it to the renderer as a moment.
      if (!MARKUP_LIKE.test(literal) && !(value instanceof Date)) values[name] = literal;
      else {
        if (value instanceof Date) moments.set(literals.length, { time: literal, at: value.toISOString(), locale: reader.locale, ...(dayOnly ? { style: "date" as const } : {}) });
        literals.push(literal);
        values[name] = String.fromCharCode(SENTINEL_BASE + literals.length - 1);
      }
    } else if (value !== undefined) {
      values[name] = value;
    } else {
      throw new Error(`message ${key}: argument "${name}" is missing`); // a plural or select needs its value
    }
  }
  const text = compiled.simple && !options.viaLibrary ? fastFormat(compiled.simple, reader.locale, values) : String(compiled.format.format(values));
  if (literals.length === 0) return { text, restore: identity, restoreParts: wholePiece };
  const restore = (piece: string) => piece.replace(SENTINELS, (c) => literals[c.charCodeAt(0) - SENTINEL_BASE] ?? c);
  const restoreParts = (piece: string): (string | Moment)[] => {
    if (moments.size === 0) return [restore(piece)];
    const parts: (string | Moment)[] = [];
    let last = 0;
    for (const m of piece.matchAll(SENTINELS)) {
      const moment = moments.get(m[0].charCodeAt(0) - SENTINEL_BASE);
      if (!moment) continue;
      if (m.index > last) parts.push(restore(piece.slice(last, m.index)));
      parts.push(moment);
      last = m.index + 1;
    }
    if (last < piece.length) parts.push(restore(piece.slice(last)));
    return parts;
  };
  return { text, restore, restoreParts };
}

/** Argument names a template uses (for the catalog tests). */
export function argumentNames(locale: Locale, template: string): string[] {
  const literal = new Set<string>();
  const other = new Set<string>();
  walk(new IntlMessageFormat(template, locale, undefined, { ignoreTag: true }).getAst() as AstNode[], literal, other);
  return [...new Set([...literal, ...other])].sort();
}
