// Discord interaction answers (reply, update, deferReply + editReply, followUp, showModal) when
// Discord rate-limits them for long, answers 5xx past one retry, or never answers: the person is
// not left with "This interaction failed" and nothing else — the replies they have not seen go to
// their DM through the outbox (`reply.deferred`, keyed `reply:discord:<interaction id>:<n>`), the
// fault is logged with Discord's code and counted in advo_platform_errors_total. A short rate
// limit is waited out and answered in place. The real discord.js Client against the fake.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { message, paragraph, textMessage } from "../../../src/engine/message.js";
import { Metrics } from "../../../src/metrics.js";
import type { InboundEvent, OutboundMessage } from "../../../adapters/adapter.js";
import { buttonPress, slashCommand, type FakeDiscord } from "../../fakes/discord.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { captureLog } from "../../helpers/log-capture.js";
import { drainAll, testDispatcher } from "../../delivery/helpers.js";
import { platformErrors } from "./faults.js";
import { APP, GUILD, eventually, seedInfluencer, startHarness, until, type Harness } from "./harness.js";

const USER = "3700000000000000001";
const DM = "5700000000000000001";
const ana = { id: USER, locale: "en-US" };
const QUEUED = "discord interaction answer failed: queued by DM in the outbox";

type Failure = Parameters<FakeDiscord["fail"]>[1];

describe("discord interaction answers under platform faults", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await seedInfluencer(database, USER, { chatId: DM });
  });
  afterAll(async () => database.destroy());

  async function run(
    reply: (event: InboundEvent) => Promise<OutboundMessage[]> | OutboundMessage[],
    interaction: (fake: FakeDiscord) => { id: string; payload: unknown },
    failure: Failure | undefined,
    options: { deferAfterMs?: number } = {},
  ) {
    const metrics = new Metrics({ processMetrics: false });
    const captured = captureLog("warn");
    const h: Harness = await startHarness(database, reply, {
      log: captured.log,
      deferAfterMs: options.deferAfterMs ?? 2000,
      // the cap also bounds login and command registration: generous enough for a loaded machine
      adapter: { metrics, interactionTimeoutMs: 1500, interactionMaxWaitMs: 2000 },
    });
    try {
      const { id, payload } = interaction(h.fake);
      if (failure) h.fake.fail(id, failure);
      h.fake.dispatch("INTERACTION_CREATE", payload);
      await until(() => h.events.length > 0, "the event");
      await h.adapter.idle();
      const rows = await database.db.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `reply:discord:${id}:` } }, orderBy: { id: "asc" } });
      const texts = rows.map((r) => JSON.stringify((r.payload as { message: unknown }).message));
      return { h, rows, texts, line: captured.find(QUEUED)[0], errors: await platformErrors(metrics), stop: () => h.stop() };
    } catch (err) {
      await h.stop();
      throw err;
    }
  }

  const points = (id: string) => () => ({ id, payload: slashCommand(APP, id, ana, { channelId: DM }, "points") });
  const twoReplies = () => [textMessage("You have 40 points"), textMessage("Rank 3 of 12")];

  it("given the reply callback answered 503 past the retry then both replies are queued for the DM, logged with 503 and counted", async () => {
    const r = await run(twoReplies, points("9100000000000000001"), { kind: "server_error", status: 503, times: 10 });
    try {
      expect(r.rows.map((row) => [row.platform, row.recipient, row.purpose, row.dedupeKey])).toEqual([
        ["discord", DM, "reply.deferred", "reply:discord:9100000000000000001:0"],
        ["discord", DM, "reply.deferred", "reply:discord:9100000000000000001:1"],
      ]);
      expect(r.texts[0]).toContain("40 points");
      expect(r.texts[1]).toContain("Rank 3");
      expect(r.line).toMatchObject({ platform: "discord", code: "503", step: "reply", queued: 2 });
      expect(r.errors).toEqual({ "reply/503": 1 });
      // one try and one retry, nothing answered in place
      expect(r.h.fake.callsTo("POST", /^\/interactions\/9100000000000000001\//)).toHaveLength(2);
      expect(r.h.fake.messages.size).toBe(0);
    } finally {
      await r.stop();
    }
  });

  it("given the reply callback never answered then each try is capped and the replies are queued with a timeout code", async () => {
    const r = await run(twoReplies, points("9100000000000000002"), { kind: "hang", times: 10 });
    try {
      expect(r.rows).toHaveLength(2);
      expect(r.line).toMatchObject({ code: "ETIMEDOUT", step: "reply" });
      expect(r.errors).toEqual({ "reply/ETIMEDOUT": 1 });
    } finally {
      await r.stop();
    }
  });

  it("given a long 429 on the reply callback then it is not waited out: the replies are queued, logged with 429", async () => {
    const r = await run(twoReplies, points("9100000000000000003"), { kind: "rate_limited", retryAfter: 30, times: 10 });
    try {
      expect(r.rows).toHaveLength(2);
      expect(r.line).toMatchObject({ code: "429", step: "reply" });
      expect(r.errors).toEqual({ "reply/429": 1 });
    } finally {
      await r.stop();
    }
  });

  it("given a short 429 on the reply callback then it is waited out and answered in place, nothing queued", async () => {
    const r = await run(twoReplies, points("9100000000000000004"), { kind: "rate_limited", retryAfter: 0.2, times: 1 });
    try {
      expect(r.rows).toHaveLength(0);
      expect(r.errors).toEqual({});
      expect([...r.h.fake.messages.values()].map((m) => m.content)).toEqual(["You have 40 points", "Rank 3 of 12"]);
    } finally {
      await r.stop();
    }
  });

  it("given the reply went through but its follow-up answered 503 then only the follow-up is queued", async () => {
    const r = await run(twoReplies, points("9100000000000000005"), { kind: "server_error", status: 503, times: 10, after: 1 });
    try {
      expect(r.rows.map((row) => row.dedupeKey)).toEqual(["reply:discord:9100000000000000005:0"]);
      expect(r.texts[0]).toContain("Rank 3");
      expect(r.line).toMatchObject({ code: "503", step: "followUp", queued: 1 });
      expect([...r.h.fake.messages.values()].map((m) => m.content)).toEqual(["You have 40 points"]);
    } finally {
      await r.stop();
    }
  });

  it("given a button whose in-place update answered 503 then the updated card comes by DM", async () => {
    const card = (): OutboundMessage => ({ ...message([paragraph("Mission accepted")]), replace: "message" });
    const r = await run(
      () => [card()],
      () => ({ id: "9100000000000000006", payload: buttonPress(APP, "9100000000000000006", ana, { channelId: DM }, "mission.accept:7") }),
      { kind: "server_error", status: 502, times: 10 },
    );
    try {
      expect(r.rows.map((row) => row.recipient)).toEqual([DM]);
      expect(r.texts[0]).toContain("Mission accepted");
      expect(r.line).toMatchObject({ code: "502", step: "update" });
    } finally {
      await r.stop();
    }
  });

  it("given a slow engine (deferred) whose editReply never answered then the answer comes by DM", async () => {
    const slow = async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return [textMessage("Here are your missions")];
    };
    // the deferral (the first callback) goes through; the edit of the original hangs
    const r = await run(slow, points("9100000000000000007"), { kind: "hang", times: 10, after: 1 }, { deferAfterMs: 50 });
    try {
      expect(r.rows).toHaveLength(1);
      expect(r.texts[0]).toContain("Here are your missions");
      expect(r.line).toMatchObject({ code: "ETIMEDOUT", step: "editReply" });
    } finally {
      await r.stop();
    }
  });

  it("given a guild command whose ephemeral answer failed then the answer comes to the DM channel", async () => {
    const id = "9100000000000000008";
    const r = await run(twoReplies, () => ({ id, payload: slashCommand(APP, id, ana, { guildId: GUILD, channelId: "6100000000000000001" }, "points") }), {
      kind: "server_error",
      times: 10,
    });
    try {
      expect(r.rows.map((row) => row.recipient)).toEqual([DM, DM]);
    } finally {
      await r.stop();
    }
  });

  it("given a modal that could not be opened then the form comes by DM behind a button that opens it", async () => {
    const form: OutboundMessage = {
      ...message([paragraph("Paste the link of your post")]),
      form: { id: "submit.link", title: "The link of your post", submitLabel: "Send", state: "7", fields: [{ id: "url", label: "Link", kind: "url", required: true }] },
    };
    const id = "9100000000000000009";
    const r = await run(() => [form], () => ({ id, payload: buttonPress(APP, id, ana, { channelId: DM }, "submit.start:7") }), { kind: "server_error", times: 10 });
    try {
      expect(r.line).toMatchObject({ code: "503", step: "showModal" });
      expect(r.rows).toHaveLength(1);
      // The outbox delivers it: the question, and a button named after the form.
      const clock = new FakeClock();
      await drainAll(database, clock, testDispatcher(database, clock, [r.h.adapter]));
      const posted = await eventually(async () => r.h.fake.lastMessage(DM), "the DM");
      expect(posted.content).toBe("Paste the link of your post");
      const button = posted.components[0]!.components[0]!;
      expect(button.label).toBe("The link of your post");
      // The button opens the modal (the form waits in the database).
      const clickId = "9100000000000000010";
      r.h.fake.dispatch("INTERACTION_CREATE", buttonPress(APP, clickId, ana, { channelId: DM }, button.custom_id!, posted));
      await until(() => r.h.fake.callsTo("POST", new RegExp(`^/interactions/${clickId}/`))[0], "the modal");
      const callback = r.h.fake.callsTo("POST", new RegExp(`^/interactions/${clickId}/`))[0]!.body as { type: number; data: { custom_id: string } };
      expect(callback).toMatchObject({ type: 9, data: { custom_id: "form:submit.link:7" } });
    } finally {
      await r.stop();
    }
  });
});
