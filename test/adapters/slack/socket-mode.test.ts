// Socket Mode: the real Bolt SocketModeReceiver connects to the fake's WebSocket (URL from
// apps.connections.open), receives envelopes and acks them over the socket.
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.js";
import { FakeClock } from "../../../src/clock.js";
import { message, paragraph } from "../../../src/engine/message.js";
import type { InboundEvent } from "../../../src/engine/events.js";
import { SlackAdapter } from "../../../adapters/slack/transport.js";
import { FakeSlackWebApi } from "../../fakes/slack-web-api.js";
import { dmEvent, slashCommand } from "./slack-requests.js";

describe("slack transport (Socket Mode)", () => {
  let fake: FakeSlackWebApi | undefined;
  let adapter: SlackAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it("given an app token then the adapter connects over the socket, answers a command in its ack and a DM by message", async () => {
    fake = await new FakeSlackWebApi("xoxb-test-token").listen();
    const events: InboundEvent[] = [];
    adapter = new SlackAdapter({ botToken: "xoxb-test-token", appToken: "xapp-test-token", apiUrl: fake.apiUrl, log: silentLogger, clock: new FakeClock() });
    await adapter.start(async (e) => {
      events.push(e);
      return [message([paragraph(`you said ${e.payload.type}`)])];
    });
    expect(fake.callsTo("apps.connections.open")).toHaveLength(1);
    expect(fake.connectedSockets).toBe(1);

    // A command in the DM: acked over the socket, answered as a normal DM message (not ephemeral).
    const ack = (await fake.sendEnvelope("slash_commands", slashCommand("points", { channel: "DINFLUENCER1", user: "UINFLUENCER1" }))) as Record<string, unknown> | undefined;
    expect(JSON.stringify(ack ?? {})).not.toContain("you said");
    const [answer] = await fake.waitFor("chat.postMessage", (c) => JSON.stringify(c.args).includes("you said command"));
    expect(answer!.args.channel).toBe("DINFLUENCER1");

    await fake.sendEnvelope("events_api", dmEvent("hello", { eventId: "EvSOCK" }), { retry_attempt: 0 });
    const [post] = await fake.waitFor("chat.postMessage", (c) => JSON.stringify(c.args).includes("you said text"));
    expect(post!.args.channel).toBe("DINFLUENCER1");
    expect(events.map((e) => [e.id, e.payload.type])).toEqual([[expect.stringMatching(/^slack:cmd:/), "command"], ["slack:EvSOCK", "text"]]);
  });
});
