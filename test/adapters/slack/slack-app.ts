// The Slack test set-up shared by the end-to-end Slack suites: a fake Slack Web API, a fresh
// database for the provider, the real app with the Slack adapter (HTTP mode, signed requests to
// /slack/events), torn down after the suite. Register it inside a describe block; the returned
// object is filled in by its beforeAll.
import { afterAll, beforeAll } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { FakeClock } from "../../../src/clock.js";
import { slackFactory } from "../../../adapters/slack/index.js";
import { createTestDatabaseUrl, type testProviders } from "../../helpers/db.js";
import { FakeSlackWebApi, type SlackCall } from "../../fakes/slack-web-api.js";
import { formBody, SIGNING_SECRET, signedPost, slashCommand } from "./slack-requests.js";

export const SLACK_TOKEN = "xoxb-test-token";

/** A call's blocks (or all its arguments) as text, for `toContain` checks. */
export const callText = (c: SlackCall | undefined) => JSON.stringify(c?.args.blocks ?? c?.args ?? {});

export interface SlackAppOptions {
  /** more env, read when the suite starts (e.g. another fake's URL) */
  env?: () => Record<string, string>;
  /** set the fake up before the app starts (members, locales, time zones) */
  prepare?: (slack: FakeSlackWebApi) => void;
  clock?: FakeClock;
}

export interface SlackApp {
  app: RunningApp;
  slack: FakeSlackWebApi;
  clock: FakeClock;
  /** POST /slack/events */
  url: string;
  /** a signed slash command (form fields) */
  command(fields: Record<string, string>): Promise<Response>;
  /** a signed interaction (button, modal submit) */
  interact(payload: unknown): Promise<Response>;
  /** a signed Events API callback */
  event(body: unknown): Promise<Response>;
}

export function slackAppPerSuite(provider: ReturnType<typeof testProviders>[number], options: SlackAppOptions = {}): SlackApp {
  let drop: (() => Promise<void>) | undefined;
  const harness = {
    clock: options.clock ?? new FakeClock("2026-01-05T09:00:00Z"),
    command: (fields: Record<string, string>) => signedPost(harness.url, formBody(fields)),
    interact: (payload: unknown) => signedPost(harness.url, formBody({ payload: JSON.stringify(payload) })),
    event: (body: unknown) => signedPost(harness.url, JSON.stringify(body), { contentType: "application/json" }),
  } as SlackApp;

  beforeAll(async () => {
    harness.slack = await new FakeSlackWebApi(SLACK_TOKEN).listen();
    options.prepare?.(harness.slack);
    const db = await createTestDatabaseUrl(provider);
    drop = db.drop;
    const config = testConfig({
      DATABASE_URL: db.url, PORT: "0", SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: harness.slack.apiUrl, ...options.env?.(),
    });
    harness.app = await startApp(config, silentLogger, [slackFactory], harness.clock);
    harness.url = `http://127.0.0.1:${harness.app.port}/slack/events`;
  });
  afterAll(async () => {
    await harness.app?.stop();
    await harness.slack?.close();
    await drop?.();
  });
  return harness;
}

/**
 * `/advo <text>` from `user` (default `defaultUser`), answered: the ack's body, or — past the ack
 * budget on a loaded machine — what was sent to the command's response_url, as JSON text.
 */
export function commandAnswers(harness: SlackApp, defaultUser: string, prefix = "answer"): (text: string, user?: string) => Promise<string> {
  let asked = 0;
  return async (text, user = defaultUser) => {
    const name = `${prefix}${++asked}`;
    const body = await (await harness.command(slashCommand(text, { user, responseUrl: harness.slack.responseUrl(name) }))).text();
    if (body.includes("blocks")) return body;
    const [late] = await harness.slack.waitFor(`respond:${name}`);
    return JSON.stringify(late!.args);
  };
}
