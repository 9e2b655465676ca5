// Opening proof files where each platform keeps them (issue 13), over real HTTP against the fakes:
// Slack (files.info, then url_private_download with the bot token), Discord (the attachment's
// signed url has expired, so it is refreshed first), Telegram's size cap; credentials never go to
// a host that is not the platform's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProofFile } from "../../src/services/proof-files.js";
import { PROOF_MAX_BYTES } from "../../src/domain/proofs.js";
import { FakeSlackWebApi } from "../fakes/slack-web-api.js";
import { FakeDiscord } from "../fakes/discord.js";
import { FakeTelegramBotApi } from "../fakes/telegram-bot-api.js";

const SHOT = Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), Buffer.alloc(40_000, 3)]);
const read = async (r: Awaited<ReturnType<typeof openProofFile>>) => {
  if (!r.ok) throw new Error(r.error);
  return Buffer.from(await new Response(r.value.body).arrayBuffer());
};

describe("proof files from the platforms", () => {
  let slack: FakeSlackWebApi;
  let discord: FakeDiscord;
  let telegram: FakeTelegramBotApi;
  beforeAll(async () => {
    slack = await new FakeSlackWebApi().listen();
    discord = await new FakeDiscord({ applicationId: "1000000000000000001" }).listen();
    telegram = await new FakeTelegramBotApi().listen();
  });
  afterAll(async () => {
    await slack.close();
    await discord.close();
    await telegram.close();
  });
  const config = () => ({
    SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_API_URL: `http://127.0.0.1:${slack.port}/api/`,
    DISCORD_BOT_TOKEN: "discord-token", DISCORD_API_URL: discord.apiUrl,
    TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot,
  });

  it("given a Slack file id then files.info and the private download with the bot token give the bytes; an unknown id or another token gives none", async () => {
    slack.addUserFile("F0SHOT1", "IMG_0042.PNG", "image/png", SHOT);
    expect((await read(await openProofFile(config(), { platform: "slack", fileRef: "F0SHOT1", mimeType: "image/png" }))).equals(SHOT)).toBe(true);
    expect(slack.fileDownloads).toEqual(["F0SHOT1"]);
    expect(await openProofFile(config(), { platform: "slack", fileRef: "F0NOPE", mimeType: "image/png" })).toEqual({ ok: false, error: "measure.proof.unavailable" });
    expect(await openProofFile({ ...config(), SLACK_BOT_TOKEN: "xoxb-wrong" }, { platform: "slack", fileRef: "F0SHOT1", mimeType: "image/png" })).toMatchObject({ ok: false });
    expect(slack.fileDownloads).toEqual(["F0SHOT1"]);
  });

  it("given a Discord attachment url whose signature expired then it is refreshed with the bot token and downloaded", async () => {
    const url = discord.addAttachment("1100000000000000001", "1213141516171820", "story.jpg", "image/jpeg", SHOT);
    expect((await fetch(url)).status).toBe(404); // the url as the message carried it no longer works
    expect((await read(await openProofFile(config(), { platform: "discord", fileRef: url, mimeType: "image/jpeg" }))).equals(SHOT)).toBe(true);
    expect(discord.attachmentDownloads).toEqual(["1213141516171820"]);
  });

  it("given a Discord reference on another host then nothing is requested at all", async () => {
    const before = discord.calls.length;
    expect(await openProofFile(config(), { platform: "discord", fileRef: "https://evil.example/attachments/1/2/x.jpg", mimeType: "image/jpeg" })).toEqual({ ok: false, error: "measure.proof.unavailable" });
    expect(discord.calls.length).toBe(before);
  });

  it("given a Telegram file over 10 MiB then it is not streamed", async () => {
    telegram.addFile("AgAC-huge", Buffer.alloc(PROOF_MAX_BYTES + 1), "documents/huge.pdf");
    expect(await openProofFile(config(), { platform: "telegram", fileRef: "AgAC-huge", mimeType: "application/pdf" })).toEqual({ ok: false, error: "measure.proof.unavailable" });
    telegram.addFile("AgAC-ok", SHOT, "photos/ok.jpg");
    expect((await read(await openProofFile(config(), { platform: "telegram", fileRef: "AgAC-ok", mimeType: "image/jpeg" }))).equals(SHOT)).toBe(true);
  });
});
