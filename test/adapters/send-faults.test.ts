// Faults on the outbox send paths of Slack and Discord over real HTTP: the platform unreachable
// (connection refused), a platform that never answers (timeout) and 5xx answers. Each comes back
// as a `retry` whose error names the code (ECONNREFUSED, ETIMEDOUT, 503 …), transient network
// connection failures flagged for the dispatcher's quick first retry (an answer timeout is not:
// the message may have arrived).
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebClient } from "@slack/web-api";
import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { textMessage } from "../../src/engine/message.js";
import { silentLogger } from "../../src/logger.js";
import { SlackSender } from "../../adapters/slack/sender.js";
import { DiscordSender } from "../../adapters/discord/sender.js";
import { restPort } from "../../adapters/discord/transport.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { captureLog } from "../helpers/log-capture.js";

/** A server that either hangs every request or answers it with `status`. */
async function badServer(mode: "hang" | number): Promise<{ url: string; close(): Promise<void> }> {
  const parked: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    if (mode === "hang") return void parked.push(res);
    res.writeHead(mode, { "content-type": "application/json" }).end(JSON.stringify({ message: "upstream down", code: 0 }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const p of parked) p.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("outbox send faults on Slack and Discord", () => {
  let database: TestDatabase;
  const servers: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await database.destroy();
  });

  const slack = (apiUrl: string, timeout = 10_000) =>
    new SlackSender(new WebClient("xoxb-test", { slackApiUrl: `${apiUrl}/api/`, rejectRateLimitedCalls: true, timeout, retryConfig: { retries: 0 }, logger: { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => "error" as never, setName() {} } as never }));
  const discord = (api: string, timeout = 10_000, log = silentLogger) =>
    new DiscordSender({ rest: restPort(new REST({ api: `${api}/api`, timeout, retries: 0 }).setToken("fake-token")), db: database.db, log, clock: new FakeClock() });

  it("given Slack unreachable then retry with ECONNREFUSED, flagged transient", async () => {
    const r = await slack(`http://127.0.0.1:${await closedPort()}`).send("C1", textMessage("x"));
    expect(r).toMatchObject({ status: "retry", transient: true, error: expect.stringContaining("ECONNREFUSED") });
  });

  it("given Slack that never answers then retry with a timeout code, within the client timeout", async () => {
    const hang = await badServer("hang");
    servers.push(hang);
    const r = await slack(hang.url, 300).send("C1", textMessage("x"));
    expect(r).toMatchObject({ status: "retry", error: expect.stringMatching(/slack network (ECONNABORTED|ETIMEDOUT)/) });
  });

  it("given Slack answering 503 then retry with the status", async () => {
    const down = await badServer(503);
    servers.push(down);
    expect(await slack(down.url).send("C1", textMessage("x"))).toMatchObject({ status: "retry", error: "http_503" });
  });

  it("given Discord unreachable then retry with ECONNREFUSED, transient, and a log line with the code", async () => {
    const captured = captureLog("warn");
    const r = await discord(`http://127.0.0.1:${await closedPort()}`, 10_000, captured.log).send("123456789012345678", textMessage("x"));
    expect(r).toMatchObject({ status: "retry", transient: true, error: expect.stringContaining("ECONNREFUSED") });
    expect(captured.find("discord send failed on the network")[0]).toMatchObject({ code: "ECONNREFUSED" });
    expect(JSON.stringify(captured.lines)).not.toContain("fake-token");
  });

  it("given Discord that never answers then retry with ETIMEDOUT within the REST timeout, normal backoff (it may have arrived)", async () => {
    const hang = await badServer("hang");
    servers.push(hang);
    const r = await discord(hang.url, 300).send("123456789012345678", textMessage("x"));
    expect(r).toMatchObject({ status: "retry", transient: false, error: expect.stringContaining("ETIMEDOUT") });
  });

  it("given Discord answering 503 then retry with the status, not transient (the platform is down, not a socket)", async () => {
    const down = await badServer(503);
    servers.push(down);
    const r = await discord(down.url).send("123456789012345678", textMessage("x"));
    expect(r).toMatchObject({ status: "retry", error: expect.stringMatching(/^discord (http )?503/) });
    expect((r as { transient?: boolean }).transient).toBeFalsy();
  });
});
