import { describe, expect, it } from "vitest";
import { catalogs } from "../../src/i18n/catalog.js";
import { LOCALES, placeholders, t, tb } from "../../src/i18n/translate.js";

describe("message catalogs", () => {
  const english = catalogs.en;

  it.each(LOCALES.filter((l) => l !== "en"))("given the %s catalog then it has every English key and no extra", (locale) => {
    const keys = Object.keys(catalogs[locale]).sort();
    expect(keys.filter((k) => !(k in english)), "keys not in English").toEqual([]);
    expect(Object.keys(english).filter((k) => !(k in catalogs[locale])), "missing keys").toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== "en"))("given the %s catalog then every message uses the English placeholders", (locale) => {
    const wrong = Object.entries(english)
      .filter(([key, text]) => key in catalogs[locale] && placeholders(text).join() !== placeholders(catalogs[locale][key]!).join())
      .map(([key]) => key);
    expect(wrong).toEqual([]);
  });

  it("given a placeholder value with markup then it stays literal text", () => {
    const blocks = tb("en", "core.unknown_command", { command: "**x** [a](http://evil)" });
    expect(blocks).toEqual([{ type: "paragraph", content: ["I don't know the command /**x** [a](http://evil). Type /help to see what I can do."] }]);
    expect(t("es", "core.unknown_command", { command: "foo" })).toContain("/foo");
  });
});
