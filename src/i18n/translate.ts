// Every user-facing string is a message id looked up in the locale's catalog, written in ICU
// MessageFormat ({name}, {count, plural, one {# point} other {# points}}, {when, date, medium}).
// Templates may also use **bold**, `code`; lines starting with "- " form a list and a blank line
// starts a new paragraph. Markup is parsed from the template only: placeholder VALUES are always
// inserted as literal text (see icu.ts), so user-supplied values can never inject markup.
import { LOCALES, type Locale } from "../config.js";
import type { Block, Inline } from "../engine/message.js";
import { catalogs, type MessageId } from "./catalog.js";
import { argumentNames, formatMessage, type Formatted, type Params, type Reader } from "./icu.js";

export type { Params, ParamValue, Reader } from "./icu.js";
export { LOCALES, type Locale };

export function isLocale(value: string | undefined | null): value is Locale {
  return !!value && (LOCALES as readonly string[]).includes(value);
}

/** "es-MX" → "es"; unknown → undefined */
export function normalizeLocale(hint: string | undefined | null): Locale | undefined {
  const base = hint?.toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

/** The user's explicit choice wins, then the platform hint, then the program default. */
export function pickLocale(chosen: string | null | undefined, platformHint: string | null | undefined, fallback: Locale): Locale {
  return normalizeLocale(chosen) ?? normalizeLocale(platformHint) ?? fallback;
}

/**
 * A literal message id must exist in the English catalog (a typo is a compile error); a computed
 * id (a `string`, or a template type such as `network.${string}`) is checked at run time and by
 * the catalog tests, so callers that build ids keep compiling.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type CheckedKey<K extends string> = K extends MessageId ? K : {} extends Record<K, 1> ? K : MessageId;
export type { MessageId };

function template(locale: Locale, key: string): string {
  const text = catalogs[locale][key] ?? catalogs.en[key];
  if (text === undefined) throw new Error(`missing message id "${key}"`);
  return text;
}

function readerOf(who: Locale | Reader): Reader {
  return typeof who === "string" ? { locale: who } : who;
}

function format(who: Locale | Reader, key: string, params: Params) {
  const reader = readerOf(who);
  return formatMessage(reader, key, template(reader.locale, key), params);
}

/** Plain text (markup removed): for button labels, notifications, logs. */
export function t<K extends string>(who: Locale | Reader, key: CheckedKey<K>, params: Params = {}): string {
  const { text, restore } = format(who, key, params);
  // Most messages have no markup: skip the regular expressions for them.
  const plain = text.includes("*") ? text.replace(/\*\*(.+?)\*\*/g, "$1") : text;
  return restore(plain.includes("`") ? plain.replace(/`(.+?)`/g, "$1") : plain);
}

/**
 * Parses one line of the formatted template into inline nodes, restoring values as literal text.
 * A date argument in plain text becomes a time node, which each platform shows natively.
 */
function inlines(line: string, { restore, restoreParts }: Pick<Formatted, "restore" | "restoreParts">): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|`(.+?)`/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > last) out.push(...restoreParts(line.slice(last, m.index)));
    if (m[1] !== undefined) out.push({ bold: restore(m[1]) });
    else if (m[2] !== undefined) out.push({ code: restore(m[2]) });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push(...restoreParts(line.slice(last)));
  return out;
}

/** Rich blocks for a message id. */
export function tb<K extends string>(who: Locale | Reader, key: CheckedKey<K>, params: Params = {}): Block[] {
  const formatted = format(who, key, params);
  const { text } = formatted;
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk.split("\n");
    let para: Inline[] = [];
    let items: Inline[][] = [];
    const flushPara = () => {
      if (para.length) blocks.push({ type: "paragraph", content: para });
      para = [];
    };
    const flushList = () => {
      if (items.length) blocks.push({ type: "list", items });
      items = [];
    };
    for (const line of lines) {
      if (line.startsWith("- ")) {
        flushPara();
        items.push(inlines(line.slice(2), formatted));
      } else {
        flushList();
        if (para.length) para.push("\n");
        para.push(...inlines(line, formatted));
      }
    }
    flushPara();
    flushList();
  }
  return blocks;
}

/**
 * One line of rich text for a message id: the inline nodes of tb() without blocks, for a message
 * that is a piece of a bigger one (a list item, a card's line). Its dates stay time nodes.
 */
export function ti<K extends string>(who: Locale | Reader, key: CheckedKey<K>, params: Params = {}): Inline[] {
  const formatted = format(who, key, params);
  return inlines(formatted.text, formatted);
}

/** Argument names used by a template (plain, plural, select, number, date), for the catalog tests. */
export function placeholders(text: string, locale: Locale = "en"): string[] {
  return argumentNames(locale, text);
}
