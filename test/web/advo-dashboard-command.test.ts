// `/advo dashboard` through the real engine: a manager gets a private, preview-free sign-in link
// that works; a non-manager is refused and gets no link.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import type { InboundEvent } from "../../src/engine/events.js";
import { toPlainText } from "../../src/engine/message.js";
import { redeemSignInLink } from "../../src/web/sessions.js";

function advo(userId: string, text: string): InboundEvent {
  const payload = { type: "command" as const, name: "advo", args: text.split(/\s+/), argText: text };
  return { id: `slack:dash:${userId}:${text}`, platform: "slack", conversation: `slack:D1:${userId}`, chatType: "private", author: { id: userId, isBot: false }, payload, receivedAt: new Date() };
}

describe.each(testProviders())("/advo dashboard on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider, { MANAGERS: "slack:UMANAGER", PUBLIC_URL: "https://advo.example" }, { journey: false });

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
    const before = await deps.db.dashboardSignInLink.count();
    expect(toPlainText((await engine.handle(advo("USTRANGER", "dashboard")))[0]!)).toBe("Only program managers can do that.");
    expect(await deps.db.dashboardSignInLink.count()).toBe(before);
  });
});
