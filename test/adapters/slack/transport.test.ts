// The real Bolt App (HTTPReceiver mounted on Advo's HTTP server) receiving correctly signed
// requests over real HTTP, with the Web API pointed at the local fake. The engine side is the
// test's own handler here (it records events and answers like the engine would); the manager
// scenario with the real engine lives in manager-console.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HttpServer } from "../../../src/http/server.js";
import { silentLogger } from "../../../src/logger.js";
import { FakeClock } from "../../../src/clock.js";
import { message, paragraph, bold, type OutboundMessage } from "../../../src/engine/message.js";
import type { InboundEvent } from "../../../src/engine/events.js";
import { SlackAdapter } from "../../../adapters/slack/transport.js";
import { FakeSlackWebApi } from "../../fakes/slack-web-api.js";
import { blockAction, dmEvent, formBody, memberEvent, SIGNING_SECRET, signedPost, slashCommand, viewSubmission } from "./slack-requests.js";
import { encodeOrigin } from "../../../adapters/slack/modal.js";

const TOKEN = "xoxb-test-token";

describe("slack transport (HTTP mode)", () => {
  let fake: FakeSlackWebApi;
  let http: HttpServer;
  let adapter: SlackAdapter;
  let url: string;
  let events: InboundEvent[];
  let answer: (e: InboundEvent) => Promise<OutboundMessage[]>;
  let synced: string[][];

  async function boot(ackBudgetMs = 2500) {
    adapter = new SlackAdapter({
      botToken: TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, managerChannel: "CMANAGERS", log: silentLogger, clock: new FakeClock(),
      http, ackBudgetMs, syncManagers: async (ids) => void synced.push(ids), isManager: async (id) => id.startsWith("UMANAGER"),
    });
    await adapter.start(async (e) => {
      events.push(e);
      return answer(e);
    });
    url = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/slack/events`;
  }

  beforeEach(async () => {
    fake = await new FakeSlackWebApi(TOKEN).listen();
    fake.members = ["UMANAGER1", "UBOT", "UMANAGER2"];
    fake.userLocales.set("UMANAGER1", "es-ES");
    http = new HttpServer(silentLogger);
    events = [];
    synced = [];
    answer = async () => [message([paragraph("Hello ", bold("Maria"), " <3")])];
  });
  afterEach(async () => {
    await http.close();
    await adapter.stop();
    await fake.close();
  });

  it("given a start then auth.test is called and the manager channel's members (without the bot) are synced", async () => {
    await boot();
    expect(fake.callsTo("auth.test").length).toBeGreaterThanOrEqual(1);
    expect(fake.callsTo("conversations.members")[0]!.args).toMatchObject({ channel: "CMANAGERS" });
    expect(synced).toEqual([["UMANAGER1", "UMANAGER2"]]);
  });

  it("given a forged or a stale signature then the request is refused with 401 and nothing is handled", async () => {
    await boot();
    const body = formBody(slashCommand("help"));
    expect((await signedPost(url, body, { secret: "wrong-secret" })).status).toBe(401);
    expect((await signedPost(url, body, { signature: "v0=deadbeef" })).status).toBe(401);
    expect((await signedPost(url, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect(events).toHaveLength(0);
    expect((await signedPost(url, body)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it("given a signed /advo command then the engine gets the command and its answer rides in the ack, escaped and ephemeral", async () => {
    await boot();
    const res = await signedPost(url, formBody(slashCommand("mission list")));
    expect(res.status).toBe(200);
    expect(events[0]!.payload).toEqual({ type: "command", name: "advo", args: ["mission", "list"], argText: "mission list" });
    // locale hint from users.info (once per user)
    expect(events[0]!.author.locale).toBe("es-ES");
    await signedPost(url, formBody(slashCommand("help")));
    expect(fake.callsTo("users.info")).toHaveLength(1);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.response_type).toBe("ephemeral");
    expect(JSON.stringify(body.blocks)).toContain("Hello *Maria* &lt;3");
  });

  it("given more cards than one Slack message holds then the rest follow through response_url", async () => {
    await boot();
    answer = async () => Array.from({ length: 12 }, (_, i) => message([paragraph(`card ${i}`), paragraph("a"), paragraph("b"), paragraph("c")], { buttons: [[{ action: "review.approve", label: "Approve", payload: String(i) }]] }));
    const res = await signedPost(url, formBody(slashCommand("review", { responseUrl: fake.responseUrl("more") })));
    expect(JSON.stringify(await res.json())).toContain("card 0");
    const [more] = await fake.waitFor("respond:more");
    expect(more!.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(more!.args.blocks)).toContain("card 11");
  });

  it("given an engine slower than the ack budget then the ack is empty and the answer follows through response_url", async () => {
    await boot(50);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    answer = async () => {
      await gate;
      return [message([paragraph("late answer")])];
    };
    const res = await signedPost(url, formBody(slashCommand("stats", { responseUrl: fake.responseUrl("cmd1") })));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    release();
    const [call] = await fake.waitFor("respond:cmd1");
    expect(JSON.stringify(call!.args)).toContain("late answer");
  });

  it("given a modal submission the engine answers late then the modal closes at once and the answer is posted to the form's channel", async () => {
    await boot(50);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    answer = async () => {
      await gate;
      return [message([paragraph("saved, finally")], { ephemeral: true })];
    };
    const sub = viewSubmission("mission.form", { title: "x" }, { privateMetadata: encodeOrigin({ state: "new", channel: "CMANAGERS" }) });
    const res = await signedPost(url, formBody({ payload: JSON.stringify(sub) }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    release();
    const [eph] = await fake.waitFor("chat.postEphemeral");
    expect(eph!.args).toMatchObject({ channel: "CMANAGERS", user: "UMANAGER1" });
    expect(JSON.stringify(eph!.args.blocks)).toContain("saved, finally");
  });

  it("given an answer carrying a form then a modal opens with the command's trigger_id", async () => {
    await boot();
    answer = async () => [{ blocks: [], form: { id: "mission.new", title: "New mission", submitLabel: "Preview", fields: [{ id: "title", label: "Title", kind: "text", required: true }] } }];
    const cmd = slashCommand("mission new");
    await signedPost(url, formBody(cmd));
    const [open] = await fake.waitFor("views.open");
    expect(open!.args.trigger_id).toBe(cmd.trigger_id);
    expect(open!.args.view).toMatchObject({ type: "modal", callback_id: "mission.new", blocks: [{ type: "input", block_id: "title" }] });
  });

  it("given a modal submission the engine rejects then the ack returns the field errors", async () => {
    await boot();
    answer = async () => [{ blocks: [], form: { id: "mission.new", title: "New", submitLabel: "Go", fields: [{ id: "points", label: "Points", kind: "text", required: true, error: "A whole number" }, { id: "title", label: "Title", kind: "text", required: true }] } }];
    const sub = viewSubmission("mission.new", { title: "Spring", points: "lots" }, { privateMetadata: encodeOrigin({ state: "st", channel: "CMANAGERS" }) });
    const res = await signedPost(url, formBody({ payload: JSON.stringify(sub) }));
    expect(await res.json()).toEqual({ response_action: "errors", errors: { points: "A whole number" } });
    expect(events[0]!.payload).toEqual({ type: "form", formId: "mission.new", values: { title: "Spring", points: "lots", _state: "st" } });
  });

  it("given a button on a channel card then the answer replaces the card and an ephemeral answer goes to the presser only", async () => {
    await boot();
    const posted = await adapter.send("CMANAGERS", message([paragraph("Review #42")], { buttons: [[{ action: "review.approve", label: "Approve", payload: "42" }]] }));
    expect(posted.status).toBe("sent");
    const ts = (posted as { messageId: string }).messageId;
    answer = async () => [message([paragraph("Approved by Maria")]), message([paragraph("Done")], { ephemeral: true })];
    const res = await signedPost(url, formBody({ payload: JSON.stringify(blockAction("review.approve~0", "42", { messageTs: ts })) }));
    expect(res.status).toBe(200);
    const [update] = await fake.waitFor("chat.update");
    expect(update!.args).toMatchObject({ channel: "CMANAGERS", ts });
    expect(JSON.stringify(update!.args.blocks)).toContain("Approved by Maria");
    // the adapter adds who and when (Slack renders the mention and the date for each reader)
    expect((update!.args.blocks as Record<string, unknown>[]).at(-1)).toEqual({
      type: "context", elements: [{ type: "mrkdwn", text: "✓ <@UMANAGER1> · <!date^1767603600^{date_short_pretty} {time}|2026-01-05 09:00 UTC>" }],
    });
    const [eph] = await fake.waitFor("chat.postEphemeral");
    expect(eph!.args).toMatchObject({ channel: "CMANAGERS", user: "UMANAGER1" });
    expect(events[0]!.payload).toEqual({ type: "action", id: "review.approve", payload: "42", messageId: ts });
  });

  it("given a button on an ephemeral answer then in a channel the answer replaces it via response_url, in the bot's DM it is a new message", async () => {
    await boot();
    answer = async () => [message([paragraph("next step")])];
    await signedPost(url, formBody({ payload: JSON.stringify(blockAction("x.go~0", "1", { ephemeral: true, responseUrl: fake.responseUrl("eph") })) }));
    const [r] = await fake.waitFor("respond:eph");
    expect(r!.args).toMatchObject({ replace_original: true, response_type: "ephemeral" });
    await signedPost(url, formBody({ payload: JSON.stringify(blockAction("x.go~0", "1", { ephemeral: true, channel: "DINFLUENCER1", user: "UINFLUENCER1", responseUrl: fake.responseUrl("dm") })) }));
    const [p] = await fake.waitFor("chat.postMessage", (c) => c.args.channel === "DINFLUENCER1");
    expect(JSON.stringify(p!.args.blocks)).toContain("next step");
    expect(fake.callsTo("respond:dm")).toHaveLength(0);
  });

  it("given someone outside the manager channel presses a card button then the answer goes to them alone and the card stays", async () => {
    await boot();
    const posted = (await adapter.send("CMANAGERS", message([paragraph("Review #43")], { buttons: [[{ action: "review.approve", label: "Approve", payload: "43" }]] }))) as { messageId: string };
    answer = async () => [message([paragraph("Only managers can do that.")])];
    await signedPost(url, formBody({ payload: JSON.stringify(blockAction("review.approve~0", "43", { messageTs: posted.messageId, user: "UOUTSIDER" })) }));
    const [eph] = await fake.waitFor("chat.postEphemeral");
    expect(eph!.args).toMatchObject({ channel: "CMANAGERS", user: "UOUTSIDER" });
    expect(JSON.stringify(eph!.args.blocks)).toContain("Only managers");
    await adapter.stop();
    expect(fake.callsTo("chat.update")).toHaveLength(0);
  });

  it("given Slack retries an event (x-slack-retry-num) then it is processed once", async () => {
    await boot();
    const ev = dmEvent("hi", { eventId: "EvRETRY" });
    const json = { contentType: "application/json" };
    expect((await signedPost(url, JSON.stringify(ev), json)).status).toBe(200);
    expect((await signedPost(url, JSON.stringify(ev), { ...json, retryNum: 1 })).status).toBe(200);
    expect((await signedPost(url, JSON.stringify(ev), { ...json, retryNum: 2 })).status).toBe(200);
    await fake.waitFor("chat.postMessage", (c) => c.args.channel === "DINFLUENCER1");
    await adapter.stop();
    expect(events.map((e) => e.id)).toEqual(["slack:EvRETRY"]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("given a 429 on a reply then the interactive client waits the Retry-After and posts it", async () => {
    await boot();
    fake.fail("chat.postMessage", { rateLimited: 1 });
    await signedPost(url, JSON.stringify(dmEvent("hi")), { contentType: "application/json" });
    const posts = await fake.waitFor("chat.postMessage", () => true, 2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(posts[1]!.args.channel).toBe("DINFLUENCER1");
  });

  it("given someone joins the manager channel then the managers are synced again", async () => {
    await boot();
    fake.members = ["UMANAGER1", "UBOT", "UMANAGER2", "UNEW"];
    await signedPost(url, JSON.stringify(memberEvent("member_joined_channel", "UNEW", "CMANAGERS")), { contentType: "application/json" });
    await expect.poll(() => synced.length).toBe(2);
    expect(synced[1]).toEqual(["UMANAGER1", "UMANAGER2", "UNEW"]);
    await signedPost(url, JSON.stringify(memberEvent("member_joined_channel", "UX", "COTHER")), { contentType: "application/json" });
    await signedPost(url, JSON.stringify(dmEvent("ping")), { contentType: "application/json" });
    await fake.waitFor("chat.postMessage");
    expect(synced).toHaveLength(2);
  });
});

describe("slack send (outbox)", () => {
  let fake: FakeSlackWebApi;
  let adapter: SlackAdapter;
  beforeEach(async () => {
    fake = await new FakeSlackWebApi(TOKEN).listen();
    adapter = new SlackAdapter({ botToken: TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, log: silentLogger, clock: new FakeClock() });
  });
  afterEach(async () => {
    await adapter.stop();
    await fake.close();
  });

  it("given each Web API outcome then send reports sent with the ts, retry with Retry-After, unreachable or failed", async () => {
    const msg = message([paragraph("x")]);
    const sent = await adapter.send("CMANAGERS", msg);
    expect(sent).toMatchObject({ status: "sent", messageId: expect.stringMatching(/^\d+\.\d+$/) });
    fake.fail("chat.postMessage", { rateLimited: 7 });
    expect(await adapter.send("CMANAGERS", msg)).toMatchObject({ status: "retry", afterSeconds: 7 });
    for (const code of ["channel_not_found", "is_archived", "account_inactive", "not_in_channel"]) {
      fake.fail("chat.postMessage", { error: code });
      expect(await adapter.send("CMANAGERS", msg)).toEqual({ status: "unreachable", reason: code });
    }
    fake.fail("chat.postMessage", { error: "invalid_blocks" });
    expect(await adapter.send("CMANAGERS", msg)).toEqual({ status: "failed", error: "invalid_blocks", code: "invalid_blocks" });
    fake.fail("chat.postMessage", { status: 503 });
    expect(await adapter.send("CMANAGERS", msg)).toMatchObject({ status: "retry" });
    // 1 + 1 + 4 + 1 + 1: the outbox client never waits out a 429 itself
    expect(fake.callsTo("chat.postMessage")).toHaveLength(8);
  });

  it("given a user id as recipient then the DM is opened once and edits go to the same DM", async () => {
    const first = await adapter.send("UINFLUENCER1", message([paragraph("Welcome")]));
    await adapter.send("UINFLUENCER1", message([paragraph("Again")]));
    expect(fake.callsTo("conversations.open")).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage").map((c) => c.args.channel)).toEqual(["DINFLUENCER1", "DINFLUENCER1"]);
    const edited = await adapter.editMessage("UINFLUENCER1", (first as { messageId: string }).messageId, message([paragraph("Edited")]));
    expect(edited.status).toBe("sent");
    expect(fake.callsTo("chat.update")[0]!.args).toMatchObject({ channel: "DINFLUENCER1" });
  });
});
