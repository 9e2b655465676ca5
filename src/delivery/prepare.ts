// Before a batch is sent: rows that must not go out are settled (recipient gone, paused or
// unreachable; a payload that does not render), the rest rendered in the recipient's locale and
// time zone, with one recipient query for the whole batch (never one per row).
import type { AppConfig } from "../config.js";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";
import type { OutboundMessage } from "../engine/message.js";
import { zoneOf } from "../i18n/dates.js";
import { pickLocale } from "../i18n/translate.js";
import { sortEdits, sortThreadReplies, type EditItem, type ThreadItem } from "./edits.js";
import * as store from "./outbox-store.js";
import { isTransactional } from "./policy.js";
import type { MessageSender } from "./port.js";
import { renderPayload } from "./render.js";

export interface PrepareDeps {
  db: Db;
  clock: Clock;
  config: AppConfig;
}

export interface DispatchCounts {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  unreachable: number;
  cancelled: number;
}

export const zero = (): DispatchCounts => ({ claimed: 0, sent: 0, retried: 0, failed: 0, unreachable: 0, cancelled: 0 });

export function addCounts(a: DispatchCounts, b: DispatchCounts): DispatchCounts {
  return { claimed: a.claimed + b.claimed, sent: a.sent + b.sent, retried: a.retried + b.retried, failed: a.failed + b.failed, unreachable: a.unreachable + b.unreachable, cancelled: a.cancelled + b.cancelled };
}

export interface Pending {
  row: store.ClaimedRow;
  message: OutboundMessage;
  /** an `edit` payload: the posted message it replaces */
  edit?: { recipient: string; messageId: string };
  /** a `thread` payload: the posted parent's message id */
  thread?: string;
}

/** Skips rows that must not be sent and renders the rest; one recipient query for the batch. */
export async function prepareBatch(deps: PrepareDeps, sender: MessageSender | undefined, platform: Platform, rows: store.ClaimedRow[], counts: DispatchCounts): Promise<Pending[]> {
  const { db, config } = deps;
  const ids = rows.flatMap((r) => (r.influencerId === null ? [] : [r.influencerId]));
  const recipients = await store.loadRecipients(db, platform, ids);
  const cancelled: number[] = [];
  const unreachable: number[] = [];
  const failed: { id: number; error: string }[] = [];
  const pending: Pending[] = [];
  const edits: EditItem[] = [];
  const threaded: ThreadItem[] = [];
  for (const row of rows) {
    const who = row.influencerId === null ? undefined : recipients.get(row.influencerId);
    if (row.influencerId !== null && (!who || who.gone)) cancelled.push(row.id);
    else if (who?.unreachable.has(row.recipient)) unreachable.push(row.id);
    else if (who?.messagesPaused && !isTransactional(row.purpose)) cancelled.push(row.id);
    else {
      const locale = pickLocale(who?.locale, who?.platformLocale, config.DEFAULT_LOCALE);
      const r = renderPayload(row.payload, { locale, timeZone: zoneOf(who?.timezone, config.JOBS_TZ) });
      if (!r.ok) failed.push({ id: row.id, error: r.error });
      else if (r.editOf) edits.push({ row, message: r.message, of: r.editOf });
      else if (r.threadOf) threaded.push({ row, message: r.message, parent: r.threadOf });
      else pending.push({ row, message: r.message });
    }
  }
  const sortedEdits = await sortEdits({ db, clock: deps.clock, config }, sender, edits);
  pending.push(...sortedEdits.ready);
  const replies = await sortThreadReplies({ db, clock: deps.clock, config }, threaded);
  pending.push(...replies.ready);
  failed.push(...sortedEdits.failed);
  await store.finish(db, cancelled, "cancelled", "recipient paused messages or left");
  await store.finish(db, unreachable, "unreachable", "recipient marked unreachable");
  for (const f of failed) await store.finish(db, [f.id], "failed", f.error);
  counts.cancelled += cancelled.length;
  counts.unreachable += unreachable.length;
  counts.failed += failed.length;
  for (const g of sortedEdits.gone) await store.finish(db, [g.id], "cancelled", g.reason);
  counts.cancelled += sortedEdits.gone.length;
  counts.retried += sortedEdits.waiting + replies.waiting;
  return pending;
}
