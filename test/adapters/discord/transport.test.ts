// The real discord.js Client against the fake Discord (REST + gateway) and a real database:
// READY, slash commands, buttons, modals, DMs, the defer path and command registration.
import { describe, expect, it } from "vitest";
import { message, paragraph, bold, textMessage } from "../../../src/engine/message.js";
import type { FormSpec } from "../../../adapters/adapter.js";
import { testProviders } from "../../helpers/db.js";
import { buttonPress, directMessage, modalSubmit, slashCommand, BOT_USER } from "../../fakes/discord.js";
import { APP, GUILD, callsSoon, eventually, seedInfluencer, until, discordHarnessPerTest, type Harness } from "./harness.js";

const ana = { id: "3000000000000000001", username: "ana", globalName: "Ana", locale: "fr" };
const DM = "5000000000000000001";
const CHANNEL = "6000000000000000001";

const submitForm: FormSpec = {
  id: "submit",
  title: "Submit your post",
  submitLabel: "Send",
  state: "m7",
  fields: [{ id: "url", label: "Link", kind: "text", required: true }],
};

describe.each(testProviders())("discord transport on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  it("given the bot starts then it identifies on the gateway, gets READY and answers a slash command in a DM", async () => {
    h = await discord.start((e) => [message([paragraph("Hi ", bold(e.author.name ?? ""), " @everyone")])]);
    const identify = h.fake.gatewayEvents.find((p) => p.op === 2) as { d: { token: string; intents: number } };
    expect(identify.d.token).toBe("fake-token");
    expect(h.adapter.client.user?.id).toBe(BOT_USER.id);

    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8000000000000000001", ana, { channelId: DM }, "join", [{ name: "code", value: "WELCOME" }]));
    const [callback] = await callsSoon(h.fake, "POST", /^\/interactions\/8000000000000000001\//);
    expect(h.events[0]).toMatchObject({ id: "discord:8000000000000000001", conversation: `discord:${DM}`, chatType: "private", payload: { type: "command", name: "start", args: ["WELCOME"] } });
    expect(callback!.body).toMatchObject({ type: 4, data: { content: "Hi **Ana** \\@everyone", allowed_mentions: { parse: [] } } });
    expect((callback!.body as { data: { flags?: number } }).data.flags ?? 0).toBe(0); // not ephemeral in a DM
  });

  it("given a slow engine then the interaction is deferred first and the answer edits the deferred reply", async () => {
    const box: { fake?: Harness["fake"] } = {};
    h = await discord.start(
      async () => {
        // The engine is "slow": it answers only once the adapter has deferred.
        await until(() => box.fake?.callsTo("POST", /\/callback$/).some((c) => (c.body as { type: number }).type === 5), "defer");
        return [textMessage("done")];
      },
      { deferAfterMs: 20 },
    );
    box.fake = h.fake;
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8000000000000000002", ana, { channelId: DM }, "points"));
    const [edit] = await callsSoon(h.fake, "PATCH", /^\/webhooks\/.*\/messages\/@original$/);
    expect(edit!.path).toBe(`/webhooks/${APP}/token-8000000000000000002/messages/@original`);
    expect(edit!.body).toMatchObject({ content: "done", allowed_mentions: { parse: [] } });
  });

  it("given a button press then the engine gets the action and its payload", async () => {
    h = await discord.start(() => [textMessage("accepted")]);
    h.fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "8000000000000000003", ana, { channelId: DM }, "mission.accept:12"));
    await until(() => h!.fake.callsTo("POST", /^\/interactions\/8000000000000000003\//).length, "reply");
    expect(h.events[0]!.payload).toEqual({ type: "action", id: "mission.accept", payload: "12", messageId: "1200000000000000001" });
  });

  it("given a reply with a form then a modal opens, and its submission reaches the engine as a form with the state", async () => {
    h = await discord.start((e) => (e.payload.type === "form" ? [textMessage("thanks")] : [{ blocks: [], form: submitForm }]));
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8000000000000000004", ana, { channelId: DM }, "submit"));
    const [modal] = await callsSoon(h.fake, "POST", /^\/interactions\/8000000000000000004\//);
    expect(modal!.body).toMatchObject({ type: 9, data: { custom_id: "form:submit:m7", title: "Submit your post", components: [{ type: 18, label: "Link", component: { type: 4, custom_id: "url" } }] } });

    h.fake.dispatch("INTERACTION_CREATE", modalSubmit(APP, "8000000000000000005", ana, { channelId: DM }, "form:submit:m7", [{ id: "url", value: "https://x.com/ana/status/1" }]));
    await until(() => h!.fake.callsTo("POST", /^\/interactions\/8000000000000000005\//).length, "modal reply");
    expect(h.events[1]!.payload).toEqual({ type: "form", formId: "submit", values: { url: "https://x.com/ana/status/1", _state: "m7" } });
  });

  it("given a form after a DM text then it waits behind an Open button that opens the modal", async () => {
    h = await discord.start(() => [{ blocks: [paragraph("Send your link")], form: submitForm }]);
    h.fake.dispatch("MESSAGE_CREATE", directMessage("8100000000000000001", ana, DM, "I want to submit"));
    const [post] = await callsSoon(h.fake, "POST", new RegExp(`^/channels/${DM}/messages$`));
    const body = post!.body as { content: string; components: { components: { custom_id: string; label: string }[] }[] };
    expect(body.content).toBe("Send your link");
    const open = body.components[0]!.components[0]!;
    expect(open.label).toBe("Open the form");
    h.fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "8000000000000000006", ana, { channelId: DM }, open.custom_id));
    const [modal] = await callsSoon(h.fake, "POST", /^\/interactions\/8000000000000000006\//);
    expect(modal!.body).toMatchObject({ type: 9, data: { custom_id: "form:submit:m7" } });
    expect(h.events.length).toBe(1); // the Open button is the adapter's, not the engine's
    expect(h.events[0]!.payload).toEqual({ type: "text", text: "I want to submit" });
  });

  it("given /join in a guild channel then the flow continues in a DM and the guild gets an ephemeral pointer", async () => {
    // The join made an account (the scripted engine stands for one that accepted the code).
    await seedInfluencer(database(), ana.id, { status: "onboarding" });
    h = await discord.start(() => [textMessage("Welcome! Step 1")]);
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8000000000000000007", ana, { channelId: CHANNEL, guildId: GUILD }, "join", [{ name: "code", value: "C1" }]));
    const [callback] = await callsSoon(h.fake, "POST", /^\/interactions\/8000000000000000007\//);
    const dm = h.fake.dmChannelFor(ana.id);
    expect(h.events[0]).toMatchObject({ chatType: "group", conversation: `discord:${dm}` });
    expect(h.fake.callsTo("POST", new RegExp(`^/channels/${dm}/messages$`)).map((c) => (c.body as { content: string }).content)).toEqual(["Welcome! Step 1"]);
    expect(callback!.body).toMatchObject({ type: 4, data: { flags: 64, content: "Je vous ai envoyé un message privé : continuons là\\-bas." } });
    // With a link that opens that DM.
    expect((callback!.body as { data: { components: unknown[] } }).data.components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, label: "Ouvrir le message privé", url: `https://discord.com/channels/@me/${dm}` }] },
    ]);
  });

  it("given /points in a guild channel then the answer is ephemeral in place", async () => {
    h = await discord.start(() => [textMessage("You have 40 points")]);
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8000000000000000008", ana, { channelId: CHANNEL, guildId: GUILD }, "points"));
    const [callback] = await callsSoon(h.fake, "POST", /^\/interactions\/8000000000000000008\//);
    expect(callback!.body).toMatchObject({ type: 4, data: { flags: 64, content: "You have 40 points" } });
    expect(h.fake.callsTo("POST", /^\/channels\//)).toEqual([]);
  });

  it("given a DM message from a known influencer then the DM channel is stored for later broadcasts", async () => {
    await seedInfluencer(database(), ana.id);
    h = await discord.start(() => [textMessage("pong")]);
    h.fake.dispatch("MESSAGE_CREATE", directMessage("8100000000000000002", ana, DM, "ping"));
    await until(() => h!.fake.callsTo("POST", new RegExp(`^/channels/${DM}/messages$`)).length, "reply");
    const stored = await eventually(() => database().db.platformAccount.findFirst({ where: { externalId: ana.id, chatId: { not: null } } }), "chat id stored");
    expect(stored?.chatId).toBe(DM);
  });

  it("given the bot starts twice with the same commands then they are registered once, globally; a development guild copy is replaced by global commands and removed", async () => {
    // Development: a copy in the guild (shows at once), nothing global.
    h = await discord.start(() => [], { env: { DISCORD_GUILD_ID: GUILD, DISCORD_COMMANDS_SCOPE: "guild" } });
    const puts = () => h!.fake.callsTo("PUT", /\/commands$/);
    expect(puts().map((c) => c.path)).toEqual([`/applications/${APP}/guilds/${GUILD}/commands`]);
    const commands = puts()[0]!.body as { name: string; name_localizations: Record<string, string>; options: { name: string; required: boolean }[]; contexts: number[] }[];
    expect(commands.map((c) => c.name)).toEqual(["join", "missions", "submit", "points", "leaderboard", "rewards", "refer", "language", "timezone", "help", "stop", "resume", "cancel", "accounts", "mydata", "deleteme"]);
    expect(commands[0]!.name_localizations).toEqual({ "es-ES": "unirse", "es-419": "unirse", fr: "rejoindre", it: "unisciti" });
    expect(commands[0]!.options[0]).toMatchObject({ name: "code", required: true });
    const fake = h.fake;
    await h.adapter.stop();

    h = await discord.start(() => [], { env: { DISCORD_GUILD_ID: GUILD, DISCORD_COMMANDS_SCOPE: "guild" }, fake });
    expect(puts().length).toBe(1);
    await h.adapter.stop();

    // Production (the default): global commands (usable in DMs), and the stale guild copy emptied.
    h = await discord.start(() => [], { env: { DISCORD_GUILD_ID: GUILD }, fake });
    expect(puts().map((c) => c.path)).toEqual([
      `/applications/${APP}/guilds/${GUILD}/commands`,
      `/applications/${APP}/commands`,
      `/applications/${APP}/guilds/${GUILD}/commands`,
    ]);
    expect(fake.commands.get("global")).toHaveLength(16);
    expect((fake.commands.get("global")![0] as { contexts: number[] }).contexts).toEqual([0, 1]);
    expect(fake.commands.get(GUILD)).toEqual([]);
    await h.adapter.stop();

    // Restarted with the same definitions: nothing registered, nothing removed.
    h = await discord.start(() => [], { env: { DISCORD_GUILD_ID: GUILD }, fake });
    expect(puts()).toHaveLength(3);
    await h.adapter.stop();
    await fake.close();
  });
});
