// `/advo dashboard` through the real engine: a manager gets a private, preview-free sign-in link
// that works; a non-manager is refused and gets no link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { createEngine, type Engine } from "../../src/engine/engine.js";
import type { InboundEvent } from "../../src/engine/events.js";
import { toPlainText } from "../../src/engine/message.js";
import { redeemSignInLink } from "../../src/web/sessions.js";

function advo(userId: string, text: string): InboundEvent {
  const payload = { type: "command" as const, name: "advo", args: text.split(/\s+/), argText: text };
  return { id: `slack:dash:${userId}:${text}`, platform: "slack", conversation: `slack:D1:${userId}`, chatType: "private", author: { id: userId, isBot: false }, payload, receivedAt: new Date() };
}

describe.each(testProviders())("/advo dashboard on %s", (provider) => {
  let t: TestDatabase;
  let engine: Engine;
  let deps: ReturnType<typeof testDeps>;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = testDeps(t, { MANAGERS: "slack:UMANAGER", PUBLIC_URL: "https://advo.example" });
    engine = createEngine(deps, { journey: false });
  });
  afterAll(async () => t?.destroy());

  it("gives a manager an ephemeral sign-in link without previews, which signs them in", async () => {
    const [reply, ...rest] = await engine.handle(advo("UMANAGER", "dashboard"));
    expect(rest).toHaveLength(0);
    expect(reply!.ephemeral).toBe(true);
    expect(reply!.disablePreview).toBe(true);
    const url = /https:\/\/advo\.example\/dashboard\/signin\/\S+/.exec(toPlainText(reply!))![0];
    const signedIn = await redeemSignInLink(deps, url.split("/").pop()!);
    expect(signedIn?.session.actor).toBe("slack:UMANAGER");
  });

  it("refuses a non-manager and makes no link", async () => {
    const before = await t.db.dashboardSignInLink.count();
    expect(toPlainText((await engine.handle(advo("USTRANGER", "dashboard")))[0]!)).toBe("Only program managers can do that.");
    expect(await t.db.dashboardSignInLink.count()).toBe(before);
  });
});
