// The audit log page: newest first, filtered by actor, action (prefix) and target type/id.
import { z } from "zod";
import type { Locale } from "../config.js";
import { t } from "../i18n/translate.js";
import type { Deps } from "../services/deps.js";
import { esc } from "./layout.js";

const short = z.string().trim().max(100).optional().catch(undefined);
export const auditQuery = z.object({ actor: short, action: short, target: short });
export type AuditQuery = z.infer<typeof auditQuery>;

export async function auditBody(deps: Pick<Deps, "db">, locale: Locale, query: AuditQuery): Promise<string> {
  // "mission:12" filters type and id, "mission" the type alone.
  const [targetType, targetId] = (query.target ?? "").split(":");
  const rows = await deps.db.auditLog.findMany({
    where: {
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.action ? { action: { startsWith: query.action } } : {}),
      ...(targetType ? { targetType } : {}),
      ...(targetId ? { targetId } : {}),
    },
    orderBy: { id: "desc" },
    take: 200,
  });
  const field = (name: keyof AuditQuery, label: string) => `<label>${esc(label)} <input name="${name}" value="${esc(query[name] ?? "")}" maxlength="100"></label> `;
  const form = `<form method="get" action="/dashboard/audit">${field("actor", t(locale, "web.audit.actor"))}${field("action", t(locale, "web.audit.action"))}` +
    `${field("target", t(locale, "web.audit.target"))}<button>${esc(t(locale, "web.directory.apply"))}</button></form>`;
  if (!rows.length) return `${form}<p>${esc(t(locale, "web.audit.empty"))}</p>`;
  return form + `<table>` + rows.map((r) =>
    `<tr><td>${esc(r.at.toISOString().slice(0, 16).replace("T", " "))}</td><td>${esc(r.actor)}</td><td>${esc(r.action)}</td><td>${esc(r.targetType ? `${r.targetType}:${r.targetId ?? ""}` : "")}</td><td>${esc(r.outcome)}</td></tr>`).join("") + `</table>`;
}
