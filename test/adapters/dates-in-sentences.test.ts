// Dates inside translated sentences (issue 16): the catalog only names the argument; tb() keeps a
// Date as a time node, and each renderer shows it the platform's way.
import { describe, expect, it } from "vitest";
import { tb, t, ti } from "../../src/i18n/translate.js";
import { dateOnly, dateParam, formatDate, relativeHint } from "../../src/i18n/dates.js";
import { day, paragraph, time, type Block, type Inline } from "../../src/engine/message.js";
import { renderPayload } from "../../src/delivery/render.js";
import { renderConsoleMessage } from "../../adapters/console/render.js";
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

describe("a date shown as its day alone (a history line, a list item)", () => {
  const madrid = { locale: "es" as const, timeZone: "Europe/Madrid" };
  // 23:30 UTC is already the next day in Madrid
  const late = new Date("2026-01-07T23:30:00Z");
  const dayUnix = late.getTime() / 1000;

  it("given dateOnly then a JSON-safe param that keeps its style", () => {
    expect(JSON.parse(JSON.stringify(dateOnly(late)))).toEqual({ $date: "2026-01-07T23:30:00.000Z", $style: "date" });
  });

  it("given a dateOnly argument then ti() gives the line's nodes with a day-alone time node in the reader's zone, t() the same day as text", () => {
    const params = { id: 7, reward: "Bolsa", influencer: "Ana", cost: 10, date: dateOnly(late) };
    expect(ti(madrid, "manage.redemption.item", params)).toEqual([
      { bold: "#7" }, " Bolsa para Ana · 10 puntos · ", { time: "8 ene 2026", at: late.toISOString(), locale: "es", style: "date" },
    ]);
    expect(t(madrid, "manage.redemption.item", params)).toBe("#7 Bolsa para Ana · 10 puntos · 8 ene 2026");
  });

  it("given day() then the same node as a dateOnly argument", () => {
    expect(day(late, madrid)).toEqual({ time: formatDate(late, madrid), at: late.toISOString(), locale: "es", style: "date" });
  });

  it("given an outbox payload with a dateOnly param then the sent message keeps the day alone", () => {
    const r = renderPayload({ kind: "i18n", messageId: "manage.redemption.item", params: JSON.parse(JSON.stringify({ id: 1, reward: "R", influencer: "I", cost: 1, date: dateOnly(late) })) }, madrid);
    if (!r.ok) throw new Error(r.error);
    expect(inlinesOf(r.message.blocks)).toContainEqual({ time: "8 ene 2026", at: late.toISOString(), locale: "es", style: "date" });
  });

  it("given each platform then the day natively, without time or relative hint", () => {
    const node = day(late, madrid);
    expect(renderText([paragraph("· ", node)], undefined, now)).toEqual(["· 8 ene 2026"]);
    expect(discordBlocks([paragraph(node)])).toBe(`<t:${dayUnix}:D>`);
    expect(slackInline(node)).toBe(`<!date^${dayUnix}^{date_short}|8 ene 2026>`);
    expect(renderConsoleMessage({ blocks: [paragraph(node)] }, 1, now).text).toBe("8 ene 2026");
  });
});

describe("the console shows dates like Telegram", () => {
  it("given a full date then the reader's text with a relative hint; without a language the text alone", () => {
    const sentence = { blocks: [paragraph("Publish before ", time("Jan 7, 2026, 02:00 PM CET", deadline, "en"), ".")] };
    expect(renderConsoleMessage(sentence, 1, now).text).toBe("Publish before Jan 7, 2026, 02:00 PM CET (in 2 days).");
    expect(renderConsoleMessage({ blocks: [{ type: "list", items: [[time("Jan 7", deadline)]] }] }, 1, now).text).toBe("  • Jan 7");
  });
});
