// Joining and moving to the DM on Discord, with the real engine and database and the real
// discord.js Client against the fake: a wrong invite code is answered where it was typed
// (ephemeral in the guild) and names the Discord command as the reader's client shows it; a
// mission's button in the guild DMs the card and answers with an ephemeral link to that DM; help
// names commands as the client lists them (interaction locale) or, typed in a DM, in the
// person's chosen language.
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/engine.js";
import { testProviders } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { buttonPress, directMessage, slashCommand } from "../../fakes/discord.js";
import { APP, GUILD, callsSoon, discordHarnessPerTest, seedInfluencer, type Harness } from "./harness.js";

const CHANNEL = "6700000000000000001";
const lou = { id: "3700000000000000001", locale: "fr" };

interface Callback {
  type: number;
  data: { content: string; flags?: number; components?: { components: { url?: string; label?: string }[] }[] };
}

describe.each(testProviders())("discord joining on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;
  const start = async () => {
    const engine = createEngine(testDeps(database()));
    h = await discord.start((e) => engine.handle(e), { env: { DISCORD_GUILD_ID: GUILD } });
    return h;
  };
  const callbackOf = async (id: string) => (await callsSoon(h!.fake, "POST", new RegExp(`^/interactions/${id}/`)))[0]!.body as Callback;

  it("given a wrong code with /join in the guild then the answer is ephemeral there, names /rejoindre, and nothing goes to a DM", async () => {
    await start();
    h!.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8900000000000000001", lou, { channelId: CHANNEL, guildId: GUILD }, "join", [{ name: "code", value: "NOPE42" }]));
    const callback = await callbackOf("8900000000000000001");
    await h!.adapter.idle();
    expect(callback.type).toBe(4);
    expect(callback.data.flags! & 64).toBe(64);
    expect(callback.data.content).toContain("renvoyez /rejoindre suivi du code");
    expect(h!.fake.callsTo("POST", /^\/channels\/\d+\/messages$/)).toEqual([]);
    expect(await database().db.platformAccount.count()).toBe(0);
  });

  it("given a wrong code typed as /start in a DM then the answer is in the DM and names /join", async () => {
    await start();
    const dm = h!.fake.dmChannelFor(lou.id);
    h!.fake.dispatch("MESSAGE_CREATE", directMessage("8900000000000000002", { id: lou.id }, dm, "/start NOPE42"));
    const [posted] = await callsSoon(h!.fake, "POST", new RegExp(`^/channels/${dm}/messages$`));
    expect((posted!.body as { content: string }).content).toContain("send /join followed by the code again");
  });

  it("given a mission's button pressed in the guild then the card goes to the DM and the guild gets an ephemeral link to it", async () => {
    const db = database().db;
    await seedInfluencer(database(), lou.id);
    const mission = await db.mission.create({
      data: { title: "Printemps", brief: "b", hashtags: [], networks: ["instagram"], points: 30, deadline: new Date(Date.now() + 86_400_000), segment: {}, status: "published", publishedAt: new Date() },
    });
    await start();
    const dm = h!.fake.dmChannelFor(lou.id);
    h!.fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "8900000000000000003", lou, { channelId: CHANNEL, guildId: GUILD }, `mission.view:${mission.id}`));
    const callback = await callbackOf("8900000000000000003");
    await h!.adapter.idle();
    const card = h!.fake.callsTo("POST", new RegExp(`^/channels/${dm}/messages$`));
    expect(card.map((c) => (c.body as { content: string }).content).join("\n")).toContain("Printemps");
    expect(callback.data.flags! & 64).toBe(64);
    expect(callback.data.components![0]!.components[0]).toMatchObject({ url: `https://discord.com/channels/@me/${dm}` });
    // The account now knows its DM channel: later messages cost one request.
    expect((await db.platformAccount.findFirstOrThrow()).chatId).toBe(dm);
  });

  it("given a member then /help names the commands as the French client shows them, and typed /help in the chosen Italian", async () => {
    const inf = await seedInfluencer(database(), lou.id);
    await start();
    h!.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8900000000000000004", lou, { channelId: CHANNEL, guildId: GUILD }, "help"));
    const callback = await callbackOf("8900000000000000004");
    expect(callback.data.content).toContain("/soumettre");
    expect(callback.data.content).not.toContain("/submit");

    await database().db.influencer.update({ where: { id: inf.id }, data: { locale: "it" } });
    const dm = h!.fake.dmChannelFor(lou.id);
    h!.fake.dispatch("MESSAGE_CREATE", directMessage("8900000000000000005", { id: lou.id }, dm, "/help"));
    const [posted] = await callsSoon(h!.fake, "POST", new RegExp(`^/channels/${dm}/messages$`));
    const text = (posted!.body as { content: string }).content;
    expect(text).toContain("/invia");
    expect(text).toContain("/missioni");
  });
});
