// CSV downloads from the dashboard: /dashboard/export/<what>.csv (the directory's and the audit
// log's filters apply to theirs; ?bom=1 adds a byte order mark for Excel), streamed to the
// browser as it is read, and the exports page that lists them. Mounted behind the session guard.
import { Readable } from "node:stream";
import { Hono } from "hono";
import { t } from "../i18n/translate.js";
import { startExport } from "../exports/export.js";
import { EXPORT_KINDS, exportKind } from "../exports/sources.js";
import type { Deps } from "../services/deps.js";
import { auditQuery, auditWhere } from "./audit-page.js";
import { directoryQuery, type DirectoryQuery } from "./directory.js";
import { esc, page } from "./layout.js";
import type { WebEnv } from "./routes.js";

/** The directory's filters without the page (and without empty ones, so the audit shows what was asked). */
const directoryFilter = ({ page: _page, ...rest }: DirectoryQuery) => Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== "")) as Omit<DirectoryQuery, "page">;

export function exportRoutes(deps: Deps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get("/dashboard/exports", (c) => {
    const reader = c.get("reader");
    const l = reader.locale;
    const links = EXPORT_KINDS.map((k) => `<li><a href="/dashboard/export/${k}.csv" download>${esc(t(l, `web.export.${k}`))}</a> · <a href="/dashboard/export/${k}.csv?bom=1" download>${esc(t(l, "web.export.excel"))}</a></li>`).join("");
    return c.html(page(l, t(l, "web.nav.exports"), `<ul>${links}</ul>`, reader));
  });

  app.get("/dashboard/export/:file{[a-z]+\\.csv}", async (c) => {
    const reader = c.get("reader");
    const kind = exportKind.safeParse(c.req.param("file").replace(/\.csv$/, ""));
    if (!kind.success) return c.html(page(reader.locale, t(reader.locale, "web.title"), `<p>${esc(t(reader.locale, "web.not_found"))}</p>`, reader), 404);
    const query = c.req.query();
    const where = kind.data === "audit" ? auditWhere(auditQuery.parse(query)) : undefined;
    const directory = kind.data === "influencers" ? directoryFilter(directoryQuery.parse(query)) : undefined;
    const started = await startExport(deps, reader.actor, kind.data, { ...(where ? { where } : {}), ...(directory ? { directory } : {}), bom: query.bom === "1" });
    if (!started.ok) return c.html(page(reader.locale, t(reader.locale, "web.title"), `<p>${esc(t(reader.locale, started.error as never, started.params ?? {}))}</p>`, reader), 403);
    const day = deps.clock.now().toISOString().slice(0, 10);
    return new Response(Readable.toWeb(started.value) as ReadableStream, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="advo-${kind.data}-${day}.csv"`, "cache-control": "no-store" },
    });
  });

  return app;
}
