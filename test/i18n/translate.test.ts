import { describe, expect, it } from "vitest";
import { formatDeadline } from "../../src/i18n/dates.js";
import { formatMessage } from "../../src/i18n/icu.js";
import { t, tb } from "../../src/i18n/translate.js";

// formatMessage takes any template, so ICU behaviour is tested here without touching catalogs.
function render(locale: "en" | "es" | "fr" | "it", template: string, params: Record<string, string | number | Date>, timeZone?: string) {
  const { text, restore } = formatMessage({ locale, timeZone }, `test:${template}`, template, params);
  return restore(text);
}

describe("ICU translation layer", () => {
  const points = "{count, plural, one {# point} other {# points}}";

  it("given plural counts then each locale picks its CLDR form and groups digits", () => {
    expect(render("en", points, { count: 1 })).toBe("1 point");
    expect(render("en", points, { count: 0 })).toBe("0 points");
    expect(render("en", points, { count: 1000 })).toBe("1,000 points");
    const fr = "{count, plural, one {# point} other {# points}}";
    expect(render("fr", fr, { count: 0 })).toBe("0 point");
    expect(render("fr", fr, { count: 1000 })).toBe("1\u202f000 points");
    const es = "{count, plural, one {# punto} other {# puntos}}";
    expect(render("es", es, { count: 21 })).toBe("21 puntos");
    expect(render("es", es, { count: 1 })).toBe("1 punto");
  });

  it("given a value with markup inside a plural branch then it stays literal", () => {
    const template = "{count, plural, one {**{name}** has # point} other {**{name}** has # points}}";
    const { text, restore } = formatMessage({ locale: "en" }, "test:markup-plural", template, { count: 2, name: "**x** <b>y</b> `z`" });
    expect(text).toBe("**\uE000** has 2 points"); // markup is parsed on this: the value is not in it yet
    expect(restore(text)).toBe("****x** <b>y</b> `z`** has 2 points");
  });

  it("given a name with ** or <b> then tb keeps it literal and the template's bold is bold", () => {
    const blocks = tb("en", "core.unknown_command", { command: "**x** <b>y</b>" });
    expect(blocks).toEqual([{ type: "paragraph", content: ["I don't know the command /**x** <b>y</b>. Type /help to see what I can do."] }]);
    expect(t("en", "core.unknown_command", { command: "`rm`" })).toContain("/`rm`.");
  });

  it("given values that could read as a list item or a new paragraph then tb keeps them literal; plain values skip the sentinels", () => {
    const template = "{head}\n**{name}**";
    const { text } = formatMessage({ locale: "en" }, "test:plain-values", template, { head: "Summer drop", name: "Ana" });
    expect(text).toBe("Summer drop\n**Ana**"); // nothing markup-like: inserted as it is
    const blocks = tb("en", "core.unknown_command", { command: "- item\n\n- other" });
    expect(blocks).toEqual([{ type: "paragraph", content: ["I don't know the command /- item\n\n- other. Type /help to see what I can do."] }]);
    const lead = formatMessage({ locale: "en" }, "test:lead", "{x}", { x: "- not a list" });
    expect(lead.text).toBe("\uE000");
    expect(lead.restore(lead.text)).toBe("- not a list");
  });

  it("given a select argument then the raw value chooses the branch", () => {
    expect(render("es", "{kind, select, a {uno} other {otro}}: {name}", { kind: "a", name: "{kind}" })).toBe("uno: {kind}");
  });

  it("given a Date then it is formatted in the reader's locale and time zone", () => {
    const when = new Date("2026-03-29T00:30:00Z");
    expect(render("es", "Cierra {when}", { when }, "Europe/Madrid")).toBe(`Cierra ${formatDeadline(when, { locale: "es", timeZone: "Europe/Madrid" })}`);
    expect(render("es", "Cierra {when}", { when }, "Europe/Madrid")).toContain("01:30 CET");
    expect(render("en", "Due {when, date, long}", { when }, "America/New_York")).toBe("Due March 28, 2026");
    expect(render("en", "Due {when, date, long}", { when }, "Asia/Tokyo")).toBe("Due March 29, 2026");
  });

  it("given a missing plain argument then it stays visible instead of throwing", () => {
    expect(render("en", "Hello {name}", {})).toBe("Hello {name}");
  });
});

describe("typed message ids", () => {
  it("given a literal id not in the English catalog then it does not compile", () => {
    const computed: string = "core.unknown_command";
    // @ts-expect-error: a typo in a literal id is a compile error (npm run typecheck)
    expect(() => t("en", "core.unknown_commandd")).toThrow(/missing message id/);
    expect(t("en", computed, { command: "x" })).toContain("/x");
  });
});

describe("amounts and names in the catalogs", () => {
  it("given point amounts then every language carries the unit in the right plural form", () => {
    expect(t("es", "journey.leaderboard.points", { points: 1 })).toBe("1 punto");
    expect(t("es", "journey.leaderboard.points", { points: 70 })).toBe("70 puntos");
    expect(t("fr", "journey.leaderboard.points", { points: 0 })).toBe("0 point");
    expect(t("it", "journey.leaderboard.points", { points: 1000 })).toBe("1000 punti");
    expect(t("en", "jobs.verify.verified", { title: "T", points: 1 })).toBe("Your post for T is verified: +1 point!");
    expect(t("es", "manage.stats.mission", { id: 1, title: "T", status: "published", offered: 1, accepted: 1, submitted: 1, verified: 1, rejected: 0, paid: 1, clicks: 1 })).toContain("1 punto pagado, 1 clic");
  });

  it("given network ids then they are shown as the brands spell them", async () => {
    const { networkName } = await import("../../src/i18n/networks.js");
    expect(["tiktok", "youtube", "instagram", "x", "linkedin", "twitch", "facebook"].map(networkName)).toEqual(["TikTok", "YouTube", "Instagram", "X", "LinkedIn", "Twitch", "Facebook"]);
  });
});
