// What can be exported, each as a header and an async generator of rows read in pages by id
// (keyset pagination: WHERE id > last ORDER BY id LIMIT n — constant cost per page, unlike OFFSET).
// Erased people are never exported by name.
import { z } from "zod";
import type { Db } from "../db/client.js";

export const EXPORT_KINDS = ["influencers", "submissions", "ledger", "redemptions", "clicks", "conversions", "audit"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const exportKind = z.enum(EXPORT_KINDS);

export const PAGE_SIZE = 1000;

export interface ExportSource {
  header: string[];
  rows: AsyncIterable<unknown[]>;
}

/** Filters an export may take (the dashboard passes the directory's or audit log's). */
export interface ExportFilter {
  /** extra Prisma where for the first table read (already validated by the caller) */
  where?: Record<string, unknown>;
  /** called after every page read, with the page's size (tests prove the export streams) */
  onPage?: (size: number) => void;
  pageSize?: number;
}

type Page<T> = (afterId: number, take: number) => Promise<(T & { id: number })[]>;

async function* paged<T>(read: Page<T>, toRow: (r: T & { id: number }) => unknown[], filter: ExportFilter): AsyncGenerator<unknown[]> {
  const take = filter.pageSize ?? PAGE_SIZE;
  let after = 0;
  for (;;) {
    const page = await read(after, take);
    filter.onPage?.(page.length);
    for (const r of page) yield toRow(r);
    if (page.length < take) return;
    after = page[page.length - 1]!.id;
  }
}

const erased = (p: { deletedAt: Date | null; status: string }) => p.deletedAt !== null || p.status === "deleted";

export function exportSource(db: Db, kind: ExportKind, filter: ExportFilter = {}): ExportSource {
  const where = filter.where ?? {};
  const after = (id: number) => ({ ...where, id: { gt: id } });
  switch (kind) {
    case "influencers":
      return {
        header: ["id", "name", "status", "language", "timezone", "region", "handles", "tags", "joinedAt", "createdAt", "referredBy"],
        // referredBy: the id of the member whose referral code they joined with (issue 21)
        rows: paged((id, take) => db.influencer.findMany({ where: { deletedAt: null, ...after(id) }, orderBy: { id: "asc" }, take, include: { handles: { select: { network: true, handle: true } }, invitation: { select: { referrerId: true } } } }),
          (r) => [r.id, r.displayName, r.status, r.locale ?? r.platformLocale, r.timezone, r.region, r.handles.map((h) => `${h.network}:@${h.handle}`).join(" "), r.tags, r.activatedAt, r.createdAt, r.invitation?.referrerId ?? null], filter),
      };
    case "submissions":
      return {
        header: ["id", "missionId", "mission", "influencerId", "influencer", "network", "url", "status", "rejectionReason", "createdAt"],
        rows: paged((id, take) => db.submission.findMany({ where: after(id), orderBy: { id: "asc" }, take, include: { mission: { select: { title: true } }, influencer: { select: { displayName: true, deletedAt: true, status: true } } } }),
          (r) => [r.id, r.missionId, r.mission.title, r.influencerId, erased(r.influencer) ? "" : r.influencer.displayName, r.network, r.url, r.status, r.rejectionReason, r.createdAt], filter),
      };
    case "ledger":
      return {
        header: ["id", "influencerId", "cycleId", "amount", "kind", "reason", "reference", "createdBy", "createdAt"],
        rows: paged((id, take) => db.ledgerEntry.findMany({ where: after(id), orderBy: { id: "asc" }, take }),
          (r) => [r.id, r.influencerId, r.cycleId, r.amount, r.kind, r.reason, r.reference, r.createdBy, r.createdAt], filter),
      };
    case "redemptions":
      return {
        header: ["id", "reward", "influencerId", "influencer", "cycleId", "cost", "status", "decidedBy", "decidedAt", "createdAt"],
        rows: paged((id, take) => db.redemption.findMany({ where: after(id), orderBy: { id: "asc" }, take, include: { reward: { select: { name: true } }, influencer: { select: { displayName: true, deletedAt: true, status: true } } } }),
          (r) => [r.id, r.reward.name, r.influencerId, erased(r.influencer) ? "" : r.influencer.displayName, r.cycleId, r.cost, r.status, r.decidedBy, r.decidedAt, r.createdAt], filter),
      };
    case "clicks":
      // No visitor hash, user agent or click id: a spreadsheet needs counts, not fingerprints.
      return {
        header: ["id", "trackingLinkId", "missionId", "influencerId", "at", "preview", "country"],
        rows: paged((id, take) => db.click.findMany({ where: after(id), orderBy: { id: "asc" }, take, select: { id: true, trackingLinkId: true, at: true, preview: true, country: true, trackingLink: { select: { missionId: true, influencerId: true } } } }),
          (r) => [r.id, r.trackingLinkId, r.trackingLink.missionId, r.trackingLink.influencerId, r.at, r.preview, r.country], filter),
      };
    case "conversions":
      return {
        header: ["id", "kind", "orderId", "refundId", "amountMinor", "currency", "attribution", "missionId", "influencerId", "source", "at"],
        rows: paged((id, take) => db.conversion.findMany({ where: after(id), orderBy: { id: "asc" }, take }),
          (r) => [r.id, r.kind, r.orderId, r.refundId, r.amountMinor, r.currency, r.attribution, r.missionId, r.influencerId, r.source, r.at], filter),
      };
    case "audit":
      return {
        header: ["id", "at", "actor", "action", "outcome", "targetType", "targetId"],
        rows: paged((id, take) => db.auditLog.findMany({ where: after(id), orderBy: { id: "asc" }, take }),
          (r) => [r.id, r.at, r.actor, r.action, r.outcome, r.targetType, r.targetId], filter),
      };
  }
}
