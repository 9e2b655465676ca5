// Edges of the interaction path on the real Client: heartbeats, replies over 2000 characters,
// engine failures, the bot's own DMs.
import { afterEach, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/engine/message.js";
import { testProviders } from "../../helpers/db.js";
import { BOT_USER, directMessage, FakeDiscord, slashCommand } from "../../fakes/discord.js";
import { APP, GUILD, callsSoon, seedInfluencer, discordHarnessPerTest, until, type Harness } from "./harness.js";

const bob = { id: "3200000000000000001", locale: "it" };
const DM = "5200000000000000001";

describe.each(testProviders())("discord interaction edges on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  let h: Harness | undefined;
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await h?.stop();
    await fake?.close();
    h = undefined;
    fake = undefined;
  });

  it("given a short heartbeat interval then the client heartbeats and the fake acknowledges", async () => {
    fake = await new FakeDiscord({ applicationId: APP, heartbeatInterval: 40 }).listen();
    h = await discord.start(() => [], { fake });
    await until(() => fake!.gatewayEvents.filter((p) => p.op === 1).length >= 2, "two heartbeats");
    await until(() => h!.adapter.client.ws.ping >= 0, "acknowledged heartbeat (ping measured)");
  });

  it("given a reply over 2000 characters then the first part answers and the rest follows up", async () => {
    const long = Array.from({ length: 80 }, (_, i) => `line ${i} ${"y".repeat(40)}`).join("\n");
    h = await discord.start(() => [textMessage(long)]);
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8300000000000000001", bob, { channelId: DM }, "missions"));
    const [followUp] = await callsSoon(h.fake, "POST", new RegExp(`^/webhooks/${APP}/token-8300000000000000001$`));
    const [callback] = h.fake.callsTo("POST", /^\/interactions\/8300000000000000001\//);
    const first = (callback!.body as { data: { content: string } }).data.content;
    const second = (followUp!.body as { content: string }).content;
    expect(first.length).toBeLessThanOrEqual(2000);
    expect(`${first}\n${second}`).toBe(long);
  });

  it("given the engine throws then the user gets the generic apology in their language", async () => {
    h = await discord.start(() => {
      throw new Error("boom");
    });
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8300000000000000002", bob, { channelId: DM }, "points"));
    const [callback] = await callsSoon(h.fake, "POST", /^\/interactions\/8300000000000000002\//);
    expect((callback!.body as { data: { content: string } }).data.content).toBe("Spiacenti, qualcosa è andato storto da parte nostra. Riprova tra un momento.");
  });

  it("given the bot's own DM echoed by the gateway then the engine never sees it", async () => {
    h = await discord.start(() => [textMessage("pong")]);
    h.fake.dispatch("MESSAGE_CREATE", directMessage("8400000000000000001", { id: BOT_USER.id }, DM, "pong", true));
    h.fake.dispatch("MESSAGE_CREATE", directMessage("8400000000000000002", bob, DM, "ping"));
    await callsSoon(h.fake, "POST", new RegExp(`^/channels/${DM}/messages$`));
    await h.adapter.idle();
    expect(h.events.map((e) => e.id)).toEqual(["discord:8400000000000000002"]);
  });

  it("given /join in a guild from someone whose DMs are closed then the answer stays in place with a hint", async () => {
    // The join made an account (the scripted engine stands for one that accepted the code).
    await seedInfluencer(discord.database(), bob.id, { status: "onboarding" });
    h = await discord.start(() => [textMessage("Welcome! Step 1")]);
    h.fake.fail(h.fake.dmChannelFor(bob.id), { kind: "dm_closed" });
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8300000000000000003", bob, { channelId: "6300000000000000001", guildId: GUILD }, "join", [{ name: "code", value: "X" }]));
    await callsSoon(h.fake, "POST", new RegExp(`^/webhooks/${APP}/token-8300000000000000003$`));
    const [callback] = h.fake.callsTo("POST", /^\/interactions\/8300000000000000003\//);
    const [followUp] = h.fake.callsTo("POST", new RegExp(`^/webhooks/${APP}/token-8300000000000000003$`));
    expect(callback!.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining("Non posso inviarti messaggi diretti") } });
    expect(followUp!.body).toMatchObject({ content: "Welcome! Step 1", flags: 64 });
  });

  it("given openForm outside an interaction then the form waits behind an Open button in the conversation", async () => {
    h = await discord.start(() => []);
    const event = { id: "discord:1", platform: "discord" as const, conversation: `discord:${DM}`, chatType: "private" as const, author: { id: bob.id, locale: "it", isBot: false }, payload: { type: "text" as const, text: "x" }, receivedAt: new Date() };
    await h.adapter.openForm(event, { id: "handles", title: "Your handles", submitLabel: "Save", fields: [{ id: "instagram", label: "Instagram", kind: "text", required: false }] });
    const [post] = h.fake.callsTo("POST", new RegExp(`^/channels/${DM}/messages$`));
    const body = post!.body as { content: string; components: { components: { label: string; custom_id: string }[] }[] };
    expect(body.content).toBe("Your handles");
    expect(body.components[0]!.components[0]).toMatchObject({ label: "Apri il modulo", custom_id: expect.stringMatching(/^advo:form:/) });
  });

  it("given a guild command when Discord refuses to open the user's DM then the engine is not called and the user gets an apology", async () => {
    h = await discord.start(() => [textMessage("should not be seen")]);
    h.fake.fail(bob.id, { kind: "unknown_user" });
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8300000000000000004", bob, { channelId: "6300000000000000001", guildId: GUILD }, "points"));
    const [callback] = await callsSoon(h.fake, "POST", /^\/interactions\/8300000000000000004\//);
    expect(callback!.body).toMatchObject({ type: 4, data: { flags: 64, content: "Spiacenti, qualcosa è andato storto da parte nostra. Riprova tra un momento." } });
    expect(h.events).toEqual([]);
  });

  it("given two DMs in quick succession then the second is handled after the first and the replies keep their order", async () => {
    const started: string[] = [];
    let secondArrived = false;
    let startedWhenFirstFinished: string[] = [];
    h = await discord.start(async (e) => {
      const text = e.payload.type === "text" ? e.payload.text : "";
      started.push(text);
      if (text === "one") {
        await until(() => secondArrived, "the second DM at the adapter");
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
        startedWhenFirstFinished = [...started];
      }
      return [textMessage(`re: ${text}`)];
    });
    h.adapter.client.on("raw", (p: { t?: string; d?: { content?: string } }) => {
      if (p.t === "MESSAGE_CREATE" && p.d?.content === "two") secondArrived = true;
    });
    h.fake.dispatch("MESSAGE_CREATE", directMessage("8400000000000000011", bob, DM, "one"));
    h.fake.dispatch("MESSAGE_CREATE", directMessage("8400000000000000012", bob, DM, "two"));
    await until(() => h!.fake.callsTo("POST", new RegExp(`^/channels/${DM}/messages$`)).length === 2, "both replies");
    expect(startedWhenFirstFinished).toEqual(["one"]);
    expect(h.fake.callsTo("POST", new RegExp(`^/channels/${DM}/messages$`)).map((c) => (c.body as { content: string }).content)).toEqual(["re: one", "re: two"]);
  });
});
