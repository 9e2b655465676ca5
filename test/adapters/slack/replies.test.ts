// How a slash command's replies are packed into ephemeral Slack answers (pure).
import { describe, expect, it } from "vitest";
import { message, paragraph } from "../../../src/engine/message.js";
import { commandAnswerBodies, decidedFooter } from "../../../adapters/slack/replies.js";

type Body = { blocks: { type: string; text?: { text: string }; elements?: { value?: string }[] }[]; response_type: string };

describe("slack command answers", () => {
  it("given many cards then each keeps its buttons under its text and no answer exceeds 50 blocks", () => {
    const cards = Array.from({ length: 12 }, (_, i) =>
      message([paragraph(`Submission #${i}`), paragraph("url"), paragraph("facts"), paragraph("evidence")], {
        buttons: [[{ action: "review.approve", label: "Approve", payload: String(i) }, { action: "review.reject", label: "Reject", payload: String(i) }]],
      }),
    );
    const bodies = commandAnswerBodies(cards) as unknown as Body[];
    expect(bodies.length).toBeGreaterThan(1);
    const seen: string[] = [];
    for (const body of bodies) {
      expect(body.response_type).toBe("ephemeral");
      expect(body.blocks.length).toBeLessThanOrEqual(50);
      body.blocks.forEach((b, i) => {
        if (b.type !== "actions") return;
        const title = body.blocks[i - 4]!.text!.text;
        expect(title).toBe(`Submission #${b.elements![0]!.value}`);
        seen.push(b.elements![0]!.value!);
      });
    }
    expect(seen).toEqual(cards.map((_, i) => String(i)));
  });

  it("given only form replies then there is no answer body", () => {
    expect(commandAnswerBodies([{ blocks: [], form: { id: "f", title: "F", submitLabel: "Go", fields: [] } }])).toEqual([]);
  });

  it("given a decision then the footer names the user and the time with Slack's date token", () => {
    expect(decidedFooter("U1ABC", new Date("2026-01-05T09:00:00Z"))).toEqual({
      type: "context", elements: [{ type: "mrkdwn", text: "✓ <@U1ABC> · <!date^1767603600^{date_short_pretty} {time}|2026-01-05 09:00 UTC>" }],
    });
    expect(JSON.stringify(decidedFooter("<!channel>", new Date(0)))).not.toContain("<!channel>");
  });
});
