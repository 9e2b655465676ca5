// The audit log page: newest first, filtered by actor, action (prefix) and target type/id.
import { z } from "zod";
import { t } from "../i18n/translate.js";
import type { Deps } from "../services/deps.js";
import { esc } from "./layout.js";
import { formatWhen, type Reader } from "./reader.js";

const short = z.string().trim().max(100).optional().catch(undefined);
export const auditQuery = z.object({ actor: short, action: short, target: short });
export type AuditQuery = z.infer<typeof auditQuery>;

/** The page's filter, shared with its CSV export. "mission:12" filters type and id, "mission" the type alone. */
export function auditWhere(query: AuditQuery) {
  const [targetType, targetId] = (query.target ?? "").split(":");
  return {
    ...(query.actor ? { actor: query.actor } : {}),
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(targetType ? { targetType } : {}),
    ...(targetId ? { targetId } : {}),
  };
}

export async function auditBody(deps: Pick<Deps, "db">, reader: Reader, query: AuditQuery): Promise<string> {
  const locale = reader.locale;
  const rows = await deps.db.auditLog.findMany({
    where: auditWhere(query),
    orderBy: { id: "desc" },
    take: 200,
  });
  const field = (name: keyof AuditQuery, label: string) => `<label>${esc(label)} <input name="${name}" value="${esc(query[name] ?? "")}" maxlength="100"></label> `;
  const form = `<form method="get" action="/dashboard/audit">${field("actor", t(locale, "web.audit.actor"))}${field("action", t(locale, "web.audit.action"))}` +
    `${field("target", t(locale, "web.audit.target"))}<button>${esc(t(locale, "web.directory.apply"))}</button></form>`;
  const download = `<p><a href="/dashboard/export/audit.csv?${esc(new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])))}" download>${esc(t(locale, "web.export.download"))}</a></p>`;
  if (!rows.length) return `${form}<p>${esc(t(locale, "web.audit.empty"))}</p>`;
  return form + download + `<table>` + rows.map((r) =>
    `<tr><td>${esc(formatWhen(reader, r.at))}</td><td>${esc(r.actor)}</td><td>${esc(r.action)}</td><td>${esc(r.targetType ? `${r.targetType}:${r.targetId ?? ""}` : "")}</td><td>${esc(r.outcome)}</td></tr>`).join("") + `</table>`;
}
