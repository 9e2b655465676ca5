// The member role follows membership: becoming active grants it, erasure revokes it; when Discord
// fails (503) the change is queued in the outbox (keyed by user, change and event) and retried, and once Discord recovers the role change lands. Real services, dispatcher, database and
// discord.js Client against the fake.
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { textMessage } from "../../../src/engine/message.js";
import { eraseInfluencer } from "../../../src/services/privacy.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { testProviders } from "../../helpers/db.js";
import { drainAll, testDispatcher } from "../../delivery/helpers.js";
import { directMessage } from "../../fakes/discord.js";
import { GUILD, discordHarnessPerTest, seedInfluencer, until, type Harness } from "./harness.js";

const ROLE = "7100000000000000077";
const USER = "3900000000000000001";
const DM = "5900000000000000001";
const ROUTE = new RegExp(`^/guilds/${GUILD}/members/${USER}/roles/${ROLE}$`);

describe.each(testProviders())("discord member role on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  it("given Discord failing then recovering then the grant on activation and the revoke on erasure are queued, retried from the outbox and land", async () => {
    const db = database().db;
    const inf = await seedInfluencer(database(), USER, { chatId: DM, status: "onboarding" });
    const clock = new FakeClock();
    const deps = { db, clock, log: silentLogger, config: testConfig() };
    h = await discord.start(async (event) => {
      const text = event.payload.type === "text" ? event.payload.text : "";
      if (text === "finish") await db.influencer.update({ where: { id: inf.id }, data: { status: "active" } });
      if (text === "erase") await eraseInfluencer(deps, inf.id);
      return [textMessage("ok")];
    }, { env: { DISCORD_GUILD_ID: GUILD, DISCORD_MEMBER_ROLE_ID: ROLE } });
    const fake = h.fake;
    const dispatcher = testDispatcher(database(), clock, [h.adapter]);
    const roleRows = () => db.outboxMessage.findMany({ where: { purpose: { startsWith: "role." } }, orderBy: { id: "asc" } });

    // Activation while Discord answers 503: the grant waits in the outbox.
    fake.fail(`member:${USER}`, { kind: "server_error", status: 503, times: 100 });
    fake.dispatch("MESSAGE_CREATE", directMessage("9300000000000000001", { id: USER }, DM, "finish"));
    await until(() => h!.events.length >= 1, "event 1");
    await h.adapter.idle();
    expect((await roleRows()).map((r) => [r.recipient, r.purpose, r.dedupeKey, r.status])).toEqual([
      [USER, "role.grant", `role:discord:${USER}:grant:discord:9300000000000000001`, "queued"],
    ]);
    const tried = fake.callsTo("PUT", ROUTE).length;
    clock.set(new Date(Date.now() + 1000));
    await dispatcher.drain();
    const [waiting] = await roleRows();
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(fake.callsTo("PUT", ROUTE).length).toBeGreaterThan(tried);
    expect(fake.callsTo("PUT", ROUTE).length).toBeGreaterThan(0);

    // Discord recovers: the grant lands.
    fake.fail(`member:${USER}`, { kind: "server_error", times: 0 });
    await drainAll(database(), clock, dispatcher);
    expect((await roleRows()).map((r) => r.status)).toEqual(["sent"]);

    // Another event from a member changes nothing (no second grant row, no request).
    const puts = fake.callsTo("PUT", ROUTE).length;
    fake.dispatch("MESSAGE_CREATE", directMessage("9300000000000000002", { id: USER }, DM, "hello"));
    await until(() => h!.events.length >= 2, "event 2");
    await h.adapter.idle();
    expect(await roleRows()).toHaveLength(1);
    expect(fake.callsTo("PUT", ROUTE)).toHaveLength(puts);

    // Erasure while Discord is down: the revoke waits, then lands.
    fake.fail(`member:${USER}`, { kind: "server_error", status: 502, times: 100 });
    fake.dispatch("MESSAGE_CREATE", directMessage("9300000000000000003", { id: USER }, DM, "erase"));
    await until(() => h!.events.length >= 3, "event 3");
    await h.adapter.idle();
    clock.set(new Date(clock.now().getTime() + 60_000));
    await dispatcher.drain();
    const revoke = (await roleRows()).at(-1)!;
    expect(revoke).toMatchObject({ purpose: "role.revoke", status: "queued", attempts: 1, influencerId: null });
    fake.fail(`member:${USER}`, { kind: "server_error", times: 0 });
    await drainAll(database(), clock, dispatcher);
    expect((await roleRows()).map((r) => [r.purpose, r.status])).toEqual([["role.grant", "sent"], ["role.revoke", "sent"]]);
    expect(fake.callsTo("DELETE", ROUTE).length).toBeGreaterThan(0);
  });
});
