// Rewards and redemptions (the open ones in redemption-queue.ts: address, "mark shipped" and "mark
// fulfilled" forms going through the same services as Slack and the CLI, which audit and tell the
// influencer), and the cycles with their close summaries.
import { rewardTextFor } from "../domain/content-translations.js";
import { z } from "zod";
import { roleAllows } from "../domain/roles.js";
import { t } from "../i18n/translate.js";
import { listRewards, pendingRedemptions } from "../services/catalog-admin.js";
import { listCycles } from "../services/cycles.js";
import type { Deps } from "../services/deps.js";
import { esc, statusText } from "./layout.js";
import { redemptionQueue } from "./redemption-queue.js";
import type { PageBody } from "./missions-page.js";
import { formatDay, formatNumber, formatWhen, type Reader } from "./reader.js";

const th = (reader: Reader, ids: string[]) => `<tr>${ids.map((id) => `<th>${esc(t(reader.locale, id as never))}</th>`).join("")}</tr>`;
const td = (...cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
const refusal = (reader: Reader, r: { error: string; params?: Record<string, unknown> }) => `<p>${esc(t(reader.locale, r.error as never, (r.params ?? {}) as never))}</p>`;

export async function rewardsBody(deps: Deps, reader: Reader): Promise<PageBody> {
  const l = reader.locale;
  const title = t(l, "web.nav.rewards");
  const [rewards, pending, decided] = await Promise.all([
    listRewards(deps, reader.actor),
    // The queue is for roles that may see redemptions (admins); the catalog and history for every reader.
    roleAllows(reader.role, "redemption.list") ? pendingRedemptions(deps, reader.actor) : undefined,
    deps.db.redemption.findMany({ where: { status: { not: "pending" } }, orderBy: [{ decidedAt: "desc" }, { id: "desc" }], take: 50, include: { reward: { select: { name: true } }, influencer: { select: { displayName: true } } } }),
  ]);
  if (!rewards.ok) return { title, body: refusal(reader, rewards) };
  if (pending && !pending.ok) return { title, body: refusal(reader, pending) };
  const catalog = rewards.value.length
    ? `<table>${th(reader, ["web.rewards.reward", "web.rewards.cost", "web.rewards.stock", "web.directory.status"])}` +
      rewards.value.map((r) => td(esc(rewardTextFor(r, l).name), esc(formatNumber(reader, r.cost)), esc(r.stock === null ? "∞" : formatNumber(reader, r.stock)), esc(t(l, r.active ? "web.rewards.active" : "web.rewards.inactive")))).join("") + `</table>`
    : `<p>${esc(t(l, "web.rewards.none"))}</p>`;
  const queue = pending ? redemptionQueue(reader, pending.value) : "";
  const history = decided.length
    ? `<table>${th(reader, ["web.ledger.when", "web.directory.name", "web.rewards.reward", "web.directory.status", "web.rewards.by"])}` +
      decided.map((r) => td(esc(formatWhen(reader, r.decidedAt)), esc(r.influencer.displayName ?? `#${r.influencerId}`), esc(r.reward.name), statusText(l, r.status), esc(r.decidedBy ?? ""))).join("") + `</table>`
    : "";
  return {
    title,
    body: (queue ? `<h2>${esc(t(l, "web.rewards.pending"))}</h2>${queue}` : "") + `<h2>${esc(t(l, "web.rewards.catalog"))}</h2>${catalog}` +
      (history ? `<h2>${esc(t(l, "web.rewards.decided"))}</h2>${history}` : ""),
  };
}

const closeSummary = z.object({ participants: z.number(), bonusesPaid: z.number(), expired: z.number(), rolledOver: z.number() }).partial();

export async function cyclesBody(deps: Deps, reader: Reader): Promise<PageBody> {
  const l = reader.locale;
  const title = t(l, "web.nav.cycles");
  const cycles = await listCycles(deps, reader.actor);
  if (!cycles.ok) return { title, body: refusal(reader, cycles) };
  if (!cycles.value.length) return { title, body: `<p>${esc(t(l, "web.cycles.none"))}</p>` };
  const rows = cycles.value.map((c) => {
    const s = closeSummary.safeParse(c.summary ?? {});
    const figures = s.success && c.status === "closed"
      ? t(l, "web.cycles.summary", { participants: s.data.participants ?? 0, bonuses: s.data.bonusesPaid ?? 0, expired: s.data.expired ?? 0, rolled: s.data.rolledOver ?? 0 })
      : "";
    return td(`<a href="/dashboard?cycle=${c.id}">${esc(c.name)}</a>`, esc(formatDay(reader, c.startsAt)), esc(formatDay(reader, c.endsAt)), statusText(l, c.status), esc(figures));
  });
  return { title, body: `<table>${th(reader, ["web.cycles.name", "web.cycles.starts", "web.cycles.ends", "web.directory.status", "web.cycles.result"])}${rows.join("")}</table>` };
}
