// The console chat: reads lines (a terminal or a script on stdin), turns them into InboundEvents
// for a simulated user, prints the bot's replies. "/as <name>" switches the user; typing the
// number of a button presses it. It is also a MessageSender, so outbox messages addressed to a
// console user are printed too.
import { createInterface } from "node:readline";
import { randomBytes } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import type { Attachment, Button, ChatAdapter, EventHandler, InboundEvent, OutboundMessage, SendResult } from "../adapter.js";
import { renderConsoleMessage } from "./render.js";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** the first simulated user */
  user?: string;
  /** platform locale hint of the simulated users (e.g. "es") */
  locale?: string;
  /** print a prompt before each line (terminals only) */
  prompt?: boolean;
}

const userId = (name: string) => name.trim().toLowerCase().replace(/[^a-z0-9_.-]/g, "_").slice(0, 40) || "guest";

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = "console" as const;
  private user: string;
  private choices: Button[] = [];
  private seq = 0;
  private readonly session = randomBytes(3).toString("hex");
  private closed: Promise<void> | undefined;

  constructor(private readonly options: ConsoleOptions) {
    this.user = userId(options.user ?? "you");
  }

  /** Resolves when the input ends (EOF) and every line has been handled. */
  done(): Promise<void> {
    return this.closed ?? Promise.resolve();
  }

  async start(handler: EventHandler): Promise<void> {
    const rl = createInterface({ input: this.options.input, terminal: false });
    this.write(`Advo console — you are "${this.user}". Type /help, "/as <name>" to switch user, a number to press a button.`);
    this.closed = (async () => {
      this.prompt();
      // Lines are handled one at a time, in order, like a person typing.
      for await (const line of rl) {
        await this.handleLine(line, handler);
        this.prompt();
      }
    })();
  }

  async stop(): Promise<void> {
    this.options.input.pause();
  }

  async send(recipient: string, message: OutboundMessage): Promise<SendResult> {
    this.write(`[message for ${recipient}]`);
    this.print(message);
    return { status: "sent", messageId: `console-${++this.seq}` };
  }

  async sendFile(recipient: string, file: Attachment, caption?: string): Promise<SendResult> {
    return this.send(recipient, { blocks: caption ? [{ type: "paragraph", content: [caption] }] : [], attachment: file });
  }

  private async handleLine(raw: string, handler: EventHandler): Promise<void> {
    const line = raw.trim();
    if (!line) return;
    const as = /^\/as\s+(.+)$/i.exec(line);
    if (as?.[1]) {
      this.user = userId(as[1]);
      this.choices = [];
      this.write(`(you are now "${this.user}")`);
      return;
    }
    const replies = await handler(this.toEvent(line));
    this.choices = [];
    for (const r of replies) this.print(r);
  }

  toEvent(line: string): InboundEvent {
    const base = {
      id: `console:${this.session}:${++this.seq}`,
      platform: "console" as const,
      conversation: `console:${this.user}`,
      chatType: "private" as const,
      author: { id: this.user, name: this.user, username: this.user, isBot: false, ...(this.options.locale ? { locale: this.options.locale } : {}) },
      receivedAt: new Date(),
    };
    const n = /^\d{1,3}$/.test(line) ? Number(line) : NaN;
    const button = Number.isInteger(n) ? this.choices[n - 1] : undefined;
    if (button) return { ...base, payload: { type: "action", id: button.action, ...(button.payload ? { payload: button.payload } : {}) } };
    const cmd = /^\/([A-Za-z0-9_]+)(?:\s+([\s\S]*))?$/.exec(line);
    if (cmd?.[1]) {
      const argText = (cmd[2] ?? "").trim();
      return { ...base, payload: { type: "command", name: cmd[1].toLowerCase(), args: argText ? argText.split(/\s+/) : [], argText } };
    }
    return { ...base, payload: { type: "text", text: line } };
  }

  private print(message: OutboundMessage): void {
    const r = renderConsoleMessage(message, this.choices.length + 1);
    this.choices.push(...r.choices);
    this.write(r.text.split("\n").map((l) => `  ${l}`).join("\n").replace(/^ {2}/, "bot> "));
  }

  private prompt(): void {
    if (this.options.prompt) this.options.output.write(`${this.user}> `);
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }
}
