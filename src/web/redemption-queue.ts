// The open redemptions on the rewards page (issue 21): what was redeemed, by whom, its status and
// tracking number, where a product goes (the address typed in the chat — shown only to a role
// allowed "redemption.address", and gone once the person is erased), a "mark shipped" form with
// the tracking number for a pending product and a "mark fulfilled" form. Both forms post to the
// same services as the CLI and Slack, which check the role, audit and tell the influencer.
import { roleAllows } from "../domain/roles.js";
import { t } from "../i18n/translate.js";
import type { RedemptionItem } from "../services/catalog-admin.js";
import { csrfField, esc, statusText } from "./layout.js";
import { formatNumber, formatWhen, type Reader } from "./reader.js";

const cell = (html: string) => `<td>${html}</td>`;

function shipForm(reader: Reader, r: RedemptionItem): string {
  const action = `/dashboard/rewards/redemptions/${r.id}/ship`;
  if (r.kind !== "product" || r.status !== "pending" || !reader.may(action, "POST")) return "";
  const label = esc(t(reader.locale, "growth.web.tracking"));
  return `<form class="inline" method="post" action="${action}">${csrfField(reader.csrf)}` +
    `<input name="tracking" required minlength="3" maxlength="100" aria-label="${label}" placeholder="${label}"> <button>${esc(t(reader.locale, "growth.web.ship"))}</button></form> `;
}

function fulfilForm(reader: Reader, r: RedemptionItem): string {
  const action = `/dashboard/rewards/redemptions/${r.id}/fulfil`;
  if (!reader.may(action, "POST")) return "";
  const note = esc(t(reader.locale, "web.rewards.note"));
  return `<form class="inline" method="post" action="${action}">${csrfField(reader.csrf)}` +
    `<input name="note" maxlength="500" aria-label="${note}" placeholder="${note}"> <button>${esc(t(reader.locale, "web.rewards.fulfil"))}</button></form>`;
}

function statusCell(reader: Reader, r: RedemptionItem): string {
  const tracking = r.trackingNumber ? `<br>${esc(t(reader.locale, "growth.web.tracking_label", { tracking: r.trackingNumber }))}` : "";
  return statusText(reader.locale, r.status) + tracking;
}

/** The queue's table; `items` come from pendingRedemptions (pending and shipped, oldest first). */
export function redemptionQueue(reader: Reader, items: RedemptionItem[]): string {
  const l = reader.locale;
  if (!items.length) return `<p>${esc(t(l, "web.rewards.nothing_pending"))}</p>`;
  const showAddress = roleAllows(reader.role, "redemption.address");
  const heads = ["web.ledger.when", "web.directory.name", "web.rewards.reward", "web.rewards.cost", "growth.web.status", ...(showAddress ? ["growth.web.address"] : []), "web.rewards.fulfil"];
  const rows = items.map((r) => `<tr id="redemption-${r.id}">` + [
    cell(esc(formatWhen(reader, r.createdAt))),
    cell(`<a href="/dashboard/influencers/${r.influencerId}">${esc(r.influencerName ?? `#${r.influencerId}`)}</a>`),
    cell(esc(r.rewardName)),
    cell(esc(formatNumber(reader, r.cost))),
    cell(statusCell(reader, r)),
    ...(showAddress ? [cell(r.shippingAddress ? `<address>${r.shippingAddress.map(esc).join("<br>")}</address>` : "")] : []),
    cell(shipForm(reader, r) + fulfilForm(reader, r)),
  ].join("") + `</tr>`);
  return `<table><tr>${heads.map((id) => `<th>${esc(t(l, id as never))}</th>`).join("")}</tr>${rows.join("")}</table>`;
}
