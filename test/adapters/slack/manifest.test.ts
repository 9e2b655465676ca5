// The manifest in the repo asks for what the adapter uses: the /advo command, the events it
// listens to, the scopes of the Web API methods it calls, and one URL for everything.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLACK_EVENTS_PATH } from "../../../adapters/slack/transport.js";
import { createEngine } from "../../../src/engine/engine.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";

describe("slack app manifest", () => {
  const manifest = parse(readFileSync(new URL("../../../adapters/slack/manifest.yaml", import.meta.url), "utf8")) as {
    features: { slash_commands: { command: string; url: string }[]; app_home: { messages_tab_enabled: boolean; home_tab_enabled: boolean } };
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
  };

  it("given the engine's commands then each one the bot's texts mention is a slash command in the manifest", () => {
    const engine = createEngine({ db: undefined as never, clock: undefined as never, log: silentLogger, config: testConfig() });
    const declared = new Set(manifest.features.slash_commands.map((c) => c.command.slice(1)));
    expect(engine.router.commandNames().filter((n) => !declared.has(n))).toEqual([]);
  });

  it("given the manifest then /advo, the DM and member events, interactivity and the needed scopes all point at /slack/events", () => {
    const commands = manifest.features.slash_commands.map((c) => c.command);
    expect(commands[0]).toBe("/advo");
    expect(commands).toEqual(expect.arrayContaining(["/start", "/missions", "/submit", "/points", "/help"]));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_home_opened", "member_joined_channel", "member_left_channel", "message.im"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    for (const u of [...manifest.features.slash_commands.map((c) => c.url), manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url])
      expect(new URL(u).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["commands", "chat:write", "im:history", "im:write", "channels:read", "groups:read", "files:read"]));
  });
});
