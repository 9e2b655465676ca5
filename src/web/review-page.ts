// The review queue page: each submission that needs a human, with the verifier's record as the
// same sentences as the Slack review card (evidence-lines.ts), and Approve / Reject (with a reason)
// for a role that may press them — the POSTs go to the review service, as Slack's buttons do.
import { evidenceLines } from "../engine/manage/evidence-lines.js";
import { engagementLine } from "../engine/manage/cards.js";
import { isProofUrl } from "../domain/proofs.js";
import { t } from "../i18n/translate.js";
import type { Deps } from "../services/deps.js";
import { reviewQueue } from "../services/review.js";
import { csrfField, esc } from "./layout.js";
import type { PageBody } from "./missions-page.js";
import { formatWhen, type Reader } from "./reader.js";

/** A proof's files (issue 13), each streamed through the dashboard. */
export function proofLinks(l: Reader["locale"], proofs: { id: number; fileName: string | null }[]): string {
  const files = proofs.map((p, i) => `<a href="/dashboard/proofs/${p.id}" target="_blank" rel="noreferrer">${esc(p.fileName ?? t(l, "measure.proof.card_file", { n: i + 1 }))}</a>`);
  return [esc(t(l, "measure.proof.card_self_reported", { count: proofs.length })), ...files].join("<br>");
}

export async function reviewBody(deps: Deps, reader: Reader): Promise<PageBody> {
  const l = reader.locale;
  const title = t(l, "web.nav.review");
  const r = await reviewQueue(deps, reader.actor, { limit: 50 });
  if (!r.ok) return { title, body: `<p>${esc(t(l, r.error as never, (r.params ?? {}) as never))}</p>`, status: 403 };
  if (!r.value.length) return { title, body: `<p>${esc(t(l, "web.review.empty"))}</p>` };
  // Buttons only for a role that may press them (the session guard refuses the POST anyway).
  const approve = (id: number) => reader.may(`/dashboard/review/${id}/approve`, "POST")
    ? `<form class="inline" method="post" action="/dashboard/review/${id}/approve">${csrfField(reader.csrf)}<button>${esc(t(l, "web.review.approve"))}</button></form> ` : "";
  const reject = (id: number) => reader.may(`/dashboard/review/${id}/reject`, "POST")
    ? `<form class="inline" method="post" action="/dashboard/review/${id}/reject">${csrfField(reader.csrf)}<input name="reason" required maxlength="500" aria-label="${esc(t(l, "web.review.reason"))}"><button>${esc(t(l, "web.review.reject"))}</button></form>` : "";
  const head = ["web.missions.title", "web.directory.name", "web.missions.post", "web.missions.verification", ""].map((id) => `<th>${id ? esc(t(l, id as never)) : ""}</th>`).join("");
  const rows = r.value.map((s) =>
    `<tr><td>${esc(s.missionTitle)}</td><td><a href="/dashboard/influencers/${s.influencerId}">${esc(s.influencerName ?? `#${s.influencerId}`)}</a><br>${esc(formatWhen(reader, s.createdAt))}</td>` +
    `<td>${isProofUrl(s.url) ? proofLinks(l, s.proofs ?? []) : `<a href="${esc(s.url)}" rel="noreferrer">${esc(s.url)}</a>`}${s.previousReason ? `<br>${esc(s.previousReason)}` : ""}</td>` +
    `<td>${isProofUrl(s.url) ? "" : evidenceLines(l, s.evidence).map(esc).join("<br>")}${s.engagement ? `<br>${esc(engagementLine(l, reader, s.engagement))}` : ""}</td><td>${approve(s.id)}${reject(s.id)}</td></tr>`).join("");
  return { title, body: `<table><tr>${head}</tr>${rows}</table>` };
}
