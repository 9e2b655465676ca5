// Photos and files as proof (issue 13) through each platform's mapper, on payloads shaped as the
// platforms send them: Telegram's photo sizes and documents, Slack's file_share message event,
// Discord's MESSAGE_CREATE with attachments. Only references come through (never bytes), and the
// caption is text, never a command.
import { describe, expect, it } from "vitest";
import { inboundEventSchema } from "../../../src/engine/events.js";
import { mapUpdate } from "../../../adapters/telegram/mapper.js";
import { mapMessageEvent } from "../../../adapters/slack/mapper.js";
import { mapDirectMessage } from "../../../adapters/discord/mapper.js";

const now = new Date("2026-03-02T10:00:00Z");
const valid = (e: unknown) => expect(inboundEventSchema.safeParse(e).success).toBe(true);

describe("proof files in the platform mappers", () => {
  it("given a Telegram photo with a caption then the largest size is the file and the caption is the text (a /command caption stays text)", () => {
    const update = {
      update_id: 815372950,
      message: {
        message_id: 40, date: 1772445600, from: { id: 7012345678, is_bot: false, first_name: "Lucía", language_code: "es" }, chat: { id: 7012345678, type: "private" },
        photo: [
          { file_id: "AgAC-small", file_unique_id: "AQADs", file_size: 1400, width: 90, height: 160 },
          { file_id: "AgAC-large", file_unique_id: "AQADl", file_size: 187_000, width: 1080, height: 1920 },
        ],
        caption: "/submit 12.400 visualizaciones",
      },
    };
    const mapped = mapUpdate(update, { now });
    if (mapped.kind !== "event") throw new Error(mapped.reason);
    valid(mapped.event);
    expect(mapped.event.payload).toEqual({ type: "text", text: "/submit 12.400 visualizaciones" });
    expect(mapped.event.attachments).toEqual([{ ref: "AgAC-large", kind: "photo", mimeType: "image/jpeg", sizeBytes: 187_000 }]);
  });

  it("given a Telegram document then its name, type and size come through", () => {
    const update = {
      update_id: 815372951,
      message: {
        message_id: 41, date: 1772445601, from: { id: 7012345678, is_bot: false, first_name: "Lucía" }, chat: { id: 7012345678, type: "private" },
        document: { file_name: "insights.pdf", mime_type: "application/pdf", file_id: "BQAC-doc", file_unique_id: "AgADd", file_size: 52_000 },
      },
    };
    const mapped = mapUpdate(update, { now });
    if (mapped.kind !== "event") throw new Error(mapped.reason);
    expect(mapped.event.attachments).toEqual([{ ref: "BQAC-doc", kind: "document", mimeType: "application/pdf", sizeBytes: 52_000, fileName: "insights.pdf" }]);
  });

  it("given a Telegram sticker then it is still ignored", () => {
    const update = { update_id: 815372952, message: { message_id: 42, date: 1, from: { id: 1, is_bot: false, first_name: "A" }, chat: { id: 1, type: "private" }, sticker: { file_id: "CAAC", width: 512, height: 512 } } };
    expect(mapUpdate(update, { now }).kind).toBe("ignored");
  });

  it("given a Slack file_share in the DM then each file is its id with type and size, the text its caption", () => {
    const body = {
      token: "x", team_id: "T0001", api_app_id: "A0001", type: "event_callback", event_id: "Ev0PROOF1", event_time: 1772445600,
      event: {
        type: "message", subtype: "file_share", user: "U0ANA", channel: "D0ANA", channel_type: "im", ts: "1772445600.000100", text: "reach 5.2k",
        files: [{
          id: "F0SHOT1", created: 1772445599, timestamp: 1772445599, name: "IMG_0042.PNG", title: "IMG_0042.PNG", mimetype: "image/png", filetype: "png",
          user: "U0ANA", size: 402_311, mode: "hosted", url_private: "https://files.slack.com/files-pri/T0001-F0SHOT1/img_0042.png",
          url_private_download: "https://files.slack.com/files-pri/T0001-F0SHOT1/download/img_0042.png",
        }],
      },
    };
    const mapped = mapMessageEvent(body, "U0BOT", now);
    expect(mapped).toBeDefined();
    valid(mapped!.event);
    expect(mapped!.event.payload).toEqual({ type: "text", text: "reach 5.2k" });
    expect(mapped!.event.attachments).toEqual([{ ref: "F0SHOT1", kind: "photo", mimeType: "image/png", sizeBytes: 402_311, fileName: "IMG_0042.PNG" }]);
  });

  it("given a Discord DM with an attachment and no text then it is an event with the CDN url as the file", () => {
    const raw = {
      id: "1213141516171819", channel_id: "1100000000000000001", type: 0, content: "", tts: false, mention_everyone: false, pinned: false, timestamp: "2026-03-02T10:00:00.000000+00:00",
      author: { id: "1000000000000000042", username: "ana", global_name: "Ana", bot: false },
      attachments: [{
        id: "1213141516171820", filename: "story.jpg", size: 230_000, content_type: "image/jpeg", width: 1080, height: 1920,
        url: "https://cdn.discordapp.com/attachments/1100000000000000001/1213141516171820/story.jpg?ex=65f0&is=65de&hm=ab12",
        proxy_url: "https://media.discordapp.net/attachments/1100000000000000001/1213141516171820/story.jpg?ex=65f0&is=65de&hm=ab12",
      }],
    };
    const event = mapDirectMessage(raw, now, "1000000000000000001");
    expect(event).toBeDefined();
    valid(event);
    expect(event!.payload).toEqual({ type: "text", text: "" });
    expect(event!.attachments).toEqual([{ ref: raw.attachments[0]!.url, kind: "photo", mimeType: "image/jpeg", sizeBytes: 230_000, fileName: "story.jpg" }]);
  });
});
