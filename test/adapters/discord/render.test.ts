// Rendering engine messages to Discord: literal text stays literal, formatting only from nodes,
// no mentions, 2000-character parts, component limits, modals from FormSpecs.
import { describe, expect, it } from "vitest";
import { refusal } from "../../fakes/discord.js";
import { bold, code, link, list, message, paragraph, textMessage } from "../../../src/engine/message.js";
import {
  customIdFor,
  escapeMarkdown,
  MAX_CONTENT,
  modalCustomId,
  parseCustomId,
  parseModalCustomId,
  renderBlocks,
  renderInline,
  renderMessage,
  renderModal,
  splitContent,
} from "../../../adapters/discord/render.js";

describe("discord renderer", () => {
  it("given user text full of markdown and mentions then every special character is escaped", () => {
    const text = "**hi** _x_ ~~s~~ ||spoiler|| `code` > quote # head - item [a](http://evil) <@123> @everyone";
    const out = escapeMarkdown(text);
    expect(out).toBe(
      "\\*\\*hi\\*\\* \\_x\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\`code\\` \\> quote \\# head \\- item \\[a\\]\\(http://evil\\) \\<\\@123\\> \\@everyone",
    );
    expect(escapeMarkdown("1. first")).toBe("1\\. first");
  });

  it("given bold, code, link and list nodes then they become Discord markdown around escaped text", () => {
    const out = renderBlocks([
      paragraph("Hello ", bold("Ana_B"), ", use ", code("A`B"), " or ", link("the *brief*", "https://ex.com/a_(b)")),
      list([["first"], [bold("second")]]),
    ]);
    expect(out).toBe("Hello **Ana\\_B**, use `` A`B `` or [the \\*brief\\*](<https://ex.com/a_%28b%29>)\n\n- first\n- **second**");
    expect(renderBlocks([paragraph(link("x", "javascript:alert(1)"))])).toBe("x \\(javascript:alert\\(1\\)\\)");
  });

  it("given any message then mentions are disabled and preview suppression is a flag", () => {
    const { bodies } = renderMessage(message([paragraph("hi")], { disablePreview: true }));
    expect(bodies).toEqual([{ content: "hi", components: [], allowed_mentions: { parse: [] }, flags: 4 }]);
    expect(renderMessage(textMessage("x"), { ephemeral: true }).bodies[0]!.flags).toBe(64);
  });

  it("given a text longer than 2000 characters then it is split at line breaks into parts under the limit", () => {
    const lines = Array.from({ length: 120 }, (_, i) => `line ${i} ${"x".repeat(30)}`);
    const parts = splitContent(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_CONTENT);
    expect(parts.join("\n")).toBe(lines.join("\n"));
    const hard = splitContent("a".repeat(1999) + "\\*" + "b".repeat(10));
    expect(hard[0]).toBe("a".repeat(1999));
    expect(hard[1]!.startsWith("\\*")).toBe(true);
  });

  it("given a long message with buttons then the buttons ride on the last part only", () => {
    const long = "word ".repeat(900);
    const { bodies } = renderMessage(message([paragraph(long)], { buttons: [[{ action: "mission.accept", label: "Accept", payload: "12" }]] }));
    expect(bodies.length).toBe(3);
    expect(bodies.slice(0, -1).every((b) => b.components.length === 0)).toBe(true);
    expect(bodies.at(-1)!.components).toEqual([{ type: 1, components: [{ type: 2, style: 2, label: "Accept", custom_id: "mission.accept:12" }] }]);
  });

  it("given more than 5 buttons in a row and more than 5 rows then rows wrap and the excess is dropped", () => {
    const row = Array.from({ length: 12 }, (_, i) => ({ action: "pick", label: `B${i}`, payload: String(i) }));
    const rows = [row, [{ action: "x", label: "X" }], [{ action: "y", label: "Y" }], [{ action: "z", label: "Z", url: "https://ex.com" }]];
    const { bodies, droppedButtons } = renderMessage(message([paragraph("p")], { buttons: rows }));
    const components = bodies[0]!.components;
    expect(components.length).toBe(5);
    expect(components.map((r) => r.components.length)).toEqual([5, 5, 2, 1, 1]);
    expect(droppedButtons).toBe(1);
  });

  it("given button styles and urls then they map to Discord styles", () => {
    const { bodies } = renderMessage(
      message([paragraph("p")], {
        buttons: [[{ action: "a", label: "A", style: "primary" }, { action: "b", label: "B", style: "danger" }, { action: "c", label: "C", url: "https://ex.com" }]],
      }),
    );
    expect(bodies[0]!.components[0]!.components).toEqual([
      { type: 2, style: 1, label: "A", custom_id: "a" },
      { type: 2, style: 4, label: "B", custom_id: "b" },
      { type: 2, style: 5, label: "C", url: "https://ex.com" },
    ]);
  });

  it("given custom ids then action and payload round-trip and the adapter's own ids are not actions", () => {
    expect(parseCustomId(customIdFor({ action: "mission.accept", label: "", payload: "42:x" }))).toEqual({ id: "mission.accept", payload: "42:x" });
    expect(parseCustomId("help")).toEqual({ id: "help" });
    expect(parseCustomId("advo:form:abc")).toBeUndefined();
  });

  it("given a form then the modal has Label-wrapped inputs and selects with limits applied", () => {
    const form = {
      id: "submit",
      title: "Submit your post for the mission with a very long title indeed",
      submitLabel: "Send",
      state: "m12",
      fields: [
        { id: "url", label: "Link", kind: "text" as const, required: true, placeholder: "https://", error: "Not a link" },
        { id: "note", label: "Note", kind: "multiline" as const, required: false, initial: "hi" },
        { id: "net", label: "Network", kind: "select" as const, required: true, initial: "tiktok", options: [{ value: "instagram", label: "Instagram" }, { value: "tiktok", label: "TikTok" }] },
      ],
    };
    const id = modalCustomId(form)!;
    expect(id).toBe("form:submit:m12");
    expect(parseModalCustomId(id)).toEqual({ formId: "submit", state: "m12" });
    const modal = renderModal(form, id);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components).toEqual([
      { type: 18, label: "Link", description: "⚠ Not a link", component: { type: 4, custom_id: "url", style: 1, required: true, placeholder: "https://" } },
      { type: 18, label: "Note", component: { type: 4, custom_id: "note", style: 2, required: false, value: "hi" } },
      {
        type: 18,
        label: "Network",
        component: {
          type: 3,
          custom_id: "net",
          required: true,
          min_values: 1,
          max_values: 1,
          options: [{ label: "Instagram", value: "instagram" }, { label: "TikTok", value: "tiktok", default: true }],
        },
      },
    ]);
    expect(modalCustomId({ ...form, state: "s".repeat(120) })).toBeUndefined();
  });
});

describe("discord time nodes", () => {
  it("given a time node then it becomes <t:unix:f> (<t:unix:R>); an unreadable moment falls back to the text", () => {
    expect(renderInline({ time: "24 Dec 19:00", at: "2026-12-24T18:00:00.000Z" })).toBe("<t:1798135200:f> (<t:1798135200:R>)");
    expect(renderInline({ time: "24 *Dec*", at: "not a date" })).toBe("24 \\*Dec\\*");
  });
});

describe("discord card messages (embeds)", () => {
  it("given a card whose first paragraph is bold then it is the embed title and the rest its description, with no content", () => {
    const card = { ...message([paragraph(bold("Spring *launch*")), paragraph("Show ", { time: "1 Mar", at: "2026-03-01T00:00:00.000Z" })]), card: true, buttons: [[{ action: "mission.view", label: "Open", payload: "7" }]] };
    const [body, ...more] = renderMessage(card).bodies;
    expect(more).toEqual([]);
    expect(body).toMatchObject({ content: "", embeds: [{ title: "Spring \\*launch\\*", description: "Show <t:1772323200:f> (<t:1772323200:R>)" }] });
    expect(body!.components[0]!.components[0]).toMatchObject({ custom_id: "mission.view:7", label: "Open" });
  });

  it("given a card without a bold first paragraph or over 4,096 characters then it has no title and a cut description", () => {
    const [body] = renderMessage({ ...textMessage("x".repeat(5000)), card: true }).bodies;
    expect(body!.embeds![0]!.title).toBeUndefined();
    expect(body!.embeds![0]!.description).toHaveLength(4096);
    expect(refusal(body)).toBeUndefined();
  });
});
