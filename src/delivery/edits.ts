// Outbox edits: a row whose payload replaces a message that another row posted (`of` names that
// row by its dedupe key, e.g. a review card withdrawn after the person erased their data). Where
// the message is (its channel and the platform's message id) is only known once that row was
// sent, so the target is looked up at send time: one query for the whole batch.
import type { AppConfig } from "../config.js";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";
import type { OutboundMessage } from "../engine/message.js";
import { backoffMs } from "./policy.js";
import type { MessageSender } from "./port.js";
import * as store from "./outbox-store.js";

export type EditTarget =
  /** posted: edit this message */
  | { state: "ready"; recipient: string; messageId: string }
  /** still queued or being sent: try the edit again later */
  | { state: "wait" }
  /** never posted (cancelled, failed, unknown) or posted without an id: nothing to edit */
  | { state: "gone"; reason: string };

export async function editTargets(db: Db, platform: Platform, keys: string[]): Promise<Map<string, EditTarget>> {
  const targets = new Map<string, EditTarget>();
  if (!keys.length) return targets;
  const rows = await db.outboxMessage.findMany({
    where: { platform, dedupeKey: { in: [...new Set(keys)] } },
    select: { dedupeKey: true, status: true, recipient: true, platformMessageId: true },
  });
  const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
  for (const key of keys) {
    const r = byKey.get(key);
    if (!r) targets.set(key, { state: "gone", reason: "the message to edit was never queued" });
    else if (r.status === "queued" || r.status === "sending") targets.set(key, { state: "wait" });
    else if (r.status !== "sent") targets.set(key, { state: "gone", reason: `the message to edit was never posted (${r.status})` });
    else if (!r.platformMessageId) targets.set(key, { state: "gone", reason: "the platform gave no id for the message to edit" });
    else targets.set(key, { state: "ready", recipient: r.recipient, messageId: r.platformMessageId });
  }
  return targets;
}

export interface EditItem {
  row: store.ClaimedRow;
  message: OutboundMessage;
  /** dedupe key of the row that posted the message to replace */
  of: string;
}

export interface SortedEdits {
  ready: { row: store.ClaimedRow; message: OutboundMessage; edit: { recipient: string; messageId: string } }[];
  failed: { id: number; error: string }[];
  gone: { id: number; reason: string }[];
  /** put back to wait for the message they replace */
  waiting: number;
}

/**
 * Edits go out once the message they replace was posted; until then they wait with backoff, as a
 * retry (so an edit of a message stuck forever gives up after DELIVERY_MAX_ATTEMPTS). An edit of a
 * message never posted is cancelled: there is nothing to correct.
 */
export async function sortEdits(deps: { db: Db; clock: Clock; config: AppConfig }, sender: MessageSender | undefined, edits: EditItem[]): Promise<SortedEdits> {
  const sorted: SortedEdits = { ready: [], failed: [], gone: [], waiting: 0 };
  if (!edits.length) return sorted;
  const platform = edits[0]!.row.platform as Platform;
  if (!sender?.editMessage) {
    sorted.failed = edits.map((e) => ({ id: e.row.id, error: `the ${platform} sender cannot edit messages` }));
    return sorted;
  }
  const targets = await editTargets(deps.db, platform, edits.map((e) => e.of));
  for (const e of edits) {
    const target = targets.get(e.of) ?? { state: "gone", reason: "unknown" };
    if (target.state === "ready") sorted.ready.push({ row: e.row, message: e.message, edit: { recipient: target.recipient, messageId: target.messageId } });
    else if (target.state === "gone") sorted.gone.push({ id: e.row.id, reason: target.reason });
    else {
      const attempts = e.row.attempts + 1;
      if (attempts >= deps.config.DELIVERY_MAX_ATTEMPTS) sorted.failed.push({ id: e.row.id, error: "the message to edit was never posted" });
      else {
        await store.requeue(deps.db, e.row.id, new Date(deps.clock.now().getTime() + backoffMs(attempts)), attempts, "waiting for the message to edit to be posted");
        sorted.waiting++;
      }
    }
  }
  return sorted;
}

export interface ThreadItem {
  row: store.ClaimedRow;
  message: OutboundMessage;
  /** dedupe key of the row that posted the thread's parent */
  parent: string;
}

export interface SortedThreadReplies {
  /** `thread`: the parent's platform message id; absent when the parent was never posted (sent as a plain message) */
  ready: { row: store.ClaimedRow; message: OutboundMessage; thread?: string }[];
  /** put back to wait for their parent */
  waiting: number;
}

/**
 * Thread replies go out once their parent was posted in the same chat, and wait for it with
 * backoff until then. A reply whose parent was never posted (or posted elsewhere) is still news:
 * it goes out as a plain message rather than being lost, as it does after the maximum attempts.
 */
export async function sortThreadReplies(deps: { db: Db; clock: Clock; config: AppConfig }, items: ThreadItem[]): Promise<SortedThreadReplies> {
  const sorted: SortedThreadReplies = { ready: [], waiting: 0 };
  if (!items.length) return sorted;
  const targets = await editTargets(deps.db, items[0]!.row.platform as Platform, items.map((i) => i.parent));
  for (const i of items) {
    const target = targets.get(i.parent) ?? { state: "gone", reason: "unknown" };
    const attempts = i.row.attempts + 1;
    if (target.state === "wait" && attempts < deps.config.DELIVERY_MAX_ATTEMPTS) {
      await store.requeue(deps.db, i.row.id, new Date(deps.clock.now().getTime() + backoffMs(attempts)), attempts, "waiting for the thread's first message to be posted");
      sorted.waiting++;
    } else {
      const thread = target.state === "ready" && target.recipient === i.row.recipient ? target.messageId : undefined;
      sorted.ready.push({ row: i.row, message: i.message, ...(thread ? { thread } : {}) });
    }
  }
  return sorted;
}
