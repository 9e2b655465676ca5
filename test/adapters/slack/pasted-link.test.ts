// Slack sends links and special characters as markup (`<https://…|label>`, `<@U1>`, `&amp;`): the
// mapper unwraps them, so a link pasted in a DM — outside any flow — is a submission like anywhere.
import { describe, expect, it } from "vitest";
import { mapMessageEvent, mapSlashCommand, unwrapSlackText } from "../../../adapters/slack/mapper.js";
import { acceptMission } from "../../../src/services/missions.js";
import { testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { dmEvent, slashCommand } from "./slack-requests.js";
import { callText as text, slackAppPerSuite } from "./slack-app.js";

describe("slack text markup", () => {
  it("given links, mentions, channels and entities then the engine sees what the person typed", () => {
    expect(unwrapSlackText("<https://www.tiktok.com/@ana/video/1?a=1&amp;b=2>")).toBe("https://www.tiktok.com/@ana/video/1?a=1&b=2");
    expect(unwrapSlackText("look <https://instagram.com/ana|instagram.com/ana> thanks")).toBe("look https://instagram.com/ana thanks");
    expect(unwrapSlackText("hi <@U123> and <@U9|bea> in <#C1|general> <!here>")).toBe("hi @U123 and @bea in #general @here");
    expect(unwrapSlackText("<mailto:a@b.co|a@b.co> 1 &lt; 2 &gt; 0 &amp;lt;")).toBe("a@b.co 1 < 2 > 0 &lt;");
    const dm = mapMessageEvent(dmEvent("<https://www.youtube.com/watch?v=abcdefghijk|youtube.com/watch?v=abcdefghijk>"), "UBOT", new Date())!;
    expect(dm.event.payload).toEqual({ type: "text", text: "https://www.youtube.com/watch?v=abcdefghijk" });
    const cmd = mapSlashCommand(slashCommand("submit <https://youtu.be/abcdefghijk>"), new Date())!;
    expect(cmd.event.payload).toMatchObject({ args: ["submit", "https://youtu.be/abcdefghijk"] });
  });
});

describe.each(testProviders())("a link pasted in a Slack DM on %s", (provider) => {
  const harness = slackAppPerSuite(provider);

  it("given an active influencer with one accepted mission then `<url|label>` pasted in the DM is submitted", async () => {
    const { app, slack } = harness;
    const db = app.database.db;
    const inf = await db.influencer.create({
      data: {
        status: "active", displayName: "Sam", locale: "en", consentAt: new Date(), activatedAt: new Date(),
        accounts: { create: { platform: "slack", externalId: "UPASTE", chatId: "DPASTE" } },
        handles: { create: [{ network: "tiktok", handle: "sam" }] },
      },
    });
    const m = await seedMission(app.deps, { title: "Slack drop", networks: ["tiktok"] });
    expect(await acceptMission(app.deps, inf.id, m.id)).toMatchObject({ ok: true });
    const link = "https://www.tiktok.com/@sam/video/7600000000000000001";
    const res = await harness.event(dmEvent(`<${link}|tiktok.com/@sam/video/7600000000000000001>`, { user: "UPASTE", channel: "DPASTE" }));
    expect(res.status).toBe(200);
    const [answer] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DPASTE");
    expect(text(answer!)).toContain("pending verification");
    expect(await db.submission.findFirstOrThrow({ where: { influencerId: inf.id } })).toMatchObject({ missionId: m.id, url: link, status: "pending" });
  });
});
