// Influencers on Slack: a direct message `start CODE` (what the invitation tells them to send)
// joins and starts onboarding in the real engine; buttons in the DM continue it: the next step is a
// new message and the spent step loses its buttons in place (chat.update), a stale button gets a
// polite answer; `/advo missions` from a non-manager is the influencer command.
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

describe.each(testProviders())("slack DM steps in place on %s", (provider) => {
  const harness = slackAppPerSuite(provider);
  type Element = { action_id?: string; value?: string };
  const buttonsOf = (m: Record<string, unknown> | undefined) => ((m?.blocks ?? []) as { type: string; elements?: Element[] }[]).filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);

  it("given a step's button pressed in the DM then its message keeps its text and loses its buttons, and the same button pressed again gets a polite answer and changes nothing", async () => {
    const { app, slack } = harness;
    const created = await createInvitations(app.deps, OPERATOR, { count: 1 });
    if (!created.ok) throw new Error(created.error);
    await harness.event(dmEvent(`start ${created.value[0]!.code}`, { user: "USTEP1", channel: "DSTEP1" }));
    const [consent] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DSTEP1" && text(c).includes("onb.consent"));
    const key = [...slack.messages.entries()].find(([, m]) => m === consent!.args)![0];
    const ts = key.split(":")[1]!;
    const yes = buttonsOf(consent!.args).find((b) => b.value === "yes")!;
    const press = () => harness.interact(blockAction(yes.action_id!, "yes", { user: "USTEP1", channel: "DSTEP1", messageTs: ts, message: slack.messages.get(key) }));

    await press();
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DSTEP1" && text(c).includes("onb.net"));
    const [edit] = await slack.waitFor("chat.update", (c) => c.args.ts === ts);
    expect(edit!.args.text).toBe(consent!.args.text);
    expect(buttonsOf(slack.messages.get(key))).toEqual([]);
    expect(JSON.stringify(slack.messages.get(key)!.blocks)).toContain(JSON.stringify((consent!.args.blocks as unknown[])[0]));

    // A stale copy of the button (an older client, a double click): the polite answer, no second consent.
    const consentAt = (await app.database.db.influencer.findFirstOrThrow({ where: { accounts: { some: { externalId: "USTEP1" } } } })).consentAt;
    const posts = slack.callsTo("chat.postMessage").length;
    await harness.interact(blockAction(yes.action_id!, "yes", { user: "USTEP1", channel: "DSTEP1", messageTs: ts, message: consent!.args }));
    const movedOn = JSON.stringify(t("en", "core.moved_on")).slice(1, -1);
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DSTEP1" && text(c).includes(movedOn));
    expect(slack.callsTo("chat.postMessage")).toHaveLength(posts + 1);
    expect((await app.database.db.influencer.findFirstOrThrow({ where: { accounts: { some: { externalId: "USTEP1" } } } })).consentAt).toEqual(consentAt);
  });
});
