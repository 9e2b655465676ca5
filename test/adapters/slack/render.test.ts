// Rendering to mrkdwn / Block Kit and FormSpec → modal (pure).
import { describe, expect, it } from "vitest";
import { bold, code, italic, link, list, message, paragraph, type Button } from "../../../src/engine/message.js";
import { buttonBlocks, decodeActionId, escapeMrkdwn, renderInline, renderMessage, SLACK_LIMITS } from "../../../adapters/slack/render.js";
import { decodeOrigin, fieldErrors, formToView, viewValues } from "../../../adapters/slack/modal.js";

describe("slack mrkdwn", () => {
  it("given literal text with &, < and > then every one is escaped, so no link, mention or <!channel> can be injected", () => {
    expect(escapeMrkdwn("a & b <!channel> <https://evil|x> > c")).toBe("a &amp; b &lt;!channel&gt; &lt;https://evil|x&gt; &gt; c");
    const r = renderMessage(message([paragraph("<@U123> & <!here>")]));
    expect(JSON.stringify(r.blocks)).not.toContain("<@U123>");
    expect(r.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "&lt;@U123&gt; &amp; &lt;!here&gt;", verbatim: true } });
    expect(r.text).toBe("&lt;@U123&gt; &amp; &lt;!here&gt;");
  });

  it("given bold, italic, code and link nodes then they render as *b*, _i_, `c` and <url|text>, with their contents escaped", () => {
    expect(renderInline(bold("Tom & Jerry"))).toBe("*Tom &amp; Jerry*");
    expect(renderInline(italic("soon"))).toBe("_soon_");
    expect(renderInline(code("CODE<1>"))).toBe("`CODE&lt;1&gt;`");
    expect(renderInline(link("the brief", "https://example.com/a?b=1&c=2"))).toBe("<https://example.com/a?b=1&amp;c=2|the brief>");
    // A delimiter inside a bold value cannot close it early; whitespace stays outside.
    expect(renderInline(bold(" a*b "))).toBe(" *a∗b* ");
    // A label cannot split the link; a non-http URL is never a link.
    expect(renderInline(link("a|b", "https://x.test/"))).toBe("<https://x.test/|a¦b>");
    expect(renderInline(link("click", "javascript:alert(1)"))).toBe("click (javascript:alert(1))");
  });

  it("given a list then items render as bullet lines", () => {
    const r = renderMessage(message([list([["one ", bold("two")], ["three"]])]));
    expect(r.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "• one *two*\n• three", verbatim: true } }]);
  });

  it("given a paragraph longer than a section allows then it is split into sections of at most 3000 characters without cutting an entity", () => {
    const long = "a&b ".repeat(2000); // 8000 raw, 16000 escaped
    const r = renderMessage(message([paragraph(long, link("end", "https://e.test/"))]));
    const texts = r.blocks.map((b) => (b as { text: { text: string } }).text.text);
    expect(texts.length).toBeGreaterThan(5);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(texts.join("")).toBe(escapeMrkdwn(long) + "<https://e.test/|end>");
    expect(r.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText * 5);
  });

  it("given buttons then they become actions blocks of at most 25 unique action ids carrying the payload as value", () => {
    const row: Button[] = Array.from({ length: 30 }, (_, i) => ({ action: "mission.accept", label: `Accept ${i}`, payload: String(i) }));
    const blocks = buttonBlocks([row, [{ action: "review.reject", label: "Reject", payload: "42", style: "danger" }, { action: "x", label: "Open", url: "https://o.test/" }]]);
    expect(blocks.map((b) => (b.elements as unknown[]).length)).toEqual([25, 5, 2]);
    const ids = blocks.flatMap((b) => (b.elements as { action_id: string }[]).map((e) => e.action_id));
    expect(new Set(ids).size).toBe(ids.length);
    const reject = (blocks[2]!.elements as Record<string, unknown>[])[0]!;
    expect(reject).toMatchObject({ type: "button", value: "42", style: "danger", text: { type: "plain_text", text: "Reject" } });
    expect(decodeActionId(reject.action_id as string)).toBe("review.reject");
    const open = (blocks[2]!.elements as Record<string, unknown>[])[1]!;
    expect(open.url).toBe("https://o.test/");
    expect(decodeActionId(open.action_id as string)).toBeUndefined();
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
  });

  it("given disablePreview then link unfurling is off", () => {
    expect(renderMessage(message([paragraph("x")], { disablePreview: true }))).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });
});

describe("slack modal", () => {
  const form = {
    id: "mission.new",
    title: "A very long mission form title",
    submitLabel: "Preview",
    state: "draft:7",
    fields: [
      { id: "title", label: "Title", kind: "text" as const, required: true, initial: "Spring" },
      { id: "brief", label: "Brief", kind: "multiline" as const, required: false, placeholder: "What to post" },
      { id: "network", label: "Network", kind: "select" as const, required: true, initial: "tiktok", options: [{ value: "instagram", label: "Instagram" }, { value: "tiktok", label: "TikTok" }] },
    ],
  };

  it("given a FormSpec then the modal has one input block per field, titles within 24 characters and the state in private_metadata", () => {
    const view = formToView(form, { channel: "CMANAGERS", messageTs: "1.2" });
    expect(view).toMatchObject({ type: "modal", callback_id: "mission.new", submit: { text: "Preview" } });
    expect((view.title as { text: string }).text.length).toBeLessThanOrEqual(24);
    const blocks = view.blocks as Record<string, unknown>[];
    expect(blocks.map((b) => [b.type, b.block_id, b.optional])).toEqual([["input", "title", false], ["input", "brief", true], ["input", "network", false]]);
    expect(blocks[0]!.element).toMatchObject({ type: "plain_text_input", action_id: "title", multiline: false, initial_value: "Spring" });
    expect(blocks[1]!.element).toMatchObject({ multiline: true, placeholder: { text: "What to post" } });
    expect(blocks[2]!.element).toMatchObject({ type: "static_select", initial_option: { value: "tiktok" } });
    expect(decodeOrigin(view.private_metadata as string)).toEqual({ state: "draft:7", channel: "CMANAGERS", messageTs: "1.2" });
  });

  it("given fields with errors then response errors name their blocks; without errors there are none", () => {
    expect(fieldErrors({ ...form, fields: [{ ...form.fields[0]!, error: "Required" }, form.fields[1]!] })).toEqual({ title: "Required" });
    expect(fieldErrors(form)).toBeUndefined();
  });

  it("given a submitted view state then values map by field id, empty inputs to empty strings", () => {
    expect(viewValues({
      title: { title: { type: "plain_text_input", value: "Hi" } },
      brief: { brief: { type: "plain_text_input", value: null } },
      network: { network: { type: "static_select", selected_option: { value: "tiktok" } } },
    })).toEqual({ title: "Hi", brief: "", network: "tiktok" });
  });

  it("given state too large for private_metadata then opening fails loudly instead of truncating it", () => {
    expect(() => formToView({ ...form, state: "x".repeat(4000) })).toThrow(/3000/);
  });
});
