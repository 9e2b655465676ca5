// The overview's referral figures (issue 21): member codes, people who joined with one, onboarded,
// first posts and the points paid, and the members who brought the most people — the same grouped
// queries as `advo stats` and `advo referral report`. Any role that reads reports sees it; names
// link to profiles only for roles that may open them.
import { roleAllows } from "../domain/roles.js";
import { t } from "../i18n/translate.js";
import type { Deps } from "../services/deps.js";
import { referralFigures } from "../services/referrals-figures.js";
import { esc } from "./layout.js";
import type { Reader } from "./reader.js";

export async function referralSection(deps: Pick<Deps, "db">, reader: Reader): Promise<string> {
  if (!roleAllows(reader.role, "referral.view")) return "";
  const f = await referralFigures(deps.db);
  if (!f.codes) return "";
  const l = reader.locale;
  const name = (p: { id: number; name: string | null }) => {
    const label = esc(p.name ?? `#${p.id}`);
    return reader.may(`/dashboard/influencers/${p.id}`) ? `<a href="/dashboard/influencers/${p.id}">${label}</a>` : label;
  };
  const top = f.top.length
    ? `<ol>${f.top.map((p) => `<li>${name(p)} — ${esc(t(l, "growth.web.referred_count", { count: p.referred }))}</li>`).join("")}</ol>`
    : "";
  return `<section id="referrals"><h2>${esc(t(l, "growth.web.referrals"))}</h2>` +
    `<p>${esc(t(l, "growth.referral.stats", { codes: f.codes, joined: f.joined, onboarded: f.onboarded, firstPosts: f.firstPosts, points: f.points }))}</p>${top}</section>`;
}
