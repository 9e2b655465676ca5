// An influencer's profile: who they are (status, language, time zone, handles, tier), their
// missions, submissions, the latest ledger entries and their redemptions. A fixed number of
// reads, each capped (a long-standing member's ledger is shown newest first, 100 entries).
import { localized } from "../domain/tiers.js";
import { t } from "../i18n/translate.js";
import type { Deps } from "../services/deps.js";
import { currentCycle, cycleBalance } from "../services/ledger.js";
import { tierOf } from "../services/tiers.js";
import { referralsOf } from "../services/referrals-figures.js";
import { personLink } from "./directory.js";
import { esc, statusText } from "./layout.js";
import type { PageBody } from "./missions-page.js";
import { formatNumber, formatWhen, type Reader } from "./reader.js";

const th = (reader: Reader, ids: string[]) => `<tr>${ids.map((id) => `<th>${esc(t(reader.locale, id as never))}</th>`).join("")}</tr>`;
const table = (reader: Reader, head: string[], rows: string[], empty: string) => (rows.length ? `<table>${th(reader, head)}${rows.join("")}</table>` : `<p>${esc(empty)}</p>`);
const td = (...cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;

export async function influencerProfileBody(deps: Deps, reader: Reader, influencerId: number): Promise<PageBody> {
  const l = reader.locale;
  // A profile is personal data: the session guard checked the role ("influencer", as the chat's card; access.ts).
  const person = await deps.db.influencer.findUnique({
    where: { id: influencerId },
    include: { handles: { select: { network: true, handle: true } }, accounts: { select: { platform: true, username: true, unreachableAt: true } } },
  });
  if (!person || person.deletedAt) return { title: t(l, "web.nav.influencers"), body: `<p>${esc(t(l, "web.influencer.not_found"))}</p>`, status: 404 };
  const cycle = await currentCycle(deps.db, deps.clock);
  const [tier, balance, participations, submissions, ledger, redemptions, referrals] = await Promise.all([
    tierOf(deps, influencerId, cycle),
    cycleBalance(deps.db, influencerId, cycle.id),
    deps.db.participation.findMany({ where: { influencerId }, orderBy: { id: "desc" }, take: 100, select: { missionId: true, status: true, acceptedAt: true, mission: { select: { title: true } } } }),
    deps.db.submission.findMany({ where: { influencerId }, orderBy: { id: "desc" }, take: 100, select: { url: true, status: true, createdAt: true, missionId: true } }),
    deps.db.ledgerEntry.findMany({ where: { influencerId }, orderBy: { id: "desc" }, take: 100, select: { createdAt: true, amount: true, kind: true, reason: true, reference: true } }),
    deps.db.redemption.findMany({ where: { influencerId }, orderBy: { id: "desc" }, take: 100, select: { id: true, status: true, cost: true, createdAt: true, reward: { select: { name: true } } } }),
    referralsOf(deps.db, influencerId),
  ]);
  const facts = `<dl class="figures">` +
    [
      ["web.directory.status", t(l, "status.word", { status: person.status })],
      ["web.directory.language", person.locale ?? person.platformLocale ?? ""],
      ["web.influencer.timezone", person.timezone ?? ""],
      ["web.influencer.tier", tier.current ? localized(tier.current.names, l) : "—"],
      ["web.influencer.balance", formatNumber(reader, balance)],
      ["web.influencer.joined", formatWhen(reader, person.activatedAt)],
    ].map(([id, v]) => `<div class="figure"><dt>${esc(t(l, id as never))}</dt><dd>${esc(v)}</dd></div>`).join("") +
    (referrals.referredBy ? `<div class="figure"><dt>${esc(t(l, "web.influencer.referred_by"))}</dt><dd>${personLink(referrals.referredBy)}</dd></div>` : "") + `</dl>`;
  const referred = table(reader, ["web.directory.name", "web.directory.status", "web.influencer.joined"],
    referrals.referred.map((r) => td(personLink(r), statusText(l, r.status), esc(formatWhen(reader, r.joinedAt)))), t(l, "web.influencer.no_referrals"));
  const handles = `<h2>${esc(t(l, "web.directory.handles"))}</h2><ul>` +
    person.handles.map((h) => `<li>${esc(`${h.network}: @${h.handle}`)}</li>`).join("") +
    person.accounts.map((a) => `<li>${esc(`${a.platform}${a.username ? `: ${a.username}` : ""}`)}${a.unreachableAt ? ` (${esc(t(l, "web.influencer.unreachable"))})` : ""}</li>`).join("") + `</ul>`;
  const missions = table(reader, ["web.missions.title", "web.directory.status", "web.missions.accepted_at"],
    participations.map((p) => td(`<a href="/dashboard/missions/${p.missionId}">${esc(p.mission.title)}</a>`, statusText(l, p.status), esc(formatWhen(reader, p.acceptedAt)))), t(l, "web.influencer.no_missions"));
  const posts = table(reader, ["web.missions.submitted_at", "web.missions.post", "web.directory.status"],
    submissions.map((s) => td(esc(formatWhen(reader, s.createdAt)), `<a href="${esc(s.url)}" rel="noreferrer">${esc(s.url)}</a>`, statusText(l, s.status))), t(l, "web.missions.no_submissions"));
  const entries = table(reader, ["web.ledger.when", "web.ledger.amount", "web.ledger.kind", "web.ledger.reason"],
    ledger.map((e) => td(esc(formatWhen(reader, e.createdAt)), esc(formatNumber(reader, e.amount)), esc(e.kind), esc(e.reason ?? e.reference ?? ""))), t(l, "web.ledger.empty"));
  const rewards = table(reader, ["web.ledger.when", "web.rewards.reward", "web.rewards.cost", "web.directory.status"],
    redemptions.map((r) => td(esc(formatWhen(reader, r.createdAt)), esc(r.reward.name), esc(formatNumber(reader, r.cost)), statusText(l, r.status))), t(l, "web.rewards.none"));
  return {
    title: person.displayName ?? `#${person.id}`,
    body: facts + handles + `<h2>${esc(t(l, "web.nav.missions"))}</h2>${missions}<h2>${esc(t(l, "web.missions.submissions"))}</h2>${posts}` +
      `<h2>${esc(t(l, "web.influencer.ledger"))}</h2>${entries}<h2>${esc(t(l, "web.influencer.redemptions"))}</h2>${rewards}` +
      `<h2>${esc(t(l, "web.influencer.referrals"))}</h2>${referred}`,
  };
}
