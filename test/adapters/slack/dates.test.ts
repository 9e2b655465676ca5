// Dates in translated sentences on Slack (issue 16): a Slack influencer accepts a mission in the
// DM and the deadline in "Publica antes del …" is a Slack date token, which each reader's client
// shows in their own zone, with the date as written for them (Madrid) as the fallback.
import { describe, expect, it } from "vitest";
import { testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { formatDeadline } from "../../../src/i18n/dates.js";
import { blockAction } from "./slack-requests.js";
import { callText as text, slackAppPerSuite } from "./slack-app.js";

describe.each(testProviders())("slack dates in sentences on %s", (provider) => {
  const harness = slackAppPerSuite(provider);

  it("given a Spanish influencer in Madrid accepts a mission then the deadline in the answer is a <!date^…> token with their text as fallback", async () => {
    const { app, slack, clock } = harness;
    const now = clock.now();
    await app.deps.db.influencer.create({
      data: {
        status: "active", displayName: "Lucía", region: "es", interests: [], consentAt: now, activatedAt: now, locale: "es", timezone: "Europe/Madrid",
        accounts: { create: { platform: "slack", externalId: "UDATES", chatId: "DDATES" } },
        handles: { create: [{ network: "instagram", handle: "lucia_es" }] },
      },
    });
    const deadline = new Date(now.getTime() + 2 * 86_400_000);
    const mission = await seedMission(app.deps, { title: "Rebajas", deadline });

    await harness.interact(blockAction("mission.accept~0", String(mission.id), { user: "UDATES", channel: "DDATES" }));
    const [answer] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DDATES" && text(c).includes("Rebajas"));
    const fallback = formatDeadline(deadline, { locale: "es", timeZone: "Europe/Madrid" });
    expect(text(answer)).toContain(`Publica antes del <!date^${deadline.getTime() / 1000}^{date_short_pretty} {time}|${fallback}>`);
  });
});
