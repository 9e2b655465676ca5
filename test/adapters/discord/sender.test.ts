// send() — the path the outbox dispatcher uses — against the fake Discord and a real database:
// the DM channel is opened once and stored; closed DMs are unreachable and never retried;
// 429 becomes `retry` with Discord's retry_after; the member role is granted on activation.
import { describe, expect, it } from "vitest";
import { textMessage } from "../../../src/engine/message.js";
import { createLogger } from "../../../src/logger.js";
import { testProviders } from "../../helpers/db.js";
import { slashCommand } from "../../fakes/discord.js";
import { APP, GUILD, seedInfluencer, until, discordHarnessPerTest, type Harness } from "./harness.js";

const USER = "3100000000000000001";
const ROLE = "7100000000000000001";
const CHANNEL = "6000000000000000009";

describe.each(testProviders())("discord send on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  it("given an influencer without a stored DM channel then the first send opens it and stores it, the second reuses it", async () => {
    await seedInfluencer(database(), USER);
    h = await discord.start(() => []);
    const first = await h.adapter.send(USER, textMessage("Mission 1 is live"));
    const dm = h.fake.dmChannelFor(USER);
    expect(first).toMatchObject({ status: "sent", messageId: expect.any(String) });
    const account = await database().db.platformAccount.findFirstOrThrow({ where: { externalId: USER } });
    expect(account.chatId).toBe(dm);

    // The dispatcher addresses the stored chat id from now on (audience() prefers chatId).
    const second = await h.adapter.send(account.chatId!, textMessage("Mission 2 is live"));
    expect(second.status).toBe("sent");
    // A fresh process (no in-memory cache) addressing the user id also uses the stored channel.
    const fake = h.fake;
    await h.adapter.stop();
    h = await discord.start(() => [], { fake });
    expect((await h.adapter.send(USER, textMessage("Mission 3"))).status).toBe("sent");
    expect(fake.callsTo("POST", /^\/users\/@me\/channels$/).length).toBe(1);
    expect(fake.callsTo("POST", new RegExp(`^/channels/${dm}/messages$`)).map((c) => (c.body as { content: string }).content)).toEqual([
      "Mission 1 is live",
      "Mission 2 is live",
      "Mission 3",
    ]);
    await h.adapter.stop();
    await fake.close();
  });

  it("given a user whose DMs are closed then send is unreachable, the account is marked and nothing is retried", async () => {
    await seedInfluencer(database(), USER);
    h = await discord.start(() => []);
    h.fake.fail(h.fake.dmChannelFor(USER), { kind: "dm_closed" });
    const result = await h.adapter.send(USER, textMessage("hello"));
    expect(result).toEqual({ status: "unreachable", reason: "discord: DMs closed (50007)" });
    const account = await database().db.platformAccount.findFirstOrThrow({ where: { externalId: USER } });
    expect(account.unreachableAt).not.toBeNull();
    expect(account.unreachableReason).toContain("50007");
    expect(h.fake.callsTo("POST", /\/messages$/).length).toBe(1);
  });

  it("given an unknown user then send is unreachable without posting anything", async () => {
    await seedInfluencer(database(), USER);
    h = await discord.start(() => []);
    h.fake.fail(USER, { kind: "unknown_user" });
    expect(await h.adapter.send(USER, textMessage("hello"))).toEqual({ status: "unreachable", reason: "discord: unknown user (10013)" });
    expect(h.fake.callsTo("POST", /\/messages$/)).toEqual([]);
  });

  it("given Discord answers 429 then send returns retry with retry_after instead of waiting, and the rate limit is logged", async () => {
    const lines: string[] = [];
    const log = createLogger("info", { write: (line: string) => void lines.push(line) });
    h = await discord.start(() => [], { log });
    h.fake.fail(CHANNEL, { kind: "rate_limited", retryAfter: 7, times: 1 });
    expect(await h.adapter.send(CHANNEL, textMessage("announce"))).toMatchObject({ status: "retry", afterSeconds: 7 });
    expect(h.fake.callsTo("POST", new RegExp(`^/channels/${CHANNEL}/messages$`)).length).toBe(1);
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; route?: string; kind?: string; retryAfterMs?: number }).find((l) => l.msg === "discord rate limit");
    expect(logged).toMatchObject({ kind: "outbound", route: "/channels/:id/messages" });
    expect(logged!.retryAfterMs).toBeGreaterThanOrEqual(7000);
    expect(lines.join("\n")).not.toContain("fake-token");
  });

  it("given an announce channel id then send posts there directly with mentions disabled", async () => {
    h = await discord.start(() => []);
    expect((await h.adapter.send(CHANNEL, textMessage("@everyone new mission"))).status).toBe("sent");
    const [post] = h.fake.callsTo("POST", new RegExp(`^/channels/${CHANNEL}/messages$`));
    expect(post!.body).toMatchObject({ content: "\\@everyone new mission", allowed_mentions: { parse: [] } });
    expect(h.fake.callsTo("POST", /^\/users\/@me\/channels$/)).toEqual([]);
  });

  it("given a member role and an influencer who became active then the role is granted once", async () => {
    const influencer = await seedInfluencer(database(), USER, { status: "onboarding" });
    let calls = 0;
    h = await discord.start(
      async () => {
        calls++;
        // The engine activates the influencer while handling the second event.
        if (calls === 2) await database().db.influencer.update({ where: { id: influencer.id }, data: { status: "active" } });
        return [textMessage("ok")];
      },
      { env: { DISCORD_GUILD_ID: GUILD, DISCORD_MEMBER_ROLE_ID: ROLE } },
    );
    const roleCalls = () => h!.fake.callsTo("PUT", new RegExp(`^/guilds/${GUILD}/members/${USER}/roles/${ROLE}$`));
    const expected = [0, 1, 1];
    for (const [i, id] of ["8200000000000000001", "8200000000000000002", "8200000000000000003"].entries()) {
      h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, id, { id: USER }, { channelId: "5100000000000000001" }, "help"));
      await until(() => h!.fake.callsTo("POST", new RegExp(`^/interactions/${id}/`)).length, "reply");
      await h.adapter.idle();
      expect(roleCalls().length, `after event ${i + 1}`).toBe(expected[i]);
    }
  });
});
