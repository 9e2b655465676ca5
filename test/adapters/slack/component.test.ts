// The Slack component inside the real app: startApp with the factory, the Web API at the fake
// (SLACK_API_URL), /slack/events served by Advo's own HTTP server, and the manager channel's
// members synced into Manager rows of the real database (and removed when they leave).
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { message, paragraph } from "../../../src/engine/message.js";
import { isManager } from "../../../src/services/managers.js";
import { createSlackAdapter, slackComponent } from "../../../adapters/slack/index.js";
import { createTestDatabaseUrl, testProviders } from "../../helpers/db.js";
import { FakeSlackWebApi } from "../../fakes/slack-web-api.js";
import { formBody, memberEvent, SIGNING_SECRET, signedPost, slashCommand } from "./slack-requests.js";

describe.each(testProviders())("slack component on %s", (provider) => {
  let app: RunningApp | undefined;
  let fake: FakeSlackWebApi | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await app?.stop();
    await fake?.close();
    await drop?.();
    app = fake = drop = undefined;
  });

  it("given SLACK_BOT_TOKEN then the app serves /slack/events and keeps Manager rows equal to the channel's members", async () => {
    fake = await new FakeSlackWebApi("xoxb-test-token").listen();
    fake.members = ["UMANAGER1", "UBOT", "UMANAGER2"];
    const db = await createTestDatabaseUrl(provider);
    drop = db.drop;
    const config = testConfig({
      DATABASE_URL: db.url, PORT: "0", SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_MANAGER_CHANNEL: "CMANAGERS", SLACK_API_URL: fake.apiUrl,
    });
    app = await startApp(config, silentLogger, [
      (core) => {
        const adapter = createSlackAdapter(core)!;
        return [slackComponent(adapter, async (e) => [message([paragraph(`ok ${e.author.id}`)])])];
      },
    ]);
    const deps = { db: app.database.db, config };
    expect(await isManager(deps, "slack", "UMANAGER1")).toBe(true);
    expect(await isManager(deps, "slack", "UMANAGER2")).toBe(true);
    expect(await isManager(deps, "slack", "UBOT")).toBe(false);

    const url = `http://127.0.0.1:${app.port}/slack/events`;
    const res = await signedPost(url, formBody(slashCommand("help")));
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("ok UMANAGER1");

    fake.members = ["UMANAGER1", "UBOT"];
    await signedPost(url, JSON.stringify(memberEvent("member_left_channel", "UMANAGER2", "CMANAGERS")), { contentType: "application/json" });
    await expect.poll(() => isManager(deps, "slack", "UMANAGER2")).toBe(false);
    expect(await isManager(deps, "slack", "UMANAGER1")).toBe(true);
  });

  it("given no SLACK_BOT_TOKEN then no Slack adapter is built", () => {
    expect(createSlackAdapter({ config: testConfig(), deps: undefined as never, log: silentLogger, clock: undefined as never, http: undefined as never })).toBeUndefined();
  });
});
