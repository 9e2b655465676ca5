// /mydata on Slack: the summary answers the command, and the complete export is uploaded as a JSON
// file into the person's DM with filesUploadV2 (files.getUploadURLExternal → the bytes →
// files.completeUploadExternal) against the fake, which refuses what Slack refuses.
import { beforeAll, describe, expect, it } from "vitest";
import { WebClient } from "@slack/web-api";
import { SlackSender } from "../../../adapters/slack/sender.js";
import { testProviders } from "../../helpers/db.js";
import { slashCommand } from "./slack-requests.js";
import { SLACK_TOKEN, slackAppPerSuite } from "./slack-app.js";

describe.each(testProviders())("slack /mydata file on %s", (provider) => {
  const harness = slackAppPerSuite(provider);

  beforeAll(async () => {
    await harness.app.deps.db.influencer.create({
      data: {
        status: "active", displayName: "Sol", consentAt: new Date(), activatedAt: new Date(),
        accounts: { create: { platform: "slack", externalId: "UDATA1", chatId: "DDATA1" } },
        handles: { create: [{ network: "tiktok", handle: "sol.tt" }] },
      },
    });
  });

  it("given /mydata then the summary is the command's answer and the export is a file shared in the DM", async () => {
    const { slack } = harness;
    const res = await harness.command(slashCommand("", { user: "UDATA1", channel: "CGENERAL", command: "/mydata", responseUrl: slack.responseUrl("mydata") }));
    expect(res.status).toBe(200);
    // From a channel: a short private pointer in place (in the ack, or through the response_url
    // on a loaded machine); the summary itself arrives in the DM.
    const acked = await res.text();
    if (!acked.includes("app_redirect?channel=DDATA1")) await slack.waitFor("respond:mydata", (c) => JSON.stringify(c.args).includes("app_redirect?channel=DDATA1"));
    await slack.waitFor("chat.postMessage", (c) => c.args.channel === "DDATA1" && JSON.stringify(c.args).includes("TikTok @sol.tt"));
    const [complete] = await slack.waitFor("files.completeUploadExternal");
    expect(complete!.args.channel_id).toBe("DDATA1"); // conversations.open for the user: their DM, never the channel the command came from
    const [file] = [...slack.files.values()];
    expect(file!.filename).toBe("advo-my-data.json");
    expect(JSON.parse(file!.content!)).toMatchObject({ handles: [{ network: "tiktok", handle: "sol.tt" }] });
  });

  it("given an empty file then Slack's refusal comes back as a failed send", async () => {
    const { slack } = harness;
    const sender = new SlackSender(new WebClient(SLACK_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }));
    expect(await sender.sendFile("DDATA1", { filename: "empty.json", mimeType: "application/json", content: "" })).toEqual({ status: "failed", error: "invalid_arguments", code: "invalid_arguments" });
  });
});
