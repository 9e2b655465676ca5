// Every user-facing string is a message id looked up in the locale's catalog.
// Templates may use **bold**, `code` and {placeholders}; lines starting with "- " form a list and
// a blank line starts a new paragraph. Placeholder VALUES are always inserted as literal text,
// so user-supplied values can never inject markup.
import { LOCALES, type Locale } from "../config.js";
import type { Block, Inline } from "../engine/message.js";
import { catalogs } from "./catalog.js";

export type Params = Record<string, string | number>;
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

function template(locale: Locale, key: string): string {
  const text = catalogs[locale][key] ?? catalogs.en[key];
  if (text === undefined) throw new Error(`missing message id "${key}"`);
  return text;
}

function substitute(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Plain text (markup removed): for button labels, notifications, logs. */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const raw = template(locale, key).replace(/\*\*(.+?)\*\*/g, "$1").replace(/`(.+?)`/g, "$1");
  return substitute(raw, params);
}

/** Parses one line of template into inline nodes, substituting params as literal text. */
function inlines(line: string, params: Params): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|`(.+?)`/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > last) out.push(substitute(line.slice(last, m.index), params));
    if (m[1] !== undefined) out.push({ bold: substitute(m[1], params) });
    else if (m[2] !== undefined) out.push({ code: substitute(m[2], params) });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push(substitute(line.slice(last), params));
  return out;
}

/** Rich blocks for a message id. */
export function tb(locale: Locale, key: string, params: Params = {}): Block[] {
  const blocks: Block[] = [];
  for (const chunk of template(locale, key).split(/\n\s*\n/)) {
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
        items.push(inlines(line.slice(2), params));
      } else {
        flushList();
        if (para.length) para.push("\n");
        para.push(...inlines(line, params));
      }
    }
    flushPara();
    flushList();
  }
  return blocks;
}

/** Placeholder names used by a template, for the catalog completeness test. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}
