// Link submission through a modal on Discord, with the real engine and database and the real
// discord.js Client against the fake: the mission's Submit button opens a modal (one text input
// with client-side length limits); a bad link gets an ephemeral error with a "Try again" button;
// the process restarts; Try again reopens the modal with the bad link pre-filled and the error
// shown; the corrected link is recorded. The fake refuses what Discord refuses (a modal in
// answer to a modal submission, a value longer than max_length, a second response).
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/engine.js";
import { testProviders } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { buttonPress, FakeDiscord, modalSubmit, slashCommand, type RecordedCall, type StoredDiscordMessage } from "../../fakes/discord.js";
import { callbackRefusal, InteractionType } from "../../fakes/discord-interaction-rules.js";
import { APP, callsSoon, discordHarnessPerTest, seedInfluencer, type Harness } from "./harness.js";

const zoe = { id: "3600000000000000001", locale: "fr" };
const DM = "5600000000000000001";

interface ModalCallback {
  type: number;
  data: { custom_id: string; title: string; components: { label: string; description?: string; component: { custom_id: string; value?: string; min_length?: number; max_length?: number } }[] };
}
interface MessageCallback {
  type: number;
  data: { content: string; flags?: number; components?: StoredDiscordMessage["components"] };
}

describe("the fake Discord's interaction rules (pure)", () => {
  const modal = (value: string, max = 20) => ({
    type: 9,
    data: { custom_id: "form:x", title: "T", components: [{ type: 18, label: "L", component: { type: 4, custom_id: "url", max_length: max, value } }] },
  });
  it("given a modal answering a modal submission then it is refused like Discord does", () => {
    expect(callbackRefusal(InteractionType.ModalSubmit, false, modal("a"))?.error.code).toBe(50035);
    expect(callbackRefusal(InteractionType.Component, false, modal("a"))).toBeUndefined();
  });
  it("given a pre-filled value over max_length, a title over 45 or a second response then each is refused", () => {
    expect(callbackRefusal(InteractionType.Component, false, modal("x".repeat(21)))?.error.code).toBe(50035);
    expect(callbackRefusal(InteractionType.Command, false, { type: 9, data: { ...modal("a").data, title: "t".repeat(46) } })?.error.code).toBe(50035);
    expect(callbackRefusal(InteractionType.Command, true, { type: 4, data: { content: "hi" } })?.error.code).toBe(40060);
  });
});

describe.each(testProviders())("discord link modal on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  it("given an accepted mission then Submit opens the modal, a bad link gets an ephemeral Try again that reopens it pre-filled after a restart, and a good link is recorded", async () => {
    const deps = testDeps(database());
    const db = database().db;
    const inf = await seedInfluencer(database(), zoe.id, { chatId: DM });
    await db.influencer.update({ where: { id: inf.id }, data: { locale: "fr" } });
    await db.socialHandle.create({ data: { influencerId: inf.id, network: "instagram", handle: "zoe.shoots" } });
    const now = deps.clock.now();
    const mission = await db.mission.create({
      data: {
        title: "Printemps", brief: "La collection", hashtags: ["#printemps"], networks: ["instagram"], points: 40,
        deadline: new Date(now.getTime() + 7 * 86_400_000), segment: {}, status: "published", publishedAt: now,
      },
    });
    await db.participation.create({ data: { missionId: mission.id, influencerId: inf.id, status: "accepted", acceptedAt: now } });
    const fake = await new FakeDiscord({ applicationId: APP }).listen();
    try {
      const start = () => discord.start((e) => createEngine(deps).handle(e), { fake });
      h = await start();
      const callbackOf = async <T>(id: string) => (await callsSoon(fake, "POST", new RegExp(`^/interactions/${id}/`)))[0]!.body as T;
      const dmPosts = () => fake.callsTo("POST", new RegExp(`^/channels/${DM}/messages$`)).length;

      // The card's Submit button opens the modal; the text question is not posted as well.
      fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "8800000000000000001", zoe, { channelId: DM }, `submit.start:${mission.id}`));
      const opened = await callbackOf<ModalCallback>("8800000000000000001");
      await h.adapter.idle();
      expect(opened.type).toBe(9);
      expect(opened.data).toMatchObject({ custom_id: `form:submit.link:${mission.id}`, title: "Le lien de votre publication" });
      expect(opened.data.components).toHaveLength(1);
      expect(opened.data.components[0]!.component).toMatchObject({ custom_id: "url", min_length: 12, max_length: 512 });
      expect(opened.data.components[0]!.component.value).toBeUndefined();
      expect(dmPosts()).toBe(0);

      // A link that is not a post: the error, visible to Zoé only, with Try again.
      fake.dispatch("INTERACTION_CREATE", modalSubmit(APP, "8800000000000000002", zoe, { channelId: DM }, opened.data.custom_id, [{ id: "url", value: "https://example.com/nope" }]));
      const refused = await callbackOf<MessageCallback>("8800000000000000002");
      const [followUp] = await callsSoon(fake, "POST", new RegExp(`^/webhooks/${APP}/token-8800000000000000002$`));
      await h.adapter.idle();
      expect(refused.type).toBe(4);
      expect(refused.data.content).toMatch(/^Les liens de example\.com ne sont pas pris en charge\./);
      expect(refused.data.flags! & 64).toBe(64);
      const tryAgain = followUp!.body as { content: string; flags: number; components: StoredDiscordMessage["components"] };
      expect(tryAgain.flags & 64).toBe(64);
      expect(tryAgain.components[0]!.components[0]).toMatchObject({ label: "Réessayer", custom_id: `submit.start:${mission.id}` });
      expect(await db.submission.count()).toBe(0);

      // A restart between the two clicks: a new client and a new engine, nothing in memory.
      await h.stop();
      h = await start();
      const tryAgainMessage = fake.lastMessage(DM)!;
      fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "8800000000000000003", zoe, { channelId: DM }, `submit.start:${mission.id}`, tryAgainMessage));
      const reopened = await callbackOf<ModalCallback>("8800000000000000003");
      await h.adapter.idle();
      expect(reopened.type).toBe(9);
      expect(reopened.data.components[0]!.component.value).toBe("https://example.com/nope");
      expect(reopened.data.components[0]!.description).toContain("Les liens de example.com ne sont pas pris en charge");

      fake.dispatch("INTERACTION_CREATE", modalSubmit(APP, "8800000000000000004", zoe, { channelId: DM }, reopened.data.custom_id, [{ id: "url", value: "https://www.instagram.com/p/Czoe123/" }]));
      const accepted = await callbackOf<MessageCallback>("8800000000000000004");
      await h.adapter.idle();
      expect(accepted.data.content).toContain("**en attente de vérification**");
      // In the DM the answer is a normal message, not ephemeral.
      expect((accepted.data.flags ?? 0) & 64).toBe(0);
      expect(await db.submission.findFirstOrThrow()).toMatchObject({ missionId: mission.id, influencerId: inf.id, status: "pending" });
      // Every callback was one Discord accepts (none refused, none answered twice).
      const refusedCalls = fake.calls.filter((c: RecordedCall) => c.path.endsWith("/callback")).length;
      expect(refusedCalls).toBe(4);
    } finally {
      await h?.stop();
      await fake.close();
    }
  });

  it("given /submit with no link and one mission waiting then the slash command opens the modal", async () => {
    const deps = testDeps(database());
    const db = database().db;
    const inf = await seedInfluencer(database(), zoe.id, { chatId: DM });
    const now = deps.clock.now();
    const mission = await db.mission.create({
      data: { title: "Spring", brief: "b", hashtags: [], networks: ["instagram"], points: 10, deadline: new Date(now.getTime() + 86_400_000), segment: {}, status: "published", publishedAt: now },
    });
    await db.participation.create({ data: { missionId: mission.id, influencerId: inf.id, status: "accepted", acceptedAt: now } });
    h = await discord.start((e) => createEngine(deps).handle(e));
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8800000000000000011", { ...zoe, locale: "en-US" }, { channelId: DM }, "submit"));
    const [callback] = await callsSoon(h.fake, "POST", /^\/interactions\/8800000000000000011\//);
    expect(callback!.body).toMatchObject({ type: 9, data: { custom_id: `form:submit.link:${mission.id}`, title: "Your post’s link" } });
  });
});
