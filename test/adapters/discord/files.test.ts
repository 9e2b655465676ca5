// Files on Discord (the /mydata export): a reply's attachment goes as a message attachment —
// an ephemeral follow-up to a guild slash command, a multipart message in a DM, and through the
// outbox sender — against the fake, which refuses an empty message like Discord (50006).
import { describe, expect, it } from "vitest";
import { paragraph, type OutboundMessage } from "../../../src/engine/message.js";
import { testProviders } from "../../helpers/db.js";
import { directMessage, slashCommand } from "../../fakes/discord.js";
import { APP, GUILD, callsSoon, seedInfluencer, until, discordHarnessPerTest, type Harness } from "./harness.js";

const ana = { id: "5100000000000000001", username: "ana" };
const CHANNEL = "6100000000000000001";
const DM = "6200000000000000001";
const EXPORT: OutboundMessage = {
  blocks: [paragraph("The complete export is in the attached file advo-my-data.json.")],
  attachment: { filename: "advo-my-data.json", mimeType: "application/json", content: '{"handles":[{"network":"x","handle":"ana"}]}' },
};

describe.each(testProviders())("discord files on %s", (provider) => {
  const discord = discordHarnessPerTest(provider);
  const database = discord.database;
  let h: Harness | undefined;

  it("given /mydata in a guild channel then the text answers in place and the file follows, ephemeral", async () => {
    h = await discord.start(() => [EXPORT]);
    h.fake.dispatch("INTERACTION_CREATE", slashCommand(APP, "8200000000000000001", ana, { channelId: CHANNEL, guildId: GUILD }, "mydata"));
    const [followUp] = await callsSoon(h.fake, "POST", /^\/webhooks\/\d+\/token-8200000000000000001$/);
    expect(followUp!.files?.map((f) => [f.filename, f.content])).toEqual([["advo-my-data.json", EXPORT.attachment!.content]]);
    expect(followUp!.body).toMatchObject({ flags: 64 });
    expect(h.fake.callsTo("POST", /^\/channels\//)).toEqual([]);
  });

  it("given /mydata by DM then the file is a multipart message in the DM after the text", async () => {
    await seedInfluencer(database(), ana.id, { chatId: DM });
    h = await discord.start(() => [EXPORT]);
    h.fake.dispatch("MESSAGE_CREATE", directMessage("8200000000000000002", ana, DM, "/mydata"));
    const posts = await until(() => {
      const calls = h!.fake.callsTo("POST", new RegExp(`^/channels/${DM}/messages$`));
      return calls.length >= 2 ? calls : undefined;
    }, "text and file");
    expect(posts[0]!.files).toBeUndefined();
    expect(posts[1]!.files?.[0]?.filename).toBe("advo-my-data.json");
  });

  it("given the outbox sends a message with a file then it is attached; an empty file-less message is refused like Discord", async () => {
    h = await discord.start(() => []);
    expect(await h.adapter.send(DM, EXPORT)).toMatchObject({ status: "sent" });
    expect(h.fake.callsTo("POST", new RegExp(`^/channels/${DM}/messages$`)).at(-1)!.files?.[0]?.content).toBe(EXPORT.attachment!.content);
    const empty = await h.adapter.sender.sendBodies(DM, [{ content: "", components: [], allowed_mentions: { parse: [] } }]);
    expect(empty).toMatchObject({ status: "failed", error: expect.stringContaining("50006") });
  });
});
