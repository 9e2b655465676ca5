// A recording fake chat for engine tests: simulated users send text, commands and button presses
// to a real engine on a real test database; every reply is recorded as plain text + buttons.
import { createEngine, type Engine, type EngineOptions } from "../../src/engine/engine.js";
import type { InboundEvent } from "../../src/engine/events.js";
import { toPlainText, type Button, type OutboundMessage } from "../../src/engine/message.js";
import type { Deps } from "../../src/services/deps.js";
import { splitVersion } from "../../src/engine/button-versions.js";

let eventSeq = 0;

export interface Reply {
  text: string;
  buttons: Button[];
  message: OutboundMessage;
}

export class FakeUser {
  /** every reply this user received, in order */
  readonly transcript: Reply[] = [];
  last: Reply[] = [];

  constructor(
    private engine: Engine,
    readonly id: string,
    private readonly locale?: string,
  ) {}

  /** the same user talking to another engine instance (a restarted process) */
  useEngine(engine: Engine): void {
    this.engine = engine;
  }

  event(payload: InboundEvent["payload"], id = `test:${++eventSeq}`): InboundEvent {
    return {
      id,
      platform: "console",
      conversation: `console:${this.id}`,
      chatType: "private",
      author: { id: this.id, name: this.id, username: this.id, isBot: false, ...(this.locale ? { locale: this.locale } : {}) },
      payload,
      receivedAt: new Date(),
    };
  }

  async sendEvent(event: InboundEvent): Promise<Reply[]> {
    // A "buttons" edit only changes the keyboard of an earlier message: not a reply to read.
    const out = (await this.engine.handle(event)).filter((m) => m.replace !== "buttons");
    this.last = out.map((m) => ({ text: toPlainText(m), buttons: (m.buttons ?? []).flat(), message: m }));
    this.transcript.push(...this.last);
    return this.last;
  }

  say(text: string): Promise<Reply[]> {
    return this.sendEvent(this.event({ type: "text", text }));
  }

  command(line: string): Promise<Reply[]> {
    const [name = "", ...args] = line.replace(/^\//, "").split(/\s+/);
    return this.sendEvent(this.event({ type: "command", name: name.toLowerCase(), args, argText: args.join(" ") }));
  }

  action(id: string, payload?: string): Promise<Reply[]> {
    return this.sendEvent(this.event({ type: "action", id, ...(payload ? { payload } : {}) }));
  }

  /** presses the button from the last replies whose action (and payload, if given) match */
  press(action: string, payload?: string): Promise<Reply[]> {
    const b = this.last.flatMap((r) => r.buttons).find((x) => splitVersion(x.action).id === action && (payload === undefined || x.payload === payload));
    if (!b) throw new Error(`no button ${action}${payload ? `(${payload})` : ""} in: ${JSON.stringify(this.last.map((r) => r.buttons))}`);
    return this.action(b.action, b.payload);
  }

  lastText(): string {
    return this.last.map((r) => r.text).join("\n---\n");
  }
}

export function testEngine(deps: Deps, options: EngineOptions = {}): Engine {
  return createEngine(deps, options);
}
