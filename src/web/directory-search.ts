// The directory's filter as SQL, for the page and the influencers export: the same rule as
// directoryWhere (src/web/directory.ts, kept as the reference the tests compare against) — not
// erased; status, language, network when given; and the search: the name contains q, or a handle
// contains q without its leading @ (case-insensitive: SQLite's LIKE, ASCII only; PostgreSQL's
// ILIKE). Prisma writes the search as a scan with a lookup per person (2.4 s at 100k people).
// Here the candidates come from the search indexes of migration dashboard_search: FTS5 trigram
// tables on SQLite, then the original LIKE on those candidates only, so the result is exactly
// the scan's; pg_trgm GIN indexes on PostgreSQL, which ILIKE uses directly.
import type { Provider } from "../db/provider.js";
import type { DirectoryQuery } from "./directory.js";

export interface SqlFilter {
  /** conditions on `"Influencer" i`, joined with AND */
  where: string;
  args: unknown[];
}

/** `first`: the number of the first placeholder ($n on PostgreSQL) — the caller's own come before. */
export function directoryFilterSql(provider: Provider, query: Omit<DirectoryQuery, "page">, first = 1): SqlFilter {
  const args: unknown[] = [];
  const p = (v: unknown) => (args.push(v), provider === "postgresql" ? `$${first + args.length - 1}` : "?");
  const parts = [`i."deletedAt" IS NULL`];
  if (query.status) parts.push(`i."status" = ${p(query.status)}`);
  if (query.language) parts.push(`i."locale" = ${p(query.language)}`);
  if (query.network) parts.push(`EXISTS (SELECT 1 FROM "SocialHandle" hn WHERE hn."influencerId" = i."id" AND hn."network" = ${p(query.network)})`);
  const q = query.q || undefined;
  if (q) {
    const name = `%${q}%`;
    const handle = `%${q.replace(/^@/, "")}%`;
    if (provider === "postgresql") {
      parts.push(`i."id" IN (SELECT n."id" FROM "Influencer" n WHERE n."displayName" ILIKE ${p(name)}
        UNION SELECT h."influencerId" FROM "SocialHandle" h WHERE h."handle" ILIKE ${p(handle)})`);
    } else {
      // Parameters are numbered by position: each one is bound again where it is used again.
      parts.push(`i."id" IN (SELECT s."rowid" FROM "InfluencerNameSearch" s WHERE s."displayName" LIKE ${p(name)}
        UNION SELECT h."influencerId" FROM "SocialHandleSearch" s JOIN "SocialHandle" h ON h."id" = s."rowid" WHERE s."handle" LIKE ${p(handle)})`);
      parts.push(`(i."displayName" LIKE ${p(name)} OR EXISTS (SELECT 1 FROM "SocialHandle" hh WHERE hh."influencerId" = i."id" AND hh."handle" LIKE ${p(handle)}))`);
    }
  }
  return { where: parts.join(" AND "), args };
}
