// The two per-person maps of the Discord adapter are bounded LRUs: the DM channel ids the sender
// keeps, and the users the role granter already gave the role. Past the bound the least recently
// used entry is forgotten, and a forgotten one costs a database read, never a wrong answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REST } from "discord.js";
import { FakeClock } from "../../../src/clock.js";
import { silentLogger } from "../../../src/logger.js";
import { DiscordSender } from "../../../adapters/discord/sender.js";
import { RoleGranter } from "../../../adapters/discord/roles.js";
import { restPort } from "../../../adapters/discord/transport.js";
import type { DiscordRest } from "../../../adapters/discord/ports.js";
import { FakeDiscord } from "../../fakes/discord.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { APP, GUILD, seedInfluencer } from "./harness.js";

const ROLE = "7100000000000000009";

describe("discord per-person caches", () => {
  let database: TestDatabase;
  let fake: FakeDiscord;
  let rest: DiscordRest;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    fake = await new FakeDiscord({ applicationId: APP }).listen();
    rest = restPort(new REST({ api: fake.apiUrl }).setToken("fake-token"));
  });
  afterAll(async () => {
    await fake.close();
    await database.destroy();
  });

  it("given more DM channels than the bound then the sender keeps the bound and still finds a forgotten one in the database", async () => {
    const sender = new DiscordSender({ rest, db: database.db, log: silentLogger, clock: new FakeClock(), dmCacheMax: 2 });
    await seedInfluencer(database, "3300000000000000001", { chatId: "5300000000000000001" });
    for (let i = 1; i <= 5; i++) sender.noteDmChannel(`330000000000000000${i}`, `530000000000000000${i}`);
    expect(sender.dmChannels.size).toBe(2);
    expect(sender.dmChannels.has("3300000000000000001")).toBe(false);
    expect(await sender.dmChannelOf("3300000000000000001")).toBe("5300000000000000001");
    expect(fake.callsTo("POST", /^\/users\/@me\/channels$/)).toHaveLength(0);
    expect(sender.dmChannels.size).toBe(2);
  });

  it("given more granted users than the bound then the granter keeps the bound", async () => {
    const roles = new RoleGranter({ rest, db: database.db, log: silentLogger, guildId: GUILD, roleId: ROLE, grantedMax: 3 });
    const users = Array.from({ length: 6 }, (_, i) => `340000000000000000${i}`);
    for (const u of users) await seedInfluencer(database, u);
    for (const u of users) expect(await roles.grantIfActive(u)).toBe(true);
    expect(roles.granted.size).toBe(3);
    expect(fake.callsTo("PUT", /\/roles\//)).toHaveLength(6);
    // A remembered user is skipped without a request; a forgotten one is read and granted again (idempotent on Discord).
    expect(await roles.grantIfActive(users[5]!)).toBe(false);
    expect(await roles.grantIfActive(users[0]!)).toBe(true);
    expect(roles.granted.size).toBe(3);
  });
});
