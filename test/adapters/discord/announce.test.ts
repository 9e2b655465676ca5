// A published mission is announced in DISCORD_ANNOUNCE_CHANNEL_ID through the outbox (a `card`
// payload, keyed by mission and channel, so publishing twice posts once): an embed in the program's
// language with Discord timestamps and one button; pressing it in the guild DMs the person the
// mission's card and answers with an ephemeral link to that DM. Real engine, services, dispatcher,
// database and discord.js Client against the fake.
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/engine.js";
import { announceMission, createMissionDraft, publishMission } from "../../../src/services/missions-admin.js";
import { testProviders } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { drainAll, testDispatcher } from "../../delivery/helpers.js";
import { buttonPress } from "../../fakes/discord.js";
import { MANAGER, missionValues } from "../../services/manage/fixtures.js";
import { APP, GUILD, callsSoon, discordHarnessPerTest, seedInfluencer, type Harness } from "./harness.js";

const ANNOUNCE = "6800000000000000001";
const lou = { id: "3800000000000000001", locale: "fr" };

describe.each(testProviders())("discord mission announcements on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  it("given a mission published then the announce channel gets one embed whose button DMs the card", async () => {
    const env = { MANAGERS: MANAGER, DISCORD_ANNOUNCE_CHANNEL_ID: ANNOUNCE, DISCORD_GUILD_ID: GUILD };
    const deps = testDeps(database(), env);
    const db = database().db;
    const inf = await seedInfluencer(database(), lou.id);
    await db.socialHandle.create({ data: { influencerId: inf.id, network: "instagram", handle: "lou.shoots" } });
    const draft = await createMissionDraft(deps, MANAGER, missionValues({ networks: "instagram" }));
    if (!draft.ok) throw new Error(draft.error);
    const published = await publishMission(deps, MANAGER, draft.value.id);
    // the count the manager is told is people; the channel post is extra
    expect(published).toMatchObject({ ok: true, value: { status: "published", announced: 1 } });
    const mission = await db.mission.findUniqueOrThrow({ where: { id: draft.value.id } });
    expect(await announceMission(deps, mission, deps.clock.now())).toBe(0);
    const rows = await db.outboxMessage.findMany({ where: { recipient: ANNOUNCE } });
    expect(rows.map((r) => [r.platform, r.purpose, r.dedupeKey, (r.payload as { kind: string }).kind])).toEqual([
      ["discord", "mission.announce.channel", `mission:${mission.id}:announce:discord:${ANNOUNCE}`, "card"],
    ]);

    const engine = createEngine(deps);
    h = await discord.start((e) => engine.handle(e), { env });
    await drainAll(database(), deps.clock, testDispatcher(database(), deps.clock, [h.adapter]));
    const posted = h.fake.lastMessage(ANNOUNCE)!;
    expect(posted.content).toBe("");
    expect(posted.embeds).toHaveLength(1);
    expect(posted.embeds[0]!.title).toBe("Spring launch");
    expect(posted.embeds[0]!.description).toContain("Show the new bottle");
    expect(posted.embeds[0]!.description).toMatch(/<t:\d+:f> \(<t:\d+:R>\)/);
    const button = posted.components[0]!.components[0]!;
    expect(button).toMatchObject({ custom_id: `mission.view:${mission.id}`, label: "Open it in my DMs" });
    expect(h.fake.callsTo("POST", new RegExp(`^/channels/${ANNOUNCE}/messages$`))).toHaveLength(1);

    // Lou presses it in the guild: the card comes to the DM, the guild gets a private link to it.
    const dm = h.fake.dmChannelFor(lou.id);
    const before = h.fake.callsTo("POST", new RegExp(`^/channels/${dm}/messages$`)).length;
    h.fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "9200000000000000001", lou, { channelId: ANNOUNCE, guildId: GUILD }, button.custom_id!, posted));
    const [callback] = await callsSoon(h.fake, "POST", /^\/interactions\/9200000000000000001\//);
    await h.adapter.idle();
    const body = callback!.body as { data: { flags?: number; components?: { components: { url?: string }[] }[] } };
    expect(body.data.flags! & 64).toBe(64);
    expect(body.data.components![0]!.components[0]!.url).toBe(`https://discord.com/channels/@me/${dm}`);
    const cards = h.fake.callsTo("POST", new RegExp(`^/channels/${dm}/messages$`)).slice(before);
    expect(cards.map((c) => (c.body as { content: string }).content).join("\n")).toContain("Spring launch");
    // the announcement itself is untouched (no edit, still one post)
    expect(h.fake.messages.get(posted.id)!.edits).toEqual([]);
  });
});
