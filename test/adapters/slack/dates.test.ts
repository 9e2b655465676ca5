// Dates in translated sentences on Slack (issue 16): a Slack influencer accepts a mission in the
// DM and the deadline in "Publica antes del …" is a Slack date token, which each reader's client
// shows in their own zone, with the date as written for them (Madrid) as the fallback.
import { describe, expect, it } from "vitest";
import { testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { formatDate, formatDeadline } from "../../../src/i18n/dates.js";
import { blockAction, dmEvent, slashCommand } from "./slack-requests.js";
import { seedDatedHistory, type DatedHistory } from "../dated-history.js";
import { callText as text, slackAppPerSuite } from "./slack-app.js";

describe.each(testProviders())("slack dates in sentences on %s", (provider) => {
  const harness = slackAppPerSuite(provider, { env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }), prepare: (slack) => (slack.members = ["UMANAGER1", "UBOT"]) });
  const unix = (d: Date) => d.getTime() / 1000;
  let history: DatedHistory | undefined;

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

  it("given her points and redemption history then each line's date is a day-alone <!date^…^{date_short}> token with her Madrid date as fallback, and /mydata's 'Miembro desde' too", async () => {
    const { app, slack, clock } = harness;
    const lucia = await app.deps.db.influencer.findFirstOrThrow({ where: { displayName: "Lucía" } });
    history = await seedDatedHistory(app.deps.db, lucia.id, clock.now());
    const { earnedAt, redeemedAt } = history;
    const madrid = { locale: "es" as const, timeZone: "Europe/Madrid" };
    const day = (d: Date) => `<!date^${unix(d)}^{date_short}|${formatDate(d, madrid)}>`;

    await harness.event(dmEvent("points", { user: "UDATES", channel: "DDATES" }));
    const [points] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DDATES" && text(c).includes("Dated bonus"));
    expect(text(points)).toContain(`Dated bonus · ${day(earnedAt)}`);

    await harness.event(dmEvent("rewards", { user: "UDATES", channel: "DDATES" }));
    const [rewards] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DDATES" && text(c).includes("Tus canjes"));
    expect(text(rewards)).toContain(`*Dated tote* — ${day(redeemedAt)} · en preparación`);

    await harness.event(dmEvent("mydata", { user: "UDATES", channel: "DDATES" }));
    const [mydata] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DDATES" && text(c).includes("Miembro desde"));
    expect(text(mydata)).toContain(`Miembro desde: ${day(lucia.activatedAt!)}`);
  });

  it("given a manager's /advo review and /advo redemptions then the card's submission and reading times are full date tokens, the redemption's a day alone", async () => {
    const { redeemedAt, submittedAt, seenAt } = history!; // seeded by the test before
    const full = (d: Date) => `<!date^${unix(d)}^{date_short_pretty} {time}|`;

    const review = await answer("review");
    expect(review).toContain(`submitted ${full(submittedAt)}`);
    expect(review).toContain(`1,200 views · 80 likes · 7 comments · YouTube API, ${full(seenAt)}`);

    const redemptions = await answer("redemptions");
    expect(redemptions).toMatch(new RegExp(`Dated tote for Lucía · 10 points · <!date\\^${unix(redeemedAt)}\\^\\{date_short\\}\\|[^>]+>`));
  });

  let asked = 0;
  /** the answer in the ack, or — past the ack budget on a loaded machine — the one sent to response_url */
  async function answer(command: string): Promise<string> {
    const name = `dates${++asked}`;
    const body = await (await harness.command(slashCommand(command, { responseUrl: harness.slack.responseUrl(name) }))).text();
    if (body.includes("blocks")) return body;
    const [late] = await harness.slack.waitFor(`respond:${name}`);
    return JSON.stringify(late!.args);
  }
});
