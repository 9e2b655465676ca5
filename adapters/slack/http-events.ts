// POST /slack/events as a Hono sub-app in front of Bolt's HTTPReceiver. Checked here, in this
// order, before Bolt sees anything:
//   1. the body size (413), read once as the exact bytes the signature covers;
//   2. the timestamp: more than 5 minutes away IN EITHER DIRECTION is refused (401) — Bolt only
//      refuses old ones, so a captured request signed "in the future" could be replayed later;
//   3. the v0 signature, HMAC-SHA256 over "v0:<timestamp>:<body>", constant-time (401);
//   4. the body: JSON for events, form fields (with a JSON `payload` for interactions) — anything
//      that does not parse to an object is a 400 with a warning, and nothing is handled.
// Then Bolt's own request listener runs on the raw Node request/response with the buffered body
// (`rawBody`, which Bolt reads instead of the stream), and answers the ack as before.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Hono } from "hono";
import type { HttpBindings } from "@hono/node-server";
import { readRawBody, refusal } from "../../src/http/body.js";
import { alreadySent, finished } from "../../src/http/server.js";
import type { Logger } from "../../src/logger.js";

export const SLACK_EVENTS_PATH = "/slack/events";
/** Slack's own replay window. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type CheckResult = { ok: true } | { ok: false; status: 400 | 401; reason: string };

/** The checks of steps 2–4 on a buffered request (pure, for tests). */
export function checkSlackRequest(input: { signingSecret: string; headers: Record<string, string | undefined>; body: string; nowSeconds: number }): CheckResult {
  const { headers, body } = input;
  const contentType = (headers["content-type"] ?? "").split(";")[0]!.trim();
  // ssl_check pings are unsigned; Bolt answers them and drops any other field.
  if (contentType === "application/x-www-form-urlencoded" && new URLSearchParams(body).get("ssl_check") === "1") return { ok: true };
  const stamp = headers["x-slack-request-timestamp"] ?? "";
  if (!/^\d{1,12}$/.test(stamp)) return { ok: false, status: 401, reason: "missing or malformed timestamp" };
  if (Math.abs(input.nowSeconds - Number(stamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, status: 401, reason: "timestamp outside the 5-minute window" };
  const expected = Buffer.from(`v0=${createHmac("sha256", input.signingSecret).update(`v0:${stamp}:${body}`).digest("hex")}`);
  const given = Buffer.from(headers["x-slack-signature"] ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 401, reason: "bad signature" };
  return parsesToObject(contentType, body) ? { ok: true } : { ok: false, status: 400, reason: "malformed body" };
}

function parsesToObject(contentType: string, body: string): boolean {
  try {
    if (contentType === "application/x-www-form-urlencoded") {
      const payload = new URLSearchParams(body).get("payload");
      return payload === null || isObject(JSON.parse(payload));
    }
    return isObject(JSON.parse(body));
  } catch {
    return false;
  }
}

const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

export interface SlackEventsOptions {
  signingSecret: string;
  /** Bolt's HTTPReceiver.requestListener */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** false once the adapter stops (503: Slack retries elsewhere or later) */
  accepting: () => boolean;
  log: Logger;
  /** seconds since epoch; wall time by default (signatures are about real time, not the app clock) */
  now?: () => number;
}

export function slackEventsRoutes(options: SlackEventsOptions): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.post(SLACK_EVENTS_PATH, async (c) => {
    if (!options.accepting()) return c.body(null, 503);
    const raw = Buffer.from(await readRawBody(c));
    const headers = Object.fromEntries(["content-type", "x-slack-request-timestamp", "x-slack-signature"].map((h) => [h, c.req.header(h)]));
    const nowSeconds = options.now ? options.now() : Math.floor(Date.now() / 1000);
    const check = checkSlackRequest({ signingSecret: options.signingSecret, headers, body: raw.toString("utf8"), nowSeconds });
    if (!check.ok) {
      options.log.warn({ status: check.status, reason: check.reason }, "slack: request refused");
      throw refusal(check.status, check.status === 401 ? "unauthorized" : "invalid_body", check.reason);
    }
    const { incoming, outgoing } = c.env;
    (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
    options.listener(incoming, outgoing);
    await finished(outgoing);
    return alreadySent();
  });
  return app;
}
