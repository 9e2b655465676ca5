// The managers' everyday look-ups (issue 15): `leaderboard`, `influencer NAME|@HANDLE|#ID`,
// `missions`. Spread into COMMANDS (src/cli/commands.ts) so the CLI and `/advo` share them; in
// chat, `/advo influencer` shows the same data as a card with actions (src/engine/manage/people.ts).
import { z } from "zod";
import { err, ok } from "../result.js";
import { requireManager } from "../services/managers.js";
import { leaderboard } from "../services/leaderboard.js";
import { findInfluencers, influencerCard, type PersonRef } from "../services/influencer-card.js";
import { listMissions } from "../services/missions-admin.js";
import { missionFigures } from "../services/stats.js";
import { flag } from "./args.js";
import type { Command } from "./commands.js";

const size = z.coerce.number().int().min(1).max(100);
const fmt = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "-");

/** "Ana (@ana_ig)" — how a person is named in text; an erased one by number only. */
export function personText(p: Pick<PersonRef, "id" | "name" | "handle" | "erased">): string {
  if (p.erased) return `#${p.id} (erased)`;
  const name = p.name ?? `#${p.id}`;
  return p.handle ? `${name} (@${p.handle.handle})` : name;
}

export const LEADERBOARD_USAGE = "leaderboard [--size N]";
export const INFLUENCER_USAGE = "influencer NAME|@HANDLE|#ID";
export const MISSIONS_USAGE = "missions [--status draft|scheduled|published|closed]";

export const CONSOLE_COMMANDS: Record<string, Command> = {
  leaderboard: {
    description: "the current cycle's top influencers",
    examples: ["advo leaderboard"],
    usage: LEADERBOARD_USAGE,
    run: async (deps, a, actor) => {
      const n = size.safeParse(flag(a, "size") ?? 10);
      if (!n.success) return err("manage.cli.usage", { usage: LEADERBOARD_USAGE });
      const refused = await requireManager(deps, actor, "report.view");
      if (refused) return refused;
      const board = await leaderboard(deps, null, n.data);
      const ids = board.top.map((r) => r.influencerId);
      const handles = ids.length ? await deps.db.socialHandle.findMany({ where: { influencerId: { in: ids } }, orderBy: { id: "asc" }, select: { influencerId: true, network: true, handle: true } }) : [];
      const first = new Map<number, { network: string; handle: string }>();
      for (const h of handles) if (!first.has(h.influencerId)) first.set(h.influencerId, { network: h.network, handle: h.handle });
      const rows = board.top.map((r) => ({ ...r, handle: first.get(r.influencerId) ?? null }));
      const text = rows.map((r) => `${String(r.rank).padStart(3)}. ${personText({ id: r.influencerId, name: r.name, handle: r.handle, erased: false })}  ${r.points} pts`).join("\n");
      return ok({ data: { participants: board.participants, top: rows }, text: text || "(no points earned in this cycle yet)" });
    },
  },
  influencer: {
    description: "an influencer's card: handles, status, balance, tier, last submissions",
    examples: ["advo influencer Ana", "advo influencer @ana.creates", "advo influencer #42"],
    usage: INFLUENCER_USAGE,
    run: async (deps, a, actor) => {
      const query = a.positionals.slice(1).join(" ");
      if (!query.trim()) return err("manage.cli.usage", { usage: INFLUENCER_USAGE });
      const found = await findInfluencers(deps, actor, query);
      if (!found.ok) return found;
      if (!found.value.length) return err("console.influencer.none", { query });
      if (found.value.length > 1) return ok({ data: { matches: found.value }, text: found.value.map((p) => `#${p.id}  ${personText(p)}`).join("\n") });
      const card = await influencerCard(deps, actor, found.value[0]!.id, deps.config.DEFAULT_LOCALE);
      if (!card.ok) return card;
      const c = card.value;
      if (c.erased) return ok({ data: c, text: `#${c.id}: this person erased their data; nothing about them is kept.` });
      return ok({
        data: c,
        text: [
          `#${c.id} ${c.name ?? ""}  [${c.status}${c.messagesPaused ? ", messages paused" : ""}]`,
          `handles: ${c.handles.map((h) => `${h.network} @${h.handle}`).join(", ") || "-"}`,
          `balance: ${c.balance} points in ${c.cycleName}${c.tier ? `  tier: ${c.tier}` : ""}`,
          `referred by: ${c.referral.referredBy ? `#${c.referral.referredBy.id} ${c.referral.referredBy.name ?? ""}`.trim() : "-"}  brought: ${c.referral.referredCount}`,
          ...c.submissions.map((s) => `  ${fmt(s.createdAt)}  #${s.id} [${s.status}] ${s.missionTitle}  ${s.url}`),
        ].join("\n"),
      });
    },
  },
  missions: {
    description: "live missions with their progress",
    examples: ["advo missions"],
    usage: MISSIONS_USAGE,
    run: async (deps, a, actor) => {
      const status = flag(a, "status");
      const list = await listMissions(deps, actor, status ? { status } : {});
      if (!list.ok) return list;
      const shown = list.value.filter((m) => status || m.status !== "closed").slice(0, 20);
      const figures = shown.length ? await missionFigures(deps, actor, { missionIds: shown.map((m) => m.id), limit: shown.length }) : ok([]);
      if (!figures.ok) return figures;
      const byId = new Map(figures.value.map((f) => [f.missionId, f]));
      const rows = shown.map((m) => ({ id: m.id, title: m.title, status: m.status, points: m.points, deadline: m.deadline, figures: byId.get(m.id) ?? null }));
      return ok({
        data: rows,
        text: rows.map((m) => `${m.id}  [${m.status}]  ${m.title}  ${m.points} pts  deadline ${fmt(m.deadline)}  ${m.figures ? `${m.figures.accepted} accepted · ${m.figures.submitted} submitted · ${m.figures.verified} approved` : ""}`.trimEnd()).join("\n") || "(no missions)",
      });
    },
  },
};
