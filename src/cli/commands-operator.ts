// Commands operators reached for (issue 18): the influencer directory and card, one submission,
// mission and reward edits, one cycle, the audit log. Thin entries over services; spread into
// COMMANDS (src/cli/commands.ts), so `/advo influencer show 7` works in chat too.
import { missionFormValues } from "../domain/mission-form.js";
import { ok } from "../result.js";
import { updateReward, type RewardInput } from "../services/catalog-admin.js";
import { editMission, getMission } from "../services/missions-admin.js";
import { auditLog, cycleDetail, influencerCard, listInfluencers, submissionDetail } from "../services/operator-queries.js";
import type { Deps } from "../services/deps.js";
import type { Actor } from "../services/managers.js";
import { flag, type ParsedArgs } from "./args.js";
import type { CliResult, Command } from "./commands.js";
import { idArg as idAt, usage } from "./command-helpers.js";
import { readMissionFile } from "./mission-file.js";
import { fmtDate, fmtNum, table } from "./format.js";

const lines = (pairs: [string, string | number | null | undefined][]) => {
  const w = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(w + 2)}${typeof v === "number" ? fmtNum(v) : (v ?? "-")}`).join("\n");
};

type Rows = { id: number; displayName: string | null; status: string; locale: string | null; region: string | null; handles: { network: string; handle: string }[]; createdAt: Date }[];
const influencerTable = (rows: Rows, a: ParsedArgs) =>
  table(["ID", "STATUS", "NAME", "LANG", "REGION", "JOINED", "HANDLES"], rows.map((i) => [i.id, i.status, i.displayName ?? "", i.locale ?? "", i.region ?? "", fmtDate(i.createdAt, a), i.handles.map((h) => `${h.network}:@${h.handle}`).join(" ")]), "(no influencers)");

async function influencers(deps: Deps, a: ParsedArgs, actor: Actor, q?: string): Promise<CliResult> {
  const r = await listInfluencers(deps, actor, { ...(q ? { q } : {}), status: flag(a, "status") as never, limit: flag(a, "limit") });
  return r.ok ? ok({ data: r.value, text: influencerTable(r.value, a) }) : r;
}

const INFLUENCER_STATUSES = "invited|onboarding|active|paused|left";

export const OPERATOR_COMMANDS: Record<string, Command> = {
  "influencer list": {
    usage: `influencer list [--status ${INFLUENCER_STATUSES}] [--limit N]`,
    description: "list influencers, newest first",
    examples: ["advo influencer list", "advo influencer list --status active --limit 200 --json"],
    run: (deps, a, actor) => influencers(deps, a, actor),
  },
  "influencer search": {
    usage: `influencer search TEXT [--status ${INFLUENCER_STATUSES}] [--limit N]`,
    description: "find influencers by name or social handle (case-insensitive)",
    examples: ["advo influencer search ana", "advo influencer search @ana_travels"],
    run: async (deps, a, actor) => {
      const q = a.positionals.slice(2).join(" ").trim();
      return q ? influencers(deps, a, actor, q) : usage("influencer search TEXT");
    },
  },
  "influencer show": {
    usage: "influencer show ID",
    description: "one influencer: status, accounts, handles, points, latest submissions and redemptions",
    examples: ["advo influencer show 7", "advo influencer show 7 --json"],
    run: async (deps, a, actor) => {
      const n = idAt(a, 2);
      if (!n) return usage("influencer show ID");
      const r = await influencerCard(deps, actor, n);
      if (!r.ok) return r;
      const p = r.value;
      const text = [
        lines([["Influencer", `${p.id} ${p.displayName ?? ""}`.trim()], ["Status", p.status], ["Language", p.locale ?? p.platformLocale], ["Region", p.region], ["Time zone", p.timezone],
          ["Joined", fmtDate(p.createdAt, a)], ["Accounts", p.accounts.map((x) => `${x.platform}${x.username ? `:@${x.username}` : ""}${x.reachable ? "" : " (unreachable)"}`).join(", ")],
          ["Handles", p.handles.map((h) => `${h.network}:@${h.handle}`).join(", ")], ["Points", `${fmtNum(p.balance)} in ${p.cycle.name}, ${fmtNum(p.lifetime)} lifetime`]]),
        "", "Latest submissions:", table(["ID", "STATUS", "MISSION", "SENT", "URL"], p.submissions.map((s) => [s.id, s.status, s.missionId, fmtDate(s.createdAt, a), s.url]), "(none)"),
        "", "Latest redemptions:", table(["ID", "STATUS", "COST", "REQUESTED", "REWARD"], p.redemptions.map((x) => [x.id, x.status, x.cost, fmtDate(x.createdAt, a), x.reward]), "(none)"),
      ].join("\n");
      return ok({ data: p, text });
    },
  },
  "submission show": {
    usage: "submission show ID",
    description: "one submission: mission, influencer, link, verification evidence, decision",
    examples: ["advo submission show 42", "advo submission show 42 --json"],
    run: async (deps, a, actor) => {
      const n = idAt(a, 2);
      if (!n) return usage("submission show ID");
      const r = await submissionDetail(deps, actor, n);
      if (!r.ok) return r;
      const s = r.value;
      return ok({ data: s, text: lines([["Submission", s.id], ["Status", s.status], ["Mission", `${s.missionId} ${s.missionTitle} (${fmtNum(s.missionPoints)} points)`], ["Influencer", `${s.influencerId} ${s.influencerName ?? ""}`.trim()],
        ["Link", s.url], ["Network", s.network], ["Author", s.authorHandle ? `@${s.authorHandle}` : null], ["Attempt", s.attempt], ["Sent", fmtDate(s.createdAt, a)], ["Verified", fmtDate(s.verifiedAt, a)],
        ["Decided", s.decidedAt ? `${fmtDate(s.decidedAt, a)} by ${s.decidedBy ?? "system"}` : null], ["Reason", s.rejectionReason], ["Evidence", s.evidence ? JSON.stringify(s.evidence) : null]]) });
    },
  },
  "mission edit": {
    usage: "mission edit ID --file changes.json|yaml",
    description: "change a mission from a file holding only the fields to change; people who accepted it are told",
    examples: ["advo mission edit 12 --file deadline.yaml   # deadline: 2027-01-31T18:00:00Z"],
    run: async (deps, a, actor) => {
      const n = idAt(a, 2);
      const file = flag(a, "file");
      if (!n || !file) return usage("mission edit ID --file changes.json|yaml");
      const values = readMissionFile(file);
      if (!values.ok) return values;
      const current = await getMission(deps, actor, n);
      if (!current.ok) return current;
      const r = await editMission(deps, actor, n, { ...missionFormValues(current.value), ...values.value });
      if (!r.ok) return r as CliResult;
      const v = r.value;
      return ok({ data: { id: v.mission.id, changed: v.changed, notified: v.notified }, text: v.changed.length ? `mission ${n}: changed ${v.changed.join(", ")}; ${fmtNum(v.notified)} people told` : `mission ${n}: nothing changed` });
    },
  },
  "reward edit": {
    usage: "reward edit ID [--name NAME] [--cost N] [--stock N] [--description TEXT] [--active true|false]",
    description: "change a reward (an empty --stock means unlimited; --active false hides it)",
    examples: ["advo reward edit 3 --cost 450 --stock 20", "advo reward edit 3 --active false"],
    run: async (deps, a, actor) => {
      const n = idAt(a, 2);
      if (!n) return usage("reward edit ID [--name NAME] [--cost N] [--stock N] [--description TEXT] [--active true|false]");
      const input: Partial<RewardInput> = {};
      for (const k of ["name", "cost", "stock", "description", "active"] as const) if (flag(a, k) !== undefined) (input as Record<string, unknown>)[k] = flag(a, k);
      const r = await updateReward(deps, actor, n, input);
      return r.ok ? ok({ data: r.value, text: `reward ${n}: ${r.value.name}, ${fmtNum(r.value.cost)} pts, stock ${r.value.stock === null ? "∞" : fmtNum(r.value.stock)}${r.value.active ? "" : ", inactive"}` }) : r;
    },
  },
  "cycle show": {
    usage: "cycle show [ID]",
    description: "a reward cycle (the open one by default): dates, points earned, participants, standings once closed",
    examples: ["advo cycle show", "advo cycle show 3 --json"],
    run: async (deps, a, actor) => {
      const given = a.positionals[2];
      const n = given === undefined ? undefined : idAt(a, 2);
      if (given !== undefined && !n) return usage("cycle show [ID]");
      const r = await cycleDetail(deps, actor, n);
      if (!r.ok) return r;
      const c = r.value;
      const head = lines([["Cycle", `${c.id} ${c.name}`], ["Status", c.status], ["Starts", fmtDate(c.startsAt, a)], ["Ends", fmtDate(c.endsAt, a)], ["Closed", fmtDate(c.closedAt, a)],
        ["Points earned", c.pointsEarned], ["Participants", c.participants]]);
      const standings = c.standings.length ? ["", "Standings:", table(["RANK", "INFLUENCER", "POINTS", "BONUS"], c.standings.map((s) => [s.rank, s.influencerId, s.points, s.bonus]), "")] : [];
      return ok({ data: c, text: [head, ...standings].join("\n") });
    },
  },
  "audit log": {
    usage: "audit log [--actor WHO] [--action PREFIX] [--since YYYY-MM-DD] [--limit N]",
    description: "who did what, newest first (--action matches a prefix: cycle. or cycle.close)",
    examples: ["advo audit log --since 2026-12-01", "advo audit log --actor operator --action cycle. --limit 20", "advo audit log --actor slack:U0123ABCD --json"],
    run: async (deps, a, actor) => {
      const r = await auditLog(deps, actor, { actor: flag(a, "actor"), action: flag(a, "action"), since: flag(a, "since"), limit: flag(a, "limit") });
      return r.ok ? ok({ data: r.value, text: table(["ID", "AT", "ACTOR", "ACTION", "TARGET", "OUTCOME"], r.value.map((e) => [e.id, fmtDate(e.at, a), e.actor, e.action, e.targetType ? `${e.targetType}:${e.targetId ?? ""}` : "", e.outcome]), "(no audit entries)") }) : r;
    },
  },
};
