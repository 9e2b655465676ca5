// Missions: a table with each mission's figures from the measurement report (accepted, approved,
// clicks, conversions, revenue, cost, ROI), and a mission's detail — its participants with their
// status and results, and the submissions with the verifier's record in sentences.
import { missingTranslations, missingTranslationsText, type MissingTranslations } from "../services/translations-report.js";
import type { Locale } from "../config.js";
import { t } from "../i18n/translate.js";
import { evidenceLines } from "../engine/manage/evidence-lines.js";
import type { Deps } from "../services/deps.js";
import { measurementReport } from "../services/report.js";
import { isProofUrl } from "../domain/proofs.js";
import { ENGAGEMENT_HEADINGS, engagementCells, engagementTotal } from "./engagement-cells.js";
import { proofLinks } from "./review-page.js";
import { esc, statusText } from "./layout.js";
import { formatMoney, formatNumber, formatRoi, formatWhen, type Reader } from "./reader.js";

export interface PageBody { title: string; body: string; status?: 200 | 400 | 403 | 404 }

const th = (reader: Reader, ids: string[]) => `<tr>${ids.map((id) => `<th>${esc(t(reader.locale, id as never))}</th>`).join("")}</tr>`;

export async function missionsBody(deps: Deps, reader: Reader): Promise<PageBody> {
  const l = reader.locale;
  const [report, missions, missing] = await Promise.all([
    measurementReport(deps, reader.actor, { people: false }), // the table shows missions only
    deps.db.mission.findMany({ where: { status: { not: "draft" } }, select: { id: true, status: true, deadline: true } }),
    missingTranslations(deps, reader.actor),
  ]);
  const title = t(l, "web.nav.missions");
  if (!report.ok) return { title, body: `<p>${esc(t(l, report.error as never, report.params ?? {}))}</p>` };
  const r = report.value;
  const info = new Map(missions.map((m) => [m.id, m]));
  if (!r.missions.length) return { title, body: `<p>${esc(t(l, "web.missions.empty"))}</p>` };
  const rows = [...r.missions].reverse().map((m) => {
    const mi = info.get(m.missionId);
    return `<tr><td><a href="/dashboard/missions/${m.missionId}">${esc(m.title)}</a></td><td>${esc(mi?.status ?? "")}</td><td>${esc(formatWhen(reader, mi?.deadline))}</td>` +
      `<td>${esc(formatNumber(reader, m.accepted))}</td><td>${esc(formatNumber(reader, m.approved))}</td><td>${esc(formatNumber(reader, m.clicks))}</td>` +
      `<td>${esc(formatNumber(reader, m.conversions))}</td><td>${esc(formatMoney(reader, m.revenue, r.currency))}</td><td>${esc(formatMoney(reader, m.cost, r.currency))}</td><td>${esc(formatRoi(reader, m.roi))}</td></tr>`;
  }).join("");
  const head = th(reader, ["web.missions.title", "web.directory.status", "web.missions.deadline", "web.missions.accepted", "web.missions.approved", "web.figures.clicks", "web.figures.conversions", "web.figures.revenue", "web.figures.cost", "web.figures.roi"]);
  return { title, body: `<table>${head}${rows}</table>${missing.ok ? translationsSection(missing.value, l) : ""}` };
}

/** Missions and rewards lacking a language the influencers read (issue 17); nothing when all read the program's. */
function translationsSection(r: MissingTranslations, locale: Locale): string {
  if (!r.languages.some((x) => x.locale !== r.programLocale)) return "";
  const [languages, ...items] = missingTranslationsText(r, locale);
  return `<h2>${esc(t(locale, "lang.missing.title"))}</h2><p>${esc(languages!)}</p><ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`;
}

export async function missionDetailBody(deps: Deps, reader: Reader, missionId: number): Promise<PageBody> {
  const l = reader.locale;
  const mission = await deps.db.mission.findUnique({ where: { id: missionId }, select: { id: true, title: true, brief: true, status: true, points: true, deadline: true } });
  if (!mission) return { title: t(l, "web.nav.missions"), body: `<p>${esc(t(l, "web.missions.not_found"))}</p>`, status: 404 };
  const [report, participants, submissions] = await Promise.all([
    measurementReport(deps, reader.actor, { missionId }),
    deps.db.participation.findMany({ where: { missionId }, orderBy: { id: "asc" }, take: 500, select: { influencerId: true, status: true, acceptedAt: true, influencer: { select: { displayName: true, deletedAt: true } } } }),
    deps.db.submission.findMany({ where: { missionId }, orderBy: { id: "desc" }, take: 200, select: {
      id: true, influencerId: true, url: true, status: true, evidence: true, rejectionReason: true, createdAt: true,
      metrics: { orderBy: { id: "desc" }, take: 1, select: { views: true, likes: true, comments: true, source: true, seenAt: true } }, proofs: { select: { id: true, fileName: true }, orderBy: { id: "asc" } },
    } }),
  ]);
  const results = new Map((report.ok ? report.value.influencers : []).filter((i) => i.influencerId !== null).map((i) => [i.influencerId!, i]));
  const currency = report.ok ? report.value.currency : deps.config.PROGRAM_CURRENCY;
  const summary = `<p>${esc(t(l, "web.missions.summary", { status: t(l, "status.word", { status: mission.status }), points: mission.points, deadline: formatWhen(reader, mission.deadline) }))}</p><p>${esc(mission.brief)}</p>`;
  const name = (id: number, p?: { displayName: string | null; deletedAt: Date | null }) => (p?.deletedAt ? t(l, "web.influencer.erased") : (p?.displayName ?? `#${id}`));
  const people = participants.length
    ? `<table>${th(reader, ["web.directory.name", "web.directory.status", "web.missions.accepted_at", "web.figures.clicks", "web.figures.conversions", "web.figures.revenue", "web.figures.points"])}` +
      participants.map((p) => {
        const f = results.get(p.influencerId);
        const who = p.influencer.deletedAt || !reader.may(`/dashboard/influencers/${p.influencerId}`) ? esc(name(p.influencerId, p.influencer)) : `<a href="/dashboard/influencers/${p.influencerId}">${esc(name(p.influencerId, p.influencer))}</a>`;
        return `<tr><td>${who}</td><td>${statusText(l, p.status)}</td><td>${esc(formatWhen(reader, p.acceptedAt))}</td><td>${esc(formatNumber(reader, f?.clicks ?? 0))}</td>` +
          `<td>${esc(formatNumber(reader, f?.conversions ?? 0))}</td><td>${esc(formatMoney(reader, f?.revenue ?? 0, currency))}</td><td>${esc(formatNumber(reader, f?.points ?? 0))}</td></tr>`;
      }).join("") + `</table>`
    : `<p>${esc(t(l, "web.missions.no_participants"))}</p>`;
  const posts = submissions.length
    ? `<table>${th(reader, ["web.missions.submitted_at", "web.missions.post", "web.directory.status", "web.missions.verification", ...ENGAGEMENT_HEADINGS])}` +
      submissions.map((s) => `<tr><td>${esc(formatWhen(reader, s.createdAt))}</td><td>${isProofUrl(s.url) ? proofLinks(l, s.proofs) : `<a href="${esc(s.url)}" rel="noreferrer">${esc(s.url)}</a>`}</td><td>${statusText(l, s.status)}${s.rejectionReason ? `<br>${esc(s.rejectionReason)}` : ""}</td>` +
        `<td>${isProofUrl(s.url) ? "" : evidenceLines(l, s.evidence).map(esc).join("<br>")}</td>${engagementCells(reader, s.metrics[0])}</tr>`).join("") + `</table>` +
      `<h2>${esc(t(l, "measure.web.engagement"))}</h2>${engagementTotal(reader, report.ok ? report.value.missions[0] : undefined)}`
    : `<p>${esc(t(l, "web.missions.no_submissions"))}</p>`;
  return {
    title: mission.title,
    body: summary + `<h2>${esc(t(l, "web.missions.participants"))}</h2>${people}<h2>${esc(t(l, "web.missions.submissions"))}</h2>${posts}`,
  };
}
