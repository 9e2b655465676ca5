// What can be exported, each as a header and an async generator of rows read in pages by id
// (keyset pagination: WHERE id > last ORDER BY id LIMIT n — constant cost per page, unlike OFFSET).
// Erased people are never exported by name.
import { z } from "zod";
import type { Db } from "../db/client.js";
import { clientProvider } from "../services/bulk-insert.js";
import type { DirectoryQuery } from "../web/directory.js";
import { directoryFilterSql } from "../web/directory-search.js";

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
  /** extra Prisma where for the first table read (already validated by the caller); not for influencers */
  where?: Record<string, unknown>;
  /** influencers only: the directory's filter (search, status, network, language) */
  directory?: Omit<DirectoryQuery, "page">;
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
        rows: paged((id, take) => influencerPage(db, filter.directory ?? {}, id, take),
          (r) => [r.id, r.name, r.status, r.locale ?? r.platformLocale, r.timezone, r.region, r.handles ?? "", r.tags, r.activatedAt, r.createdAt, r.referredBy], filter),
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

interface InfluencerRow { id: number; name: string | null; status: string; locale: string | null; platformLocale: string | null; timezone: string | null; region: string | null; handles: string | null; tags: unknown; activatedAt: Date | null; createdAt: Date; referredBy: number | null }

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
/** A date read as text (see influencerPage): ISO 8601 with or without a zone (SQLite's CURRENT_TIMESTAMP has none and is UTC), or epoch ms. */
function when(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  if (/^-?\d+$/.test(s)) return new Date(Number(s));
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
}

/**
 * One page of the influencers export as ONE query (Prisma's include reads handles and invitations
 * in two more): the person's columns, their handles as "network:@handle" in id order, and the
 * referrer's id, only the columns the CSV shows, for the people the directory's filter keeps.
 */
async function influencerPage(db: Db, directory: Omit<DirectoryQuery, "page">, afterId: number, take: number): Promise<InfluencerRow[]> {
  const pg = clientProvider(db) === "postgresql";
  const filter = directoryFilterSql(pg ? "postgresql" : "sqlite", directory, 3);
  // JSON and dates are read as text: Prisma's conversion of typed raw columns took two thirds of the export's time (100k rows: 3.6 s against 1.2 s).
  const asText = (col: string) => (col === "tags" ? (pg ? `i."tags"::text` : `CAST(i."tags" AS TEXT)`) : pg ? `to_char(i."${col}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `CAST(i."${col}" AS TEXT)`);
  const handles = pg
    ? `SELECT string_agg(h."network" || ':@' || h."handle", ' ' ORDER BY h."id") FROM "SocialHandle" h WHERE h."influencerId" = i."id"`
    : `SELECT group_concat(h."network" || ':@' || h."handle", ' ' ORDER BY h."id") FROM "SocialHandle" h WHERE h."influencerId" = i."id"`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT i."id" AS "id", i."displayName" AS "name", i."status" AS "status", i."locale" AS "locale", i."platformLocale" AS "platformLocale",
       i."timezone" AS "timezone", i."region" AS "region", ${asText("tags")} AS "tags", ${asText("activatedAt")} AS "activatedAt", ${asText("createdAt")} AS "createdAt",
       (${handles}) AS "handles", (SELECT v."referrerId" FROM "Invitation" v WHERE v."id" = i."invitationId") AS "referredBy"
     FROM "Influencer" i WHERE i."id" > ${pg ? "$1" : "?"} AND ${filter.where} ORDER BY i."id" LIMIT ${pg ? "$2" : "?"}`,
    ...(pg ? [afterId, take, ...filter.args] : [afterId, ...filter.args, take]), // SQLite binds ? in the order they appear
  );
  return rows.map((r) => ({
    id: Number(r.id), name: text(r.name), status: String(r.status), locale: text(r.locale), platformLocale: text(r.platformLocale), timezone: text(r.timezone), region: text(r.region),
    handles: text(r.handles), tags: typeof r.tags === "string" ? JSON.parse(r.tags) : r.tags, activatedAt: when(r.activatedAt), createdAt: when(r.createdAt)!,
    referredBy: r.referredBy === null || r.referredBy === undefined ? null : Number(r.referredBy),
  }));
}
