// The fake Discord refuses what Discord refuses (50035 Invalid Form Body), so a renderer bug shows
// up in tests instead of in production; and what the renderer makes of long input passes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, refusal } from "../../fakes/discord.js";
import { renderMessage } from "../../../adapters/discord/render.js";
import { APP } from "./harness.js";

const row = (n: number, id = "a") => ({ type: 1, components: Array.from({ length: n }, (_, i) => ({ type: 2, style: 2, label: "x", custom_id: `${id}${i}` })) });

describe("fake discord limits", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord({ applicationId: APP }).listen();
  });
  afterAll(() => fake.close());

  it.each([
    ["content over 2000 characters", { content: "x".repeat(2001) }],
    ["more than 5 rows", { content: "x", components: Array.from({ length: 6 }, () => row(1)) }],
    ["more than 5 buttons in a row", { content: "x", components: [row(6)] }],
    ["a custom_id over 100 characters", { content: "x", components: [row(1, "y".repeat(100))] }],
  ])("given %s then the fake answers 400 50035 and keeps nothing", async (_what, body) => {
    expect(refusal(body)).toBeDefined();
    const res = await fetch(`${fake.apiUrl}/v10/channels/55/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: number }).code).toBe(50035);
    expect(fake.lastMessage("55")).toBeUndefined();
    // Interaction responses are checked too.
    const cb = await fetch(`${fake.apiUrl}/v10/interactions/1/tok/callback`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: 4, data: body }) });
    expect(cb.status).toBe(400);
  });

  it("given the renderer's output for oversized input then Discord would accept every body", () => {
    const buttons = Array.from({ length: 8 }, (_, r) => Array.from({ length: 7 }, (_, i) => ({ action: `a${r}.${i}`, label: "b", payload: "p".repeat(120) })));
    const { bodies } = renderMessage({ blocks: [{ type: "paragraph", content: ["z".repeat(4500)] }], buttons });
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(refusal(body)).toBeUndefined();
  });
});
