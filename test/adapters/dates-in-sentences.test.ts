// Dates inside translated sentences (issue 16): the catalog only names the argument; tb() keeps a
// Date as a time node, and each renderer shows it the platform's way.
import { describe, expect, it } from "vitest";
import { tb, t } from "../../src/i18n/translate.js";
import { dateParam, relativeHint } from "../../src/i18n/dates.js";
import { paragraph, time, type Block, type Inline } from "../../src/engine/message.js";
import { renderText } from "../../adapters/telegram/render.js";
import { renderBlocks as discordBlocks } from "../../adapters/discord/render.js";
import { renderInline as slackInline } from "../../adapters/slack/render.js";

const deadline = new Date("2026-01-07T13:00:00Z");
const now = new Date("2026-01-05T09:00:00Z");
const unix = deadline.getTime() / 1000;

function inlinesOf(blocks: Block[]): Inline[] {
  return blocks.flatMap((b) => (b.type === "paragraph" ? b.content : b.items.flat()));
}

describe("a date argument in a translated sentence", () => {
  it("given a Date then tb() gives a time node in the reader's zone and language, t() the same text", () => {
    const reader = { locale: "fr" as const, timeZone: "Europe/Paris" };
    const blocks = tb(reader, "journey.missions.accepted", { title: "Soldes", deadline });
    const node = inlinesOf(blocks).find((n) => typeof n === "object" && "time" in n);
    expect(node).toEqual({ time: expect.stringContaining("14:00"), at: deadline.toISOString(), locale: "fr" });
    expect(t(reader, "journey.missions.accepted", { title: "Soldes", deadline })).toContain((node as { time: string }).time);
  });

  it("given a date that travelled as JSON (an outbox row) then it is a time node too", () => {
    const blocks = tb({ locale: "es", timeZone: "UTC" }, "jobs.reminder.deadline48", { title: "Rebajas", deadline: dateParam(deadline) });
    expect(inlinesOf(blocks)).toContainEqual(expect.objectContaining({ at: deadline.toISOString(), locale: "es" }));
  });

  it("given a title that looks like markup next to a date then both stay literal", () => {
    const blocks = tb("en", "journey.missions.accepted", { title: "**x** `y`", deadline });
    const plain = inlinesOf(blocks).filter((n): n is string => typeof n === "string").join("");
    expect(inlinesOf(blocks)).toContainEqual({ bold: "**x** `y`" });
    expect(plain).not.toMatch(/[\uE000-\uF8FF]/);
  });
});

describe("relative hints", () => {
  it.each([
    ["en", deadline, "in 2 days"],
    ["fr", deadline, "après-demain"],
    ["fr", new Date("2026-01-08T09:00:00Z"), "dans 3 jours"],
    ["es", new Date("2026-01-05T15:00:00Z"), "dentro de 6 horas"],
    ["it", new Date("2026-01-05T08:15:00Z"), "45 minuti fa"],
    ["en", new Date("2026-01-06T09:00:00Z"), "tomorrow"],
    ["en", new Date("2026-04-05T09:00:00Z"), "in 3 months"],
  ])("given %s and a moment then the largest readable unit", (locale, at, expected) => {
    expect(relativeHint(at, now, locale)).toBe(expected);
  });

  it("given a malformed language tag then English rather than a crash", () => {
    expect(relativeHint(deadline, now, "not a tag!")).toBe("in 2 days");
  });
});

describe("each renderer shows the date its platform's way", () => {
  const sentence = [paragraph("Publish before ", time("Jan 7, 2026, 02:00 PM CET", deadline, "en"), ".")];

  it("given Telegram then the reader's text with a relative hint in their language", () => {
    expect(renderText(sentence, undefined, now)).toEqual(["Publish before Jan 7, 2026, 02:00 PM CET (in 2 days)."]);
    expect(renderText([paragraph(time("7 janv. 2026, 14:00 UTC+1", deadline, "fr"))], undefined, now)).toEqual(["7 janv. 2026, 14:00 UTC+1 (après-demain)"]);
  });

  it("given Telegram and a time node without a language then the text alone", () => {
    expect(renderText([paragraph(time("Jan 7", deadline))], undefined, now)).toEqual(["Jan 7"]);
  });

  it("given Discord then native timestamps inside the sentence", () => {
    expect(discordBlocks(sentence)).toBe(`Publish before <t:${unix}:f> (<t:${unix}:R>).`);
  });

  it("given Slack then a date token with the reader's text as the fallback", () => {
    expect(slackInline(time("Jan 7 <b>|x", deadline, "en"))).toBe(`<!date^${unix}^{date_short_pretty} {time}|Jan 7 &lt;b&gt;¦x>`);
  });
});
