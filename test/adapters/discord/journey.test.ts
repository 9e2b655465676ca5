// The influencer journey on Discord, end to end: the real engine and database, the real
// discord.js Client against the fake Discord. /join in the guild → onboarding in the DM (buttons
// and a typed handle) → active with the member role → /missions → accept → /submit link → /points.
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/engine.js";
import { testProviders } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { GUILD, discordHarnessPerTest, type Harness } from "./harness.js";
import { dmDriver, type Posted } from "./dm-driver.js";

const ROLE = "7400000000000000001";
const CHANNEL = "6400000000000000001";
const ana = { id: "3400000000000000001", username: "ana", globalName: "Ana", locale: "en-US" };

describe.each(testProviders())("discord journey on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  it("given an invitation and a published mission then a guild member joins, onboards in DMs, accepts, submits and sees points, each history line dated natively", async () => {
    const deps = testDeps(database());
    const now = deps.clock.now();
    await database().db.invitation.create({ data: { code: "DISC24", maxUses: 10 } });
    const mission = await database().db.mission.create({
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
    h = await discord.start((e) => engine.handle(e), { env: { DISCORD_GUILD_ID: GUILD, DISCORD_MEMBER_ROLE_ID: ROLE } });
    const fake = h.fake;
    const you = dmDriver(h, ana);
    const { dm, find, click, press } = you;
    const command = (name: string, where: { channelId: string; guildId?: string }, options: { name: string; value: string }[] = []) => you.command(name, options, where);
    const type = you.type;
    const button = (_out: Posted[], prefix: string) => prefix;

    // /join in the guild: the onboarding goes to the DM, the guild gets an ephemeral pointer.
    let out = await command("join", { channelId: CHANNEL, guildId: GUILD }, [{ name: "code", value: "DISC24" }]);
    expect(out.at(-1)!.content).toBe("I've sent you a direct message: let's continue there.");
    expect(fake.callsTo("POST", new RegExp(`^/channels/${dm}/messages$`)).length).toBeGreaterThanOrEqual(1);
    const account = await database().db.platformAccount.findFirstOrThrow({ where: { platform: "discord", externalId: ana.id } });
    expect(account.chatId).toBe(dm);

    const consent = find("onb.consent:yes");
    out = await press(button(out, "onb.consent:yes"));
    // The click answered by editing its own message: the consent buttons are gone from it.
    expect(fake.messages.get(consent.message.id)).toMatchObject({ components: [], edits: ["update"] });
    // Clicking that old button again: the polite answer, nothing changes.
    const before = await database().db.conversation.findUniqueOrThrow({ where: { key: `discord:${dm}` } });
    out = await click(consent);
    expect(out.map((p) => p.content)).toEqual(["This has moved on: please use the latest message."]);
    expect((fake.calls.at(-1)!.body as { flags?: number }).flags! & 64).toBe(64);
    const after = await database().db.conversation.findUniqueOrThrow({ where: { key: `discord:${dm}` } });
    expect({ step: after.step, version: after.version }).toEqual({ step: before.step, version: before.version });
    out = await press(button(out, "onb.tz_skip"));
    out = await press(button(out, "onb.net:instagram"));
    out = await type("ana.creates");
    expect(out.map((p) => p.content).join("\n")).toContain("ana.creates");
    out = await press(button(out, "onb.handles_done"));
    out = await press(button(out, "onb.region:"));
    const interest = find("onb.interest:");
    out = await press(button(out, "onb.interest:"));
    expect(fake.messages.get(interest.message.id)!.edits).toEqual(["update"]);
    expect(JSON.stringify(fake.messages.get(interest.message.id)!.components)).toContain("✓ ");
    out = await press(button(out, "onb.interests_done"));
    out = await press(button(out, "onb.confirm"));
    expect(out.at(-1)!.content).toContain("**You're in!**");
    // Every onboarding step is over: no message in the DM still offers a button.
    expect(fake.liveButtons(dm)).toEqual([]);
    const influencer = await database().db.influencer.findFirstOrThrow({ where: { accounts: { some: { externalId: ana.id } } } });
    expect(influencer.status).toBe("active");
    expect(fake.callsTo("PUT", new RegExp(`^/guilds/${GUILD}/members/${ana.id}/roles/${ROLE}$`)).length).toBe(1);

    // Missions in the DM: list → card → accept.
    out = await command("missions", { channelId: dm });
    out = await press(button(out, `mission.view:${mission.id}`));
    expect(out.map((p) => p.content).join("\n")).toContain("Spring drop");
    // The deadline is a native Discord timestamp: each reader sees it in their own zone and language.
    const unix = Math.floor(mission.deadline.getTime() / 1000);
    expect(out.map((p) => p.content).join("\n")).toContain(`<t:${unix}:f> (<t:${unix}:R>)`);
    const card = find(`mission.accept:${mission.id}`);
    out = await press(button(out, `mission.accept:${mission.id}`));
    // The card itself becomes the accepted state with its Submit button.
    expect(fake.messages.get(card.message.id)!.edits).toEqual(["update"]);
    // The deadline inside the translated sentence is a native timestamp too.
    expect(fake.messages.get(card.message.id)!.content).toContain(`Publish your post before <t:${unix}:f> (<t:${unix}:R>), then send me its link.`);
    expect(find("submit.start:")).toMatchObject({ id: `submit.start:${mission.id}`, message: { id: card.message.id } });

    // /submit with the link as the option.
    out = await command("submit", { channelId: dm }, [{ name: "link", value: "https://www.instagram.com/p/Cabc123/" }]);
    const submission = await database().db.submission.findFirstOrThrow({ where: { influencerId: influencer.id } });
    expect(submission).toMatchObject({ missionId: mission.id, network: "instagram", status: "pending" });
    expect(out.at(-1)!.content).toContain("**pending verification**");

    // /points in the guild: answered in place, ephemeral.
    out = await command("points", { channelId: CHANNEL, guildId: GUILD });
    const pointsCall = fake.calls.filter((c) => c.path.endsWith("/callback")).at(-1)!;
    expect((pointsCall.body as { data: { flags: number } }).data.flags & 64).toBe(64);
    expect(out[0]!.content).toMatch(/^\*\*Your points\*\*\n\n- This cycle \\?\(.+, until <t:\d+:f> \(<t:\d+:R>\)\\?\): 0 points\n- Earned this cycle, as the leaderboard counts them: 0 points\n- Carried over from the last cycle: 0 points\n- Earned in total: 0 points$/);

    // A history line's date is its day alone, a native <t:…:D> without the relative part.
    const cycle = await database().db.cycle.findFirstOrThrow({ where: { status: "open" } });
    const earnedAt = new Date(now.getTime() - 3 * 86_400_000);
    await database().db.ledgerEntry.create({ data: { influencerId: influencer.id, cycleId: cycle.id, amount: 5, kind: "adjustment", reason: "Welcome gift", idempotencyKey: "discord-dated", createdAt: earnedAt } });
    out = await command("points", { channelId: dm });
    expect(out.map((p) => p.content).join("\n")).toMatch(new RegExp(`^- \\+5 points · adjustment · Welcome gift · <t:${Math.floor(earnedAt.getTime() / 1000)}:D>$`, "m"));
  });
});
