// The one small interface every platform implements. Capabilities a platform lacks are optional.
// Event and message types live in src/engine (the engine is platform-free and must not import
// adapters/); they are re-exported here so adapter code has one place to import from.
import type { InboundEvent, Platform } from "../src/engine/events.js";
import type { Attachment, FormSpec, OutboundMessage } from "../src/engine/message.js";
import type { MessageSender, SendResult } from "../src/delivery/port.js";

export type { InboundEvent, Platform, OutboundMessage, FormSpec, MessageSender, SendResult };
export type { Author, InboundPayload } from "../src/engine/events.js";
export type { Attachment, Block, Button, Inline, FormField } from "../src/engine/message.js";

/** The engine side as an adapter sees it: one event in, the direct replies out. */
export type EventHandler = (event: InboundEvent) => Promise<OutboundMessage[]>;

export interface ChatAdapter extends MessageSender {
  readonly platform: Platform;
  /** connect and start delivering events to the handler */
  start(handler: EventHandler): Promise<void>;
  /** stop intake; resolves when in-flight events are done */
  stop(): Promise<void>;

  // Optional capabilities
  /** register the bot's commands with the platform (translated descriptions) */
  registerCommands?(): Promise<void>;
  /** open a modal form in reply to an interaction (Slack, Discord) */
  openForm?(event: InboundEvent, form: FormSpec): Promise<void>;
  // editMessage? (replace a message the bot posted earlier) comes from MessageSender.
  /**
   * send a file to a recipient (Telegram sendDocument, Discord attachment, Slack filesUploadV2).
   * Adapters that have it also send `message.attachment` of replies and outbox messages with it.
   */
  sendFile?(recipient: string, file: Attachment, caption?: string): Promise<SendResult>;
}
