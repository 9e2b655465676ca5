// The whole app with the Discord component: startApp → real engine → real discord.js Client
// against the fake Discord. Commands registered at start; /language and a language button answered
// by the engine's own handlers.
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { discordFactory } from "../../../adapters/discord/index.js";
import { createTestDatabaseUrl, testProviders } from "../../helpers/db.js";
import { buttonPress, FakeDiscord, slashCommand } from "../../fakes/discord.js";
import { APP, GUILD, callsSoon } from "./harness.js";

const user = { id: "3300000000000000001", locale: "es-ES" };
const DM = "5300000000000000001";

describe.each(testProviders())("app with discord on %s", (provider) => {
  let app: RunningApp | undefined;
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await app?.stop();
    await fake?.close();
    app = undefined;
    fake = undefined;
  });

  it("given DISCORD_BOT_TOKEN then the app connects, registers commands and the engine answers /language and its buttons", async () => {
    fake = await new FakeDiscord({ applicationId: APP }).listen();
    const { url } = await createTestDatabaseUrl(provider);
    const config = testConfig({
      DATABASE_URL: url,
      PORT: "0",
      DISCORD_BOT_TOKEN: "fake-token",
      DISCORD_APPLICATION_ID: APP,
      DISCORD_GUILD_ID: GUILD,
      DISCORD_API_URL: fake.apiUrl,
    });
    app = await startApp(config, silentLogger, [discordFactory]);
    expect(fake.callsTo("PUT", /\/commands$/).length).toBe(1);

    fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8500000000000000001", user, { channelId: DM }, "language"));
    const [ask] = await callsSoon(fake, "POST", /^\/interactions\/8500000000000000001\//);
    const data = (ask!.body as { data: { content: string; components: { components: { custom_id: string; label: string }[] }[] } }).data;
    expect(data.content).toBe("¿Qué idioma prefieres?");
    const french = data.components[0]!.components.find((b) => b.label === "Français")!;
    expect(french.custom_id).toBe("lang.set:fr");

    fake.dispatch("INTERACTION_CREATE", buttonPress(APP, "8500000000000000002", user, { channelId: DM }, french.custom_id));
    const [done] = await callsSoon(fake, "POST", /^\/interactions\/8500000000000000002\//);
    expect((done!.body as { data: { content: string } }).data.content).toMatch(/fran/i);
  });
});
