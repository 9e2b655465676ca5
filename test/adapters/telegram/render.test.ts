import { describe, expect, it } from "vitest";
import { bold, code, italic, link, list, message, paragraph, textMessage } from "../../../src/engine/message.js";
import { MAX_MESSAGE_LENGTH, renderMessage, renderText } from "../../../adapters/telegram/render.js";

/** Tags must open and close in order inside every single message (Telegram rejects anything else). */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!m[1]) stack.push(m[2]!);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0;
}

describe("telegram renderer", () => {
  it("given formatting nodes then Telegram HTML tags", () => {
    const msg = message([paragraph("Hi ", bold("Ana"), ", ", italic("see"), " ", code("#ad"), " ", link("brief", "https://ex.com/a?b=1&c=2")), list([["one"], [bold("two")]])]);
    expect(renderMessage(msg).messages).toEqual([
      {
        text: 'Hi <b>Ana</b>, <i>see</i> <code>#ad</code> <a href="https://ex.com/a?b=1&amp;c=2">brief</a>\n\n• one\n• <b>two</b>',
        parse_mode: "HTML",
      },
    ]);
  });

  it("given HTML in a display name or mission title then it is rendered inert", () => {
    const name = `<a href="https://evil.example">win</a> & <b>`;
    const [out] = renderMessage(message([paragraph("Welcome ", bold(name), "! Mission: ", name)])).messages;
    expect(out!.text).toBe(
      "Welcome <b>&lt;a href=\"https://evil.example\"&gt;win&lt;/a&gt; &amp; &lt;b&gt;</b>! Mission: &lt;a href=\"https://evil.example\"&gt;win&lt;/a&gt; &amp; &lt;b&gt;",
    );
    expect(out!.text).not.toMatch(/<a /);
  });

  it("given a link with a dangerous scheme or a quote then no href escapes the attribute", () => {
    const [js] = renderMessage(message([paragraph(link("click", "javascript:alert(1)"))])).messages;
    expect(js!.text).toBe("click");
    const [quoted] = renderMessage(message([paragraph(link("x", 'https://ex.com/"onmouseover="a'))])).messages;
    expect(quoted!.text).toBe('<a href="https://ex.com/%22onmouseover=%22a">x</a>');
    const [tg] = renderMessage(message([paragraph(link("me", "tg://resolve?domain=advo_test_bot"))])).messages;
    expect(tg!.text).toContain('href="tg://resolve?domain=advo_test_bot"');
  });

  it("given buttons then an inline keyboard on the last part, url buttons validated, previews off on request", () => {
    const msg = message([paragraph("Mission")], {
      buttons: [
        [
          { action: "mission.accept", label: "Accept", payload: "m1" },
          { action: "mission.decline", label: "Decline", payload: "m1" },
        ],
        [{ action: "open", label: "Brief", url: "https://ex.com/brief" }, { action: "open", label: "Bad", url: "javascript:x" }],
      ],
      disablePreview: true,
    });
    const { messages, droppedButtons } = renderMessage(msg);
    expect(droppedButtons).toBe(1);
    expect(messages).toEqual([
      {
        text: "Mission",
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: {
          inline_keyboard: [
            [
              { text: "Accept", callback_data: "mission.accept:m1" },
              { text: "Decline", callback_data: "mission.decline:m1" },
            ],
            [{ text: "Brief", url: "https://ex.com/brief" }],
          ],
        },
      },
    ]);
  });

  it("given a long message then parts under 4096 at line boundaries, tags closed in each, nothing lost", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} <${"x".repeat(20)}>`);
    const msg = message([paragraph(bold("Title")), paragraph(lines.join("\n")), list(lines.slice(0, 50).map((l) => [bold(l)]))], {
      buttons: [[{ action: "ok", label: "OK" }]],
    });
    const { messages } = renderMessage(msg);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(balanced(m.text)).toBe(true);
    }
    // every part but the first starts at a line boundary
    expect(messages.slice(1).every((m) => /^(line \d+|• )/.test(m.text))).toBe(true);
    expect(messages.filter((m) => m.reply_markup)).toHaveLength(1);
    expect(messages.at(-1)!.reply_markup).toBeDefined();
    const joined = messages.map((m) => m.text).join("\n");
    for (const l of lines) expect(joined).toContain(l.replace("<", "&lt;").replace(">", "&gt;"));
  });

  it("given one enormous line of user text then it is cut into balanced parts without splitting an entity or emoji", () => {
    const huge = "<&>🙂".repeat(3000);
    const parts = renderText([paragraph(bold(huge))]);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(p.startsWith("<b>") && p.endsWith("</b>")).toBe(true);
      expect(balanced(p)).toBe(true);
      expect(p).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    const text = parts.map((p) => p.slice(3, -4)).join("").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    expect(text).toBe(huge);
  });

  it("given a small limit then it splits at paragraph boundaries first", () => {
    expect(renderText([paragraph("aaaa"), paragraph("bbbb"), paragraph("cc")], 11)).toEqual(["aaaa\n\nbbbb", "cc"]);
  });

  it("given only buttons or nothing then Telegram still gets a valid text", () => {
    expect(renderMessage(message([], { buttons: [[{ action: "a", label: "A" }]] })).messages[0]!.text).not.toBe("");
    expect(renderMessage(message([])).messages).toEqual([]);
    expect(renderMessage(textMessage("a\nb")).messages[0]!.text).toBe("a\nb");
  });
});

describe("time nodes", () => {
  it("given a time node then Telegram shows the reader's formatted text, escaped (no native timestamps)", async () => {
    const { time } = await import("../../../src/engine/message.js");
    const at = new Date("2026-12-24T18:00:00Z");
    expect(renderText([paragraph("Deadline: ", time("24 Dec <19:00>", at))])).toEqual(["Deadline: 24 Dec &lt;19:00&gt;"]);
  });
});
