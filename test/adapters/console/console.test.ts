// The console transport in-process: lines become events for the simulated user, numbers press
// the buttons of the last reply, "/as" switches user, and when it starts with `npm start`.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConsoleAdapter } from "../../../adapters/console/transport.js";
import { renderConsoleMessage } from "../../../adapters/console/render.js";
import { wantsConsole } from "../../../adapters/console/index.js";
import { testConfig } from "../../../src/config.js";
import type { InboundEvent, OutboundMessage } from "../../../adapters/adapter.js";

describe("console adapter", () => {
  it("given a message with buttons then it renders readable text and numbered choices across rows", () => {
    const r = renderConsoleMessage({
      blocks: [{ type: "paragraph", content: [{ bold: "Title" }, " and *literal* text"] }, { type: "list", items: [["one"], ["two"]] }],
      buttons: [[{ action: "a", label: "Yes" }, { action: "b", label: "No" }], [{ action: "c", label: "Site", url: "https://example.com" }, { action: "d", label: "More" }]],
    });
    expect(r.text).toBe("*Title* and *literal* text\n  • one\n  • two\n\n[1] Yes  [2] No\n\n[Site: https://example.com]  [3] More");
    expect(r.choices.map((c) => c.action)).toEqual(["a", "b", "d"]);
  });

  it("given scripted lines then commands, button numbers and /as become the right events for the right user", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => (printed += d.toString()));
    const seen: InboundEvent[] = [];
    const adapter = new ConsoleAdapter({ input, output, user: "Ana", locale: "es" });
    await adapter.start(async (e): Promise<OutboundMessage[]> => {
      seen.push(e);
      return [{ blocks: [{ type: "paragraph", content: ["ok"] }], buttons: [[{ action: "mission.accept", label: "Accept", payload: "7" }]] }];
    });
    input.end("/start CODE 1\n1\nhello there\n/as Bruno\n1\n\n");
    await adapter.done();
    expect(seen.map((e) => [e.conversation, e.author.id, e.payload])).toEqual([
      ["console:ana", "ana", { type: "command", name: "start", args: ["CODE", "1"], argText: "CODE 1" }],
      ["console:ana", "ana", { type: "action", id: "mission.accept", payload: "7" }],
      ["console:ana", "ana", { type: "text", text: "hello there" }],
      // after /as the previous user's buttons are gone: "1" is plain text for Bruno
      ["console:bruno", "bruno", { type: "text", text: "1" }],
    ]);
    expect(new Set(seen.map((e) => e.id)).size).toBe(4);
    expect(seen[0]?.author.locale).toBe("es");
    expect(printed).toContain('(you are now "bruno")');
    expect(printed).toContain("bot> ok");
  });

  it("given the environment then npm start opens the console only without platform credentials in a terminal, unless CONSOLE says otherwise", () => {
    expect(wantsConsole({ config: testConfig({}) }, true)).toBe(true);
    expect(wantsConsole({ config: testConfig({}) }, false)).toBe(false);
    expect(wantsConsole({ config: testConfig({ CONSOLE: "off" }) }, true)).toBe(false);
    expect(wantsConsole({ config: testConfig({ CONSOLE: "on" }) }, false)).toBe(true);
    expect(wantsConsole({ config: testConfig({ TELEGRAM_BOT_TOKEN: "123:abc" }) }, true)).toBe(false);
  });
});
