// What managers see in chat: the review card (evidence + Approve/Reject), the draft preview with
// its actions, and a pending redemption with Fulfil/Cancel.
import type { Locale } from "../../config.js";
import { dateOnly } from "../../i18n/dates.js";
import { networkName } from "../../i18n/networks.js";
import { evidenceLines } from "./evidence-lines.js";
import { isProofUrl } from "../../domain/proofs.js";
import { t, ti, type Params, type Reader } from "../../i18n/translate.js";
import type { ReviewItem } from "../../services/review.js";
import { personLabel } from "../../services/influencer-card.js";
import type { RedemptionItem } from "../../services/catalog-admin.js";
import { link, message, paragraph, type Button, type OutboundMessage } from "../message.js";

export const ACTIONS = {
  missionPublish: "mission.publish",
  missionEdit: "mission.edit",
  rewardEdit: "reward.edit",
  missionClose: "mission.close",
  missionDuplicate: "mission.duplicate",
  missionPreview: "mission.preview",
  reviewApprove: "review.approve",
  reviewReject: "review.reject",
  broadcastSend: "broadcast.send",
  broadcastCancel: "broadcast.cancel",
  redemptionFulfil: "redemption.fulfil",
  redemptionCancel: "redemption.cancel",
} as const;

export function missionManagerButtons(locale: Locale, id: number, status: string): Button[][] {
  const p = String(id);
  const row: Button[] = [];
  if (status === "draft") row.push({ action: ACTIONS.missionPublish, label: t(locale, "manage.button.publish"), payload: p, style: "primary" });
  if (status !== "closed") row.push({ action: ACTIONS.missionEdit, label: t(locale, "manage.button.edit"), payload: p });
  row.push({ action: ACTIONS.missionDuplicate, label: t(locale, "manage.button.duplicate"), payload: p });
  if (status !== "closed") {
    const confirm = { title: t(locale, "manage.confirm.mission_close_title"), text: t(locale, "manage.confirm.mission_close_text", { id }), yes: t(locale, "manage.button.close"), no: t(locale, "manage.confirm.keep") };
    row.push({ action: ACTIONS.missionClose, label: t(locale, "manage.button.close"), payload: p, style: "danger", confirm });
  }
  return [row];
}

/** A submission waiting for a human, with the evidence and the two decisions. `reader` may carry the manager's time zone (Slack users.info tz); a bare locale shows UTC. */
export function reviewCard(reader: Locale | Reader, s: ReviewItem): OutboundMessage {
  const locale = typeof reader === "string" ? reader : reader.locale;
  const zoned = typeof reader === "string" ? { locale: reader } : reader;
  return message(
    [
      paragraph(t(locale, "manage.review.card_title", { id: s.id, mission: s.missionTitle, influencer: personLabel({ id: s.influencerId, name: s.influencerName, handle: s.influencerHandle ?? null }) })),
      // canonical https URL from parsePostUrl: safe to link; a proof has files instead (issue 13)
      ...(isProofUrl(s.url) ? proofParagraphs(locale, s.proofs ?? []) : [paragraph(link(s.url, s.url))]),
      // who posted it: their dashboard profile
      ...(s.profileUrl ? [paragraph(link(t(locale, "console.button.profile"), s.profileUrl))] : []),
      // when it was sent, shown natively with "2 hours ago": how long it has waited matters here
      paragraph(...ti(zoned, "manage.review.card_facts", { network: networkName(s.network), author: s.authorHandle ?? "-", age: s.createdAt })),
      // A resubmission: which try this is and why the one before was refused.
      ...(s.attempt > 1 ? [paragraph(t(locale, "outcome.review.card_attempt", { attempt: s.attempt, reason: s.previousReason ?? "-" }))] : []),
      // The verifier's findings as sentences, never its raw JSON.
      ...(isProofUrl(s.url) ? [] : evidenceLines(locale, s.evidence).map((line) => paragraph(line))),
      // Reach and engagement where known, with its source and time (issue 13).
      // Its reading time shown natively with "3 hours ago": how fresh the counts are.
      ...(s.engagement ? [paragraph(...ti(zoned, "measurement.engagement", engagementParams(locale, s.engagement)))] : []),
    ],
    {
      disablePreview: true,
      buttons: [[
        { action: ACTIONS.reviewApprove, label: t(locale, "manage.button.approve"), payload: String(s.id), style: "primary" },
        { action: ACTIONS.reviewReject, label: t(locale, "manage.button.reject"), payload: String(s.id), style: "danger" },
      ]],
    },
  );
}

/** "Self-reported: screenshots sent by the influencer", then one dashboard link per file. */
function proofParagraphs(locale: Locale, proofs: NonNullable<ReviewItem["proofs"]>) {
  return [
    paragraph(t(locale, "measure.proof.card_self_reported", { count: proofs.length })),
    ...proofs.map((p, i) => paragraph(link(p.fileName ?? t(locale, "measure.proof.card_file", { n: i + 1 }), p.url))),
  ];
}

/** "1,200 views · 80 likes · 7 comments · YouTube API, 2 Mar 2026, 10:00 UTC" as text (the web page); unknown counts are "—". */
export function engagementLine(locale: Locale, zoned: Reader | { locale: Locale }, e: NonNullable<ReviewItem["engagement"]>): string {
  return t(zoned, "measurement.engagement", engagementParams(locale, e));
}

/** The figures, their source and the Date they were read (a time node in a chat card). */
function engagementParams(locale: Locale, e: NonNullable<ReviewItem["engagement"]>): Params {
  const n = (v: number | null) => (v === null ? t(locale, "measurement.engagement.unknown") : new Intl.NumberFormat(locale).format(v));
  const source = e.source === "youtube_api" || e.source === "self_reported" ? t(locale, `measurement.engagement.source.${e.source}`) : e.source;
  return { views: n(e.views), likes: n(e.likes), comments: n(e.comments), source, date: e.seenAt };
}

export function redemptionCard(reader: Locale | Reader, r: RedemptionItem): OutboundMessage {
  const locale = typeof reader === "string" ? reader : reader.locale;
  const zoned = typeof reader === "string" ? { locale: reader } : reader;
  return message(
    // one card per pending redemption, up to 20: the day alone, natively, reads best in that list
    [paragraph(...ti(zoned, "manage.redemption.item", { id: r.id, reward: r.rewardName, influencer: r.influencerName ?? `#${r.influencerId}`, cost: r.cost, date: dateOnly(r.createdAt) }))],
    {
      buttons: [[
        { action: ACTIONS.redemptionFulfil, label: t(locale, "manage.button.fulfil"), payload: String(r.id), style: "primary" },
        // A shipped product can only be marked delivered: its cancel (with refund) would be refused.
        ...(r.status === "shipped" ? [] : [{ action: ACTIONS.redemptionCancel, label: t(locale, "manage.button.cancel_refund"), payload: String(r.id), style: "danger" as const }]),
      ]],
    },
  );
}
