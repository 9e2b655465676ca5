// Webhook mode specifics: the secret header is required, and the route lives on Advo's HTTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/engine/message.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { capturingLogger, type CapturedLog } from "../../helpers/log.js";
import { privateText, SECRET, startHarness, type Harness } from "./harness.js";

describe("telegram webhook", () => {
  let database: TestDatabase;
  let h: Harness;
  let logs: CapturedLog;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    logs = capturingLogger();
    h = await startHarness(database, () => [textMessage("hi")], { mode: "webhook", log: logs.log });
  });
  const post = (body: string, headers: Record<string, string> = { "x-telegram-bot-api-secret-token": SECRET }) =>
    fetch(h.webhookUrl!, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
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

  it("given the right secret and a body that is not JSON, not an object or has no numeric update_id then 400, no error log, nothing handled", async () => {
    const before = h.fake.callsTo("sendMessage").length;
    for (const body of ["{not json", "", "null", "[1,2]", '"text"', '{"update_id":"7"}', '{"message":{"text":"/points"}}', "\u00ff\u00fe"]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^invalid_(json|body)$/);
    }
    expect(h.events).toHaveLength(1); // only the valid update of the test above
    expect(h.fake.callsTo("sendMessage")).toHaveLength(before);
    expect(logs.errors()).toEqual([]);
  });

  it("given a wrong secret and a malformed body then 401: the secret is checked before the body is read", async () => {
    expect((await post("{not json", { "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    expect((await post("{not json", {})).status).toBe(401);
  });

  it("given a body over the size cap then 413 and nothing handled", async () => {
    const huge = JSON.stringify({ update_id: 1, message: { text: "x".repeat(1_100_000) } });
    expect((await post(huge)).status).toBe(413);
    expect(h.events).toHaveLength(1);
    expect(logs.errors()).toEqual([]);
  });
});
