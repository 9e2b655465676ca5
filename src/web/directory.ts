// The influencers directory page: search by name or handle, filter by status, network and
// language, 50 a page. The page's ids and the count through the search indexes
// (directory-search.ts), then one query for those 50 people with their handles, two for the referrers.
import { z } from "zod";
import { t } from "../i18n/translate.js";
import { clientProvider } from "../services/bulk-insert.js";
import type { Deps } from "../services/deps.js";
import { referrersOf, type PersonRef } from "../services/referrals-figures.js";
import { directoryFilterSql } from "./directory-search.js";
import { esc, statusText } from "./layout.js";
import type { Reader } from "./reader.js";

const PAGE_SIZE = 50;
const short = z.string().trim().max(100).optional().catch(undefined);
export const directoryQuery = z.object({
  q: short,
  status: short,
  network: short,
  language: short,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

/**
 * The directory's filter as a Prisma where: the rule directory-search.ts implements with the search
 * indexes (the page and the export use that one; tests compare the two), and the operator's CLI search. Search is case-insensitive on both
 * databases: SQLite's LIKE already is (for ASCII), PostgreSQL needs mode "insensitive" (ILIKE),
 * which Prisma only accepts on PostgreSQL.
 */
export function directoryWhere(db: Deps["db"], query: DirectoryQuery) {
  const q = query.q || undefined;
  const mode = clientProvider(db) === "postgresql" ? ({ mode: "insensitive" } as const) : {};
  return {
    deletedAt: null,
    ...(query.status ? { status: query.status } : {}),
    ...(query.language ? { locale: query.language } : {}),
    ...(query.network ? { handles: { some: { network: query.network } } } : {}),
    ...(q ? { OR: [{ displayName: { contains: q, ...mode } }, { handles: { some: { handle: { contains: q.replace(/^@/, ""), ...mode } } } }] } : {}),
  };
}

/** A link to a person's profile (a referrer), or nothing. */
export const personLink = (p: PersonRef | undefined): string => (p ? `<a href="/dashboard/influencers/${p.id}">${esc(p.name ?? `#${p.id}`)}</a>` : "");

export async function directoryBody(deps: Pick<Deps, "db">, reader: Pick<Reader, "locale" | "may">, query: DirectoryQuery): Promise<string> {
  const locale = reader.locale;
  const filter = directoryFilterSql(clientProvider(deps.db), query);
  const from = `FROM "Influencer" i WHERE ${filter.where}`;
  const [page, [count]] = await Promise.all([
    deps.db.$queryRawUnsafe<{ id: unknown }[]>(`SELECT i."id" AS "id" ${from} ORDER BY i."id" LIMIT ${PAGE_SIZE} OFFSET ${(query.page - 1) * PAGE_SIZE}`, ...filter.args),
    deps.db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS "n" ${from}`, ...filter.args),
  ]);
  const total = Number(count?.n ?? 0);
  const rows = page.length
    ? await deps.db.influencer.findMany({ where: { id: { in: page.map((r) => Number(r.id)) } }, orderBy: { id: "asc" }, include: { handles: { select: { network: true, handle: true } } } })
    : [];
  const referrers = await referrersOf(deps.db, rows);
  const field = (name: keyof DirectoryQuery, label: string) =>
    `<label>${esc(label)} <input name="${name}" value="${esc(query[name] ?? "")}" maxlength="100"></label> `;
  const form = `<form method="get" action="/dashboard/influencers">${field("q", t(locale, "web.directory.search"))}${field("status", t(locale, "web.directory.status"))}` +
    `${field("network", t(locale, "web.directory.network"))}${field("language", t(locale, "web.directory.language"))}<button>${esc(t(locale, "web.directory.apply"))}</button></form>`;
  const table = rows.length
    ? `<table><tr><th>${esc(t(locale, "web.directory.name"))}</th><th>${esc(t(locale, "web.directory.status"))}</th><th>${esc(t(locale, "web.directory.language"))}</th><th>${esc(t(locale, "web.directory.handles"))}</th><th>${esc(t(locale, "web.directory.referred_by"))}</th></tr>` +
      rows.map((r) => `<tr><td><a href="/dashboard/influencers/${r.id}">${esc(r.displayName ?? `#${r.id}`)}</a></td><td>${statusText(locale, r.status)}</td><td>${esc(r.locale ?? "")}</td><td>${r.handles.map((h) => esc(`${h.network}: @${h.handle}`)).join("<br>")}</td><td>${personLink(referrers.get(r.id))}</td></tr>`).join("") +
      `</table>`
    : `<p>${esc(t(locale, "web.directory.empty"))}</p>`;
  const params = (page: number) => new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)])), page: String(page) });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pager = `<p>${esc(t(locale, "web.directory.page", { page: query.page, pages, total }))}` +
    (query.page > 1 ? ` <a rel="prev" href="/dashboard/influencers?${esc(params(query.page - 1))}">←</a>` : "") +
    (query.page < pages ? ` <a rel="next" href="/dashboard/influencers?${esc(params(query.page + 1))}">→</a>` : "") + `</p>`;
  const filters = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[0] !== "page" && typeof e[1] === "string" && e[1] !== ""));
  const download = !reader.may("/dashboard/export/influencers.csv") ? "" : `<p><a href="/dashboard/export/influencers.csv?${esc(filters)}" download>${esc(t(locale, "web.export.download"))}</a></p>`;
  return form + download + table + pager;
}
