// /mydata on Slack: the summary answers the command, and the complete export is uploaded as a JSON
// file into the person's DM with filesUploadV2 (files.getUploadURLExternal → the bytes →
// files.completeUploadExternal) against the fake, which refuses what Slack refuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebClient } from "@slack/web-api";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { FakeClock } from "../../../src/clock.js";
import { slackFactory } from "../../../adapters/slack/index.js";
import { SlackSender } from "../../../adapters/slack/sender.js";
import { createTestDatabaseUrl, testProviders } from "../../helpers/db.js";
import { FakeSlackWebApi } from "../../fakes/slack-web-api.js";
import { formBody, SIGNING_SECRET, signedPost, slashCommand } from "./slack-requests.js";

const TOKEN = "xoxb-test-token";

describe.each(testProviders())("slack /mydata file on %s", (provider) => {
  let app: RunningApp;
  let slack: FakeSlackWebApi;
  let drop: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    slack = await new FakeSlackWebApi(TOKEN).listen();
    const db = await createTestDatabaseUrl(provider);
    drop = db.drop;
    app = await startApp(
      testConfig({ DATABASE_URL: db.url, PORT: "0", SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl }),
      silentLogger, [slackFactory], new FakeClock("2026-01-05T09:00:00Z"),
    );
    url = `http://127.0.0.1:${app.port}/slack/events`;
    await app.deps.db.influencer.create({
      data: {
        status: "active", displayName: "Sol", consentAt: new Date(), activatedAt: new Date(),
        accounts: { create: { platform: "slack", externalId: "UDATA1", chatId: "DDATA1" } },
        handles: { create: [{ network: "tiktok", handle: "sol.tt" }] },
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.close();
    await drop?.();
  });

  it("given /mydata then the summary is the command's answer and the export is a file shared in the DM", async () => {
    const res = await signedPost(url, formBody(slashCommand("", { user: "UDATA1", channel: "CGENERAL", command: "/mydata" })));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("TikTok @sol.tt");
    const [complete] = await slack.waitFor("files.completeUploadExternal");
    expect(complete!.args.channel_id).toBe("DDATA1"); // conversations.open for the user: their DM, never the channel the command came from
    const [file] = [...slack.files.values()];
    expect(file!.filename).toBe("advo-my-data.json");
    expect(JSON.parse(file!.content!)).toMatchObject({ handles: [{ network: "tiktok", handle: "sol.tt" }] });
  });

  it("given an empty file then Slack's refusal comes back as a failed send", async () => {
    const sender = new SlackSender(new WebClient(TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }));
    expect(await sender.sendFile("DDATA1", { filename: "empty.json", mimeType: "application/json", content: "" })).toEqual({ status: "failed", error: "invalid_arguments" });
  });
});
