import { describe, expect, it } from "vitest";
import { catalogs } from "../../src/i18n/catalog.js";
import { formatMessage } from "../../src/i18n/icu.js";
import { LOCALES, placeholders, t, tb, type Locale, type Params } from "../../src/i18n/translate.js";

// Every message in every locale, rendered with sample arguments. Arguments a message uses in a
// plural or number position get each sample count; plain ones get a short word; dates a Date.
const COUNTS = [0, 1, 2, 5, 21, 1000];
const SAMPLE_DATE = new Date("2026-03-29T00:30:00Z");
// Discord refuses content over 2,000 characters (Telegram 4,096): any message can go to Discord.
const PLATFORM_LIMIT = 2000;
// English words that leaked into other catalogs before. Only words that are wrong there:
// "bonus", "post", "link" are fine in es/fr/it; "points" and "missions" are French.
const LEAKED: Record<Exclude<Locale, "en">, string[]> = {
  es: ["rank", "points", "missions", "submit", "approved", "rejected", "deadline", "reward", "rewards", "leaderboard", "pending", "balance"],
  fr: ["rank", "submit", "approved", "rejected", "deadline", "reward", "rewards", "leaderboard", "pending", "balance"],
  it: ["rank", "points", "missions", "submit", "approved", "rejected", "deadline", "reward", "rewards", "leaderboard", "pending", "balance"],
};

/** The argument kinds of a template: from the parsed ICU AST of a plain render attempt. */
function argumentKinds(template: string): Map<string, "count" | "date" | "text"> {
  const kinds = new Map<string, "count" | "date" | "text">();
  for (const m of template.matchAll(/\{\s*(\w+)\s*,\s*(plural|selectordinal|number|date|time|select)/g)) {
    kinds.set(m[1]!, m[2] === "date" || m[2] === "time" ? "date" : m[2] === "select" ? "text" : "count");
  }
  for (const name of placeholders(template)) if (!kinds.has(name)) kinds.set(name, "text");
  return kinds;
}

function samples(template: string): Params[] {
  const kinds = argumentKinds(template);
  return COUNTS.map((count) => {
    const params: Params = {};
    for (const [name, kind] of kinds) params[name] = kind === "count" ? count : kind === "date" ? SAMPLE_DATE : `v_${name}`;
    return params;
  });
}

describe("message catalogs", () => {
  const english = catalogs.en;

  it.each(LOCALES.filter((l) => l !== "en"))("given the %s catalog then it has every English key and no extra", (locale) => {
    const keys = Object.keys(catalogs[locale]).sort();
    expect(keys.filter((k) => !(k in english)), "keys not in English").toEqual([]);
    expect(Object.keys(english).filter((k) => !(k in catalogs[locale])), "missing keys").toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== "en"))("given the %s catalog then every message uses the English arguments", (locale) => {
    const wrong = Object.entries(english)
      .filter(([key, text]) => key in catalogs[locale] && placeholders(text).join() !== placeholders(catalogs[locale][key]!, locale).join())
      .map(([key]) => key);
    expect(wrong).toEqual([]);
  });

  it.each(LOCALES)("given every %s message and sample arguments then it renders, with nothing left in braces and within the platform limit", (locale) => {
    const problems: string[] = [];
    for (const [key, template] of Object.entries(catalogs[locale])) {
      for (const params of samples(template)) {
        try {
          const { text, restore } = formatMessage({ locale, timeZone: "Europe/Madrid" }, key, template, params);
          const shown = restore(text);
          if (/[{}]/.test(shown)) problems.push(`${key}: leftover brace in "${shown}"`);
          if (shown.length > PLATFORM_LIMIT) problems.push(`${key}: ${shown.length} characters`);
          if (/[\uE000-\uF8FF]/.test(shown)) problems.push(`${key}: sentinel left`);
        } catch (error) {
          problems.push(`${key}: ${(error as Error).message}`);
          break;
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LOCALES)("given every %s message then the fast formatter gives exactly what intl-messageformat gives", (locale) => {
    const different: string[] = [];
    for (const [key, template] of Object.entries(catalogs[locale])) {
      for (const params of samples(template)) {
        const reader = { locale, timeZone: "America/New_York" };
        const fast = formatMessage(reader, key, template, params);
        const library = formatMessage(reader, key, template, params, { viaLibrary: true });
        if (fast.restore(fast.text) !== library.restore(library.text)) different.push(`${key}: ${fast.restore(fast.text)} ≠ ${library.restore(library.text)}`);
      }
    }
    expect(different).toEqual([]);
  });

  it.each(LOCALES.filter((l): l is Exclude<Locale, "en"> => l !== "en"))("given the %s catalog then no English word leaked into it", (locale) => {
    const leaks: string[] = [];
    for (const [key, template] of Object.entries(catalogs[locale])) {
      if (key.startsWith("discord.cmd.") && key.endsWith(".name")) continue; // command names are ids
      // commands (/points), code spans and argument names are not prose
      // (select and plural keys written glued to their brace, `approved{…}`, are selectors too)
      const prose = template.replace(/[=\w]+\{/g, "{").replace(/\/[a-z_]+/g, " ").replace(/`[^`]*`/g, " ").replace(/\{\s*\w+\s*(,[^{}]*)?\}?/g, " ").toLowerCase();
      for (const word of LEAKED[locale]) if (new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, "u").test(prose)) leaks.push(`${key}: "${word}"`);
    }
    expect(leaks).toEqual([]);
  });

  it("given a placeholder value with markup then it stays literal text", () => {
    const blocks = tb("en", "core.unknown_command", { command: "**x** [a](http://evil)" });
    expect(blocks).toEqual([{ type: "paragraph", content: ["I don't know the command /**x** [a](http://evil). Type /help to see what I can do."] }]);
    expect(t("es", "core.unknown_command", { command: "foo" })).toContain("/foo");
  });
});
