// Webhook mode specifics: the secret header is required, and the route lives on Advo's HTTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/engine/message.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { privateText, SECRET, startHarness, type Harness } from "./harness.js";

describe("telegram webhook", () => {
  let database: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    h = await startHarness(database, () => [textMessage("hi")], { mode: "webhook" });
  });
  afterAll(async () => {
    await h.stop();
    await database.destroy();
  });

  it("given a wrong or missing secret token then 401 and the update never reaches the engine", async () => {
    expect(await h.fake.deliverWebhook(h.webhookUrl!, privateText(1, "/points"), "wrong-secret")).toBe(401);
    expect(await h.fake.deliverWebhook(h.webhookUrl!, privateText(1, "/points"))).toBe(401);
    expect(h.events).toEqual([]);
    expect(h.fake.callsTo("sendMessage")).toEqual([]);
  });

  it("given the right secret then 200 after the reply was sent", async () => {
    expect(await h.fake.deliverWebhook(h.webhookUrl!, privateText(2, "/points"), SECRET)).toBe(200);
    expect(h.events).toHaveLength(1);
    expect(h.fake.messagesTo(2).map((c) => c.params.text)).toEqual(["hi"]);
  });

  it("given a GET on the webhook path then 405, not the bot", async () => {
    const res = await fetch(h.webhookUrl!);
    expect(res.status).toBe(405);
  });
});
