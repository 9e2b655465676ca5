// Slack HTTP mode hardening over real HTTP with the real Bolt App behind Advo's server: requests
// signed with a timestamp more than 5 minutes away in either direction are refused before Bolt
// sees them; validly signed bodies that do not parse are a 400 with no error log; oversize is 413.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HttpServer } from "../../../src/http/server.js";
import { FakeClock } from "../../../src/clock.js";
import { message, paragraph } from "../../../src/engine/message.js";
import type { InboundEvent } from "../../../src/engine/events.js";
import { SlackAdapter } from "../../../adapters/slack/transport.js";
import { checkSlackRequest } from "../../../adapters/slack/http-events.js";
import { FakeSlackWebApi } from "../../fakes/slack-web-api.js";
import { capturingLogger, type CapturedLog } from "../../helpers/log.js";
import { dmEvent, formBody, sign, SIGNING_SECRET, signedPost, slashCommand } from "./slack-requests.js";

const TOKEN = "xoxb-test-token";
const now = () => Math.floor(Date.now() / 1000);

describe("slack HTTP events: timestamps and malformed bodies", () => {
  let fake: FakeSlackWebApi;
  let http: HttpServer;
  let adapter: SlackAdapter;
  let url: string;
  let events: InboundEvent[];
  let logs: CapturedLog;

  beforeEach(async () => {
    fake = await new FakeSlackWebApi(TOKEN).listen();
    logs = capturingLogger();
    http = new HttpServer(logs.log);
    events = [];
    adapter = new SlackAdapter({ botToken: TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, log: logs.log, clock: new FakeClock(), http });
    await adapter.start(async (e) => {
      events.push(e);
      return [message([paragraph("ok")])];
    });
    url = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/slack/events`;
  });
  afterEach(async () => {
    await http.close();
    await adapter.stop();
    await fake.close();
  });

  it("given a validly signed request 6 minutes in the future or the past then 401 and nothing is handled; 4 minutes either way is accepted", async () => {
    const body = formBody(slashCommand("help"));
    expect((await signedPost(url, body, { timestamp: now() + 6 * 60 })).status).toBe(401);
    expect((await signedPost(url, body, { timestamp: now() - 6 * 60 })).status).toBe(401);
    expect(events).toHaveLength(0);
    expect((await signedPost(url, formBody(slashCommand("help")), { timestamp: now() + 4 * 60 })).status).toBe(200);
    expect((await signedPost(url, formBody(slashCommand("help")), { timestamp: now() - 4 * 60 })).status).toBe(200);
    expect(events).toHaveLength(2);
  });

  it("given a missing or non-numeric timestamp then 401", async () => {
    const body = JSON.stringify(dmEvent("hi"));
    for (const stamp of ["", "soon", "1e9", "-5"]) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-slack-request-timestamp": stamp, "x-slack-signature": sign(SIGNING_SECRET, now(), body) }, body });
      expect(res.status, stamp).toBe(401);
    }
    expect(events).toHaveLength(0);
  });

  it("given validly signed bodies that do not parse to an object then 400, a warning at most, nothing handled", async () => {
    const cases: [string, string][] = [
      ["{not json", "application/json"],
      ["null", "application/json"],
      ["[]", "application/json"],
      ["42", "application/json"],
      [formBody({ payload: "{broken" }), "application/x-www-form-urlencoded"],
      [formBody({ payload: "null" }), "application/x-www-form-urlencoded"],
    ];
    for (const [body, contentType] of cases) expect((await signedPost(url, body, { contentType })).status, body).toBe(400);
    expect(events).toHaveLength(0);
    expect(logs.errors()).toEqual([]);
    // a forged signature on a malformed body is a 401: the signature comes first
    expect((await signedPost(url, "{not json", { contentType: "application/json", secret: "wrong" })).status).toBe(401);
  });

  it("given a body over the cap then 413 and nothing handled", async () => {
    const body = formBody(slashCommand("x".repeat(1_100_000)));
    expect((await signedPost(url, body)).status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it("given Slack's url_verification and ssl_check then Bolt still answers them", async () => {
    const challenge = await signedPost(url, JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" }), { contentType: "application/json" });
    expect(challenge.status).toBe(200);
    expect(await challenge.json()).toEqual({ challenge: "c-123" });
    const ssl = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "ssl_check=1&token=x" });
    expect(ssl.status).toBe(200);
  });
});

describe("checkSlackRequest", () => {
  const body = "a=1";
  const at = 1_800_000_000;
  const headers = (ts: number, sig = sign(SIGNING_SECRET, ts, body)) => ({ "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": sig });
  it("given the window edges then exactly 300 s either way passes and 301 s is refused", () => {
    for (const ts of [at - 300, at + 300]) expect(checkSlackRequest({ signingSecret: SIGNING_SECRET, headers: headers(ts), body, nowSeconds: at })).toEqual({ ok: true });
    for (const ts of [at - 301, at + 301]) expect(checkSlackRequest({ signingSecret: SIGNING_SECRET, headers: headers(ts), body, nowSeconds: at })).toMatchObject({ ok: false, status: 401 });
  });
});
