// The influencer journey on Discord, end to end: the real engine and database, the real
// discord.js Client against the fake Discord. /join in the guild → onboarding in the DM (buttons
// and a typed handle) → active with the member role → /missions → accept → /submit link → /points.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/engine.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { buttonPress, directMessage, slashCommand, type RecordedCall } from "../../fakes/discord.js";
import { APP, GUILD, startHarness, until, type Harness } from "./harness.js";

const ROLE = "7400000000000000001";
const CHANNEL = "6400000000000000001";
const ana = { id: "3400000000000000001", username: "ana", globalName: "Ana", locale: "en-US" };

interface Posted {
  content: string;
  ids: string[];
}

/** What the bot posted (interaction responses, edits, follow-ups, channel messages), in order. */
function posted(calls: RecordedCall[]): Posted[] {
  return calls.flatMap((c) => {
    const body = c.body as { type?: number; data?: unknown; content?: string; components?: unknown } | undefined;
    if (!body) return [];
    const m = (c.path.endsWith("/callback") ? body.data : body) as { content?: string; components?: { components: { custom_id?: string }[] }[] } | undefined;
    if (!m || typeof m.content !== "string") return [];
    return [{ content: m.content, ids: (m.components ?? []).flatMap((r) => r.components.map((b) => b.custom_id ?? "")) }];
  });
}

describe.each(testProviders())("discord journey on %s", (provider) => {
  let database: TestDatabase;
  let h: Harness | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
  });
  afterEach(async () => {
    await h?.stop();
    h = undefined;
    await database.destroy();
  });

  it("given an invitation and a published mission then a guild member joins, onboards in DMs, accepts, submits and sees points", async () => {
    const deps = testDeps(database);
    const now = deps.clock.now();
    await database.db.invitation.create({ data: { code: "DISC24", maxUses: 10 } });
    const mission = await database.db.mission.create({
      data: {
        title: "Spring drop",
        brief: "Show the new collection",
        hashtags: ["#springdrop"],
        networks: ["instagram"],
        points: 50,
        deadline: new Date(now.getTime() + 7 * 86_400_000),
        segment: {},
        status: "published",
        publishedAt: now,
      },
    });
    const engine = createEngine(deps);
    h = await startHarness(database, (e) => engine.handle(e), { env: { DISCORD_GUILD_ID: GUILD, DISCORD_MEMBER_ROLE_ID: ROLE } });
    const fake = h.fake;
    let seq = 0;
    const nextId = () => String(8_600_000_000_000_000_000n + BigInt(++seq));
    const dm = fake.dmChannelFor(ana.id);

    /** Dispatches and waits until the adapter has fully handled it; returns what the bot posted. */
    const act = async (dispatch: () => void): Promise<Posted[]> => {
      const before = fake.calls.length;
      dispatch();
      await until(() => fake.calls.length > before, "a response");
      await h!.adapter.idle();
      return posted(fake.calls.slice(before));
    };
    const command = (name: string, where: { channelId: string; guildId?: string }, options: { name: string; value: string }[] = []) =>
      act(() => fake.dispatch("INTERACTION_CREATE", slashCommand(APP, nextId(), ana, where, name, options)));
    const press = (customId: string) => act(() => fake.dispatch("INTERACTION_CREATE", buttonPress(APP, nextId(), ana, { channelId: dm }, customId)));
    const type = (text: string) => act(() => fake.dispatch("MESSAGE_CREATE", directMessage(nextId(), ana, dm, text)));
    const button = (out: Posted[], prefix: string) => {
      const id = out.flatMap((p) => p.ids).find((i) => i.startsWith(prefix));
      expect(id, `a ${prefix} button in ${JSON.stringify(out)}`).toBeDefined();
      return id!;
    };

    // /join in the guild: the onboarding goes to the DM, the guild gets an ephemeral pointer.
    let out = await command("join", { channelId: CHANNEL, guildId: GUILD }, [{ name: "code", value: "DISC24" }]);
    expect(out.at(-1)!.content).toBe("I've sent you a direct message: let's continue there.");
    expect(fake.callsTo("POST", new RegExp(`^/channels/${dm}/messages$`)).length).toBeGreaterThanOrEqual(3);
    const account = await database.db.platformAccount.findFirstOrThrow({ where: { platform: "discord", externalId: ana.id } });
    expect(account.chatId).toBe(dm);

    out = await press(button(out, "onb.consent:yes"));
    out = await press(button(out, "onb.lang:en"));
    out = await press(button(out, "onb.net:instagram"));
    out = await type("ana.creates");
    expect(out.map((p) => p.content).join("\n")).toContain("ana.creates");
    out = await press(button(out, "onb.handles_done"));
    out = await press(button(out, "onb.region:"));
    out = await press(button(out, "onb.interest:"));
    out = await press(button(out, "onb.interests_done"));
    out = await press(button(out, "onb.confirm"));
    expect(out.at(-1)!.content).toContain("**You're in!**");
    const influencer = await database.db.influencer.findFirstOrThrow({ where: { accounts: { some: { externalId: ana.id } } } });
    expect(influencer.status).toBe("active");
    expect(fake.callsTo("PUT", new RegExp(`^/guilds/${GUILD}/members/${ana.id}/roles/${ROLE}$`)).length).toBe(1);

    // Missions in the DM: list → card → accept.
    out = await command("missions", { channelId: dm });
    out = await press(button(out, `mission.view:${mission.id}`));
    expect(out.map((p) => p.content).join("\n")).toContain("Spring drop");
    out = await press(button(out, `mission.accept:${mission.id}`));
    expect(button(out, "submit.start:")).toBe(`submit.start:${mission.id}`);

    // /submit with the link as the option.
    out = await command("submit", { channelId: dm }, [{ name: "link", value: "https://www.instagram.com/p/Cabc123/" }]);
    const submission = await database.db.submission.findFirstOrThrow({ where: { influencerId: influencer.id } });
    expect(submission).toMatchObject({ missionId: mission.id, network: "instagram", status: "pending" });
    expect(out.at(-1)!.content).toContain("**pending verification**");

    // /points in the guild: answered in place, ephemeral.
    out = await command("points", { channelId: CHANNEL, guildId: GUILD });
    const pointsCall = fake.calls.filter((c) => c.path.endsWith("/callback")).at(-1)!;
    expect((pointsCall.body as { data: { flags: number } }).data.flags & 64).toBe(64);
    expect(out[0]!.content).toMatch(/^\*\*Your points\*\*\n\n- This cycle .*: 0\n- Earned this cycle, as the leaderboard counts them: 0\n- Carried over from the last cycle: 0\n- Earned in total: 0$/);
  });
});
