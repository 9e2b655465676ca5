// What the Discord adapter needs from Discord, as plain interfaces: transport.ts (the one file that
// imports discord.js) implements them, so the sender, roles, commands and the interaction answer
// are written against these and never see a discord.js object. Errors come back already read:
// a DiscordCallError carries what the failure means for a send (retry, failed, unreachable).
import type { SendResult } from "../../src/delivery/port.js";
import { isTransientNetworkCode, networkErrorCode } from "../../src/delivery/network-error.js";
import type { MessageBody } from "./render.js";

/** One file in a multipart request (an attachment). */
export interface RestFile {
  name: string;
  data: Buffer;
  contentType: string;
}

/** Discord's REST API by path ("/channels/1/messages"); rejects with a DiscordCallError. */
export interface DiscordRest {
  get(path: string): Promise<unknown>;
  post(path: string, request: { body: unknown; files?: RestFile[] }): Promise<unknown>;
  put(path: string, request?: { body?: unknown; reason?: string }): Promise<unknown>;
  delete(path: string, request?: { reason?: string }): Promise<unknown>;
}

/** A message body as an interaction answer takes it (`flags`: 64 = ephemeral). */
export interface AnswerBody {
  content?: string;
  components?: MessageBody["components"];
  flags?: number;
  files?: { attachment: Buffer; name: string }[];
}

/**
 * One interaction to answer (Discord allows one callback, then edits and follow-ups). `kind` says
 * what it came from: a slash command, a component (button, select) or a modal submission.
 */
export interface InteractionPort {
  readonly kind: "command" | "component" | "modal";
  readonly deferred: boolean;
  readonly replied: boolean;
  reply(body: AnswerBody): Promise<unknown>;
  /** a component's own message, edited (UPDATE_MESSAGE) */
  update(body: AnswerBody): Promise<unknown>;
  deferReply(ephemeral: boolean): Promise<unknown>;
  /** a component: "updating its message", so a late answer can still edit it */
  deferUpdate(): Promise<unknown>;
  editReply(body: AnswerBody): Promise<unknown>;
  deleteReply(): Promise<unknown>;
  followUp(body: AnswerBody): Promise<unknown>;
  /** the modal payload from render.ts renderModal */
  showModal(modal: unknown): Promise<unknown>;
}

/** A failed Discord call: `result` is what it means for a send; `where` says what kind of failure. */
export class DiscordCallError extends Error {
  constructor(
    readonly result: SendResult,
    readonly where: string,
    cause: unknown,
  ) {
    super(`discord call failed ${where}`, { cause });
    this.name = "DiscordCallError";
  }
}

/**
 * What an error means for a send: a DiscordCallError says it; anything else reached no Discord
 * answer (network errors and timeouts), retried with its socket-level code (never just "network").
 */
export function resultOf(err: unknown): SendResult {
  if (err instanceof DiscordCallError) return err.result;
  const code = networkErrorCode(err);
  return { status: "retry", afterSeconds: 30, error: `discord network ${code ?? "error"}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300), transient: isTransientNetworkCode(code), code: code ?? "network" };
}

/** Discord's REST paths the adapter uses (what discord.js's Routes builds). */
export const DiscordPaths = {
  channelMessages: (channelId: string) => `/channels/${channelId}/messages`,
  userChannels: () => "/users/@me/channels",
  guildMemberRole: (guildId: string, userId: string, roleId: string) => `/guilds/${guildId}/members/${userId}/roles/${roleId}`,
  applicationCommands: (applicationId: string) => `/applications/${applicationId}/commands`,
  applicationGuildCommands: (applicationId: string, guildId: string) => `/applications/${applicationId}/guilds/${guildId}/commands`,
} as const;
