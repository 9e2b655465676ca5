// Influencers on Slack: a direct message `start CODE` (what the invitation tells them to send)
// joins and starts onboarding in the real engine; buttons in the DM continue it with new
// messages (DM cards are never replaced); `/advo missions` from a non-manager is the influencer
// command.
import { describe, expect, it } from "vitest";
import { OPERATOR } from "../../../src/services/managers.js";
import { t } from "../../../src/i18n/translate.js";
import { createInvitations } from "../../../src/services/invitations.js";
import { testProviders } from "../../helpers/db.js";
import { blockAction, dmEvent, slashCommand } from "./slack-requests.js";
import { callText as text, slackAppPerSuite } from "./slack-app.js";

describe.each(testProviders())("slack influencer DMs on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    prepare: (slack) => {
      slack.userLocales.set("UINF1", "fr-FR");
      slack.userTimeZones.set("UINF1", "Europe/Paris");
    },
  });

  it("given an invitation code then `start CODE` by DM joins, onboarding asks for consent in the user's Slack locale, and the button answer arrives as a new DM", async () => {
    const { app, slack } = harness;
    const created = await createInvitations(app.deps, OPERATOR, { count: 1 });
    if (!created.ok) throw new Error(created.error);
    const code = created.value[0]!.code;

    const res = await harness.event(dmEvent(`start ${code}`, { user: "UINF1", channel: "DINF1" }));
    expect(res.status).toBe(200);
    const posts = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DINF1" && text(c).includes("onb.consent"));
    const consent = posts[0]!;
    expect(text(consent)).toContain("J'accepte"); // fr-FR from users.info
    const account = await app.database.db.platformAccount.findFirstOrThrow({ where: { platform: "slack", externalId: "UINF1" } });
    const consentTs = [...slack.messages.entries()].find(([, m]) => m === consent.args)![0].split(":")[1]!;

    const press = blockAction("onb.consent~0", "yes", { user: "UINF1", channel: "DINF1", messageTs: consentTs });
    await harness.interact(press);
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DINF1" && text(c).includes("onb.net"));
    expect(slack.callsTo("chat.update")).toHaveLength(0);
    // users.info tz becomes the influencer's zone (quiet hours, reminders and dates use it)
    const joined = await app.database.db.influencer.findFirstOrThrow({ where: { accounts: { some: { platform: "slack", externalId: "UINF1" } } } });
    expect(joined.timezone).toBe("Europe/Paris");
    const influencer = await app.database.db.influencer.findUniqueOrThrow({ where: { id: account.influencerId } });
    expect(influencer.consentAt).not.toBeNull();
  });

  it("given a non-manager in the DM then `/advo missions` runs the influencer command and answers with a normal DM message, not an ephemeral one", async () => {
    const { slack } = harness;
    const before = slack.callsTo("chat.postMessage").length;
    const res = await harness.command(slashCommand("missions", { user: "UINF1", channel: "DINF1" }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(""); // nothing "only visible to you" in the ack
    // the influencer is mid-onboarding: the missions command says so (in French), no refusal
    const finish = JSON.stringify(t("fr", "journey.onboarding.finish_first")).slice(1, -1);
    const [answer] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DINF1" && text(c).includes(finish));
    expect(slack.callsTo("chat.postMessage").slice(before).some((c) => text(c).includes(t("fr", "manage.refused")))).toBe(false);
    expect(answer).toBeDefined();
    expect(slack.callsTo("chat.postEphemeral").filter((c) => c.args.channel === "DINF1")).toHaveLength(0);
  });

  it("given someone types /start CODE in a public channel then their account and conversation are their DM with the bot, never the channel", async () => {
    const { app, slack } = harness;
    const created = await createInvitations(app.deps, OPERATOR, { count: 1 });
    if (!created.ok) throw new Error(created.error);
    const res = await harness.command(slashCommand(created.value[0]!.code, { command: "/start", user: "UINF2", channel: "CGENERAL" }));
    const body = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    // One short private pointer in the channel, with a way to the DM; the flow goes on in the DM.
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toBe(t("en", "core.continue_in_dm"));
    expect(JSON.stringify(body.blocks)).toContain("app_redirect?channel=DINF2");
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DINF2" && text(c).includes("onb.consent"));
    const account = await app.database.db.platformAccount.findFirstOrThrow({ where: { platform: "slack", externalId: "UINF2" } });
    expect(account.chatId).toBe("DINF2");
    expect(await app.database.db.conversation.count({ where: { key: "slack:CGENERAL" } })).toBe(0);
  });
});
