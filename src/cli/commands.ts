// The operator commands: each maps arguments (validated with zod) to one manager service on
// behalf of an actor, and returns data (for --json) plus a short text. The CLI runs them as
// "operator"; chat managers reach the same table through `/advo <command>` (src/engine/manage).
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { toPlainText } from "../engine/message.js";
import { err, ok, type ErrParams, type Result } from "../result.js";
import type { Deps } from "../services/deps.js";
import type { Actor } from "../services/managers.js";
import { createInvitations, listInvitations, revokeInvitation } from "../services/invitations.js";
import { closeMission, createMissionDraft, duplicateMission, listMissions, previewMission, publishMission } from "../services/missions-admin.js";
import { approveSubmission, rejectSubmission, reviewQueue } from "../services/review.js";
import { adjustPoints, influencerStatement } from "../services/points-admin.js";
import { cancelRedemption, createReward, fulfilRedemption, listRewards, pendingRedemptions } from "../services/catalog-admin.js";
import { closeCycle, setCycleSettings } from "../services/cycles.js";
import { statsReport } from "../services/stats.js";
import { createTrackingLink } from "../services/tracking.js";
import { draftBroadcast, sendBroadcast } from "../services/broadcast.js";
import { csv, flag, type ParsedArgs } from "./args.js";
import { flattenTranslations } from "../domain/mission-form-translations.js";
import { MEASUREMENT_COMMANDS } from "./commands-measurement.js";
import { SUBMISSION_COMMANDS } from "./commands-submissions.js";
import { TIER_COMMANDS } from "./commands-tiers.js";
import { ROLE_COMMANDS } from "./commands-roles.js";
import { DASHBOARD_COMMANDS } from "./commands-dashboard.js";
import { EXPORT_COMMANDS } from "./commands-export.js";
import { DB_COMMANDS } from "./commands-db.js";
import { REFERRAL_COMMANDS } from "./commands-referrals.js";
import { FULFILMENT_COMMANDS } from "./commands-fulfilment.js";

export interface CliOutput {
  data: unknown;
  text: string;
}
export type CliResult = Result<CliOutput> | { ok: false; error: string; params?: ErrParams; fieldErrors?: { field: string; messageId: string }[] };
/** `actor`: "operator" from the CLI, the chat user (platform:userId) from /advo in chat. */
export type Command = { usage: string; run: (deps: Deps, args: ParsedArgs, actor: Actor) => Promise<CliResult> };

const id = z.coerce.number().int().positive();
const usage = (u: string) => err("manage.cli.usage", { usage: u });

function arg(args: ParsedArgs, index: number): string | undefined {
  return args.positionals[index];
}

function idArg(args: ParsedArgs, index: number): number | undefined {
  const r = id.safeParse(arg(args, index));
  return r.success ? r.data : undefined;
}

const fmtDate = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "-");

/** Reads a mission file (JSON or YAML); a nested `segment` is flattened into the form fields. */
export function readMissionFile(path: string): Result<Record<string, unknown>> {
  if (!existsSync(path)) return err("manage.cli.file_not_found", { path });
  let doc: unknown;
  try {
    const text = readFileSync(path, "utf8");
    doc = extname(path) === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    return err("manage.cli.file_unreadable", { path, reason: (e as Error).message.split("\n")[0] ?? "" });
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return err("manage.cli.file_unreadable", { path, reason: "expected an object" });
  const { segment, translations, ...rest } = doc as Record<string, unknown>;
  const seg = (segment && typeof segment === "object" ? segment : {}) as Record<string, unknown>;
  return ok({
    ...(seg.regions !== undefined ? { regions: seg.regions } : {}),
    ...(seg.interests !== undefined ? { interests: seg.interests } : {}),
    ...(seg.networks !== undefined ? { segmentNetworks: seg.networks } : {}),
    ...(seg.tags !== undefined ? { tags: seg.tags } : {}),
    // translations: { es: { title, brief, dos, donts } } → title_es, brief_es, … (issue 17)
    ...flattenTranslations(translations),
    ...rest,
  });
}

function wrap<T>(r: Result<T> | CliResult, text: (v: T) => string): CliResult {
  if (!r.ok) return r as CliResult;
  const value = (r as { value: T }).value;
  return ok({ data: value, text: text(value) });
}

export const COMMANDS: Record<string, Command> = {
  "invite create": {
    usage: "invite create [--count N] [--uses N] [--days D] [--tags a,b] [--note TEXT]",
    run: async (deps, a, actor) => wrap(
      await createInvitations(deps, actor, { count: flag(a, "count") ?? 1, uses: flag(a, "uses") ?? 1, ...(flag(a, "days") ? { days: flag(a, "days") } : {}), tags: csv(flag(a, "tags")), ...(flag(a, "note") ? { note: flag(a, "note") } : {}) } as never),
      (list) => list.map((i) => `${i.code}  uses ${i.maxUses}  expires ${fmtDate(i.expiresAt)}\n${i.links.map((l) => `  ${l.platform}: ${l.link}`).join("\n")}`).join("\n"),
    ),
  },
  "invite list": {
    usage: "invite list",
    run: async (deps, _a, actor) => wrap(await listInvitations(deps, actor), (list) =>
      list.map((i) => `${i.code}  ${i.uses}/${i.maxUses} used  expires ${fmtDate(i.expiresAt)}${i.revoked ? "  REVOKED" : ""}${i.tags.length ? `  tags ${i.tags.join(",")}` : ""}`).join("\n") || "(no invitations)"),
  },
  "invite revoke": {
    usage: "invite revoke CODE",
    run: async (deps, a, actor) => (arg(a, 2) ? wrap(await revokeInvitation(deps, actor, arg(a, 2)!), (i) => `revoked ${i.code}`) : usage("invite revoke CODE")),
  },
  "mission create": {
    usage: "mission create --file mission.json|yaml",
    run: async (deps, a, actor) => {
      const file = flag(a, "file");
      if (!file) return usage("mission create --file mission.json|yaml");
      const values = readMissionFile(file);
      if (!values.ok) return values;
      return wrap(await createMissionDraft(deps, actor, values.value), (m) => `created draft mission ${m.id}: ${m.title}`);
    },
  },
  "mission list": {
    usage: "mission list [--status draft|scheduled|published|closed]",
    run: async (deps, a, actor) => wrap(await listMissions(deps, actor, flag(a, "status") ? { status: flag(a, "status")! } : {}), (list) =>
      list.map((m) => `${m.id}  [${m.status}]  ${m.title}  ${m.points} pts  deadline ${fmtDate(m.deadline)}`).join("\n") || "(no missions)"),
  },
  "mission preview": {
    usage: "mission preview ID",
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await previewMission(deps, actor, n, deps.config.DEFAULT_LOCALE), (m) => toPlainText(m)) : usage("mission preview ID");
    },
  },
  "mission publish": {
    usage: "mission publish ID",
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await publishMission(deps, actor, n), (r) => (r.status === "scheduled" ? `mission ${n} scheduled` : `mission ${n} published, announced to ${r.announced}`)) : usage("mission publish ID");
    },
  },
  "mission close": {
    usage: "mission close ID",
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await closeMission(deps, actor, n), () => `mission ${n} closed`) : usage("mission close ID");
    },
  },
  "mission duplicate": {
    usage: "mission duplicate ID",
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await duplicateMission(deps, actor, n), (m) => `created draft mission ${m.id} from ${n}`) : usage("mission duplicate ID");
    },
  },
  "submission list": {
    usage: "submission list [--status needs_review|pending|verified|approved|rejected]",
    run: async (deps, a, actor) => wrap(await reviewQueue(deps, actor, { status: flag(a, "status") ?? "needs_review" }), (list) =>
      list.map((s) => `${s.id}  [${s.status}]  mission ${s.missionId} ${s.missionTitle}  influencer ${s.influencerId}  ${s.url}`).join("\n") || "(no submissions)"),
  },
  "submission approve": {
    usage: "submission approve ID",
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await approveSubmission(deps, actor, n), (r) => `submission ${n} approved, ${r.awarded} points awarded`) : usage("submission approve ID");
    },
  },
  "submission reject": {
    usage: "submission reject ID --reason TEXT",
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      const reason = flag(a, "reason");
      if (!n || !reason) return usage("submission reject ID --reason TEXT");
      return wrap(await rejectSubmission(deps, actor, n, reason), () => `submission ${n} rejected`);
    },
  },
  "points adjust": {
    usage: "points adjust INFLUENCER POINTS --reason TEXT [--id REQUEST_ID]",
    run: async (deps, a, actor) => {
      const inf = idArg(a, 2);
      const points = arg(a, 3);
      const reason = flag(a, "reason");
      if (!inf || points === undefined || !reason) return usage("points adjust INFLUENCER POINTS --reason TEXT [--id REQUEST_ID]");
      return wrap(await adjustPoints(deps, actor, { influencerId: inf, points, reason, ...(flag(a, "id") ? { requestId: flag(a, "id")! } : {}) }),
        (r) => (r.created ? `adjusted; balance now ${r.balance}` : `already applied; balance ${r.balance}`));
    },
  },
  "points statement": {
    usage: "points statement INFLUENCER",
    run: async (deps, a, actor) => {
      const inf = idArg(a, 2);
      return inf ? wrap(await influencerStatement(deps, actor, inf), (s) =>
        [`${s.displayName ?? `#${s.influencerId}`}: ${s.balance} points in ${s.cycle.name}, ${s.lifetime} lifetime`,
          ...s.entries.map((e) => `  ${fmtDate(e.at)}  ${e.amount > 0 ? "+" : ""}${e.amount}  ${e.kind}${e.reason ? `  ${e.reason}` : ""}`)].join("\n")) : usage("points statement INFLUENCER");
    },
  },
  "reward create": {
    usage: "reward create --name NAME --cost N [--stock N] [--description TEXT] [--kind product|voucher|experience] [--instructions TEXT] [--low-stock N]",
    run: async (deps, a, actor) => {
      const instructions = flag(a, "instructions");
      return wrap(await createReward(deps, actor, {
        name: flag(a, "name") ?? "", cost: flag(a, "cost") ?? "", stock: flag(a, "stock") ?? null, description: flag(a, "description") ?? "",
        kind: flag(a, "kind") ?? "experience", instructions: instructions ? { [deps.config.DEFAULT_LOCALE]: instructions } : null, lowStockAt: flag(a, "low-stock"),
      } as never), (r) => `created reward ${r.id}: ${r.name} (${r.kind})`);
    },
  },
  "reward list": {
    usage: "reward list",
    run: async (deps, _a, actor) => wrap(await listRewards(deps, actor), (list) => list.map((r) => `${r.id}  ${r.name}  ${r.cost} pts  stock ${r.stock ?? "∞"}${r.active ? "" : "  inactive"}`).join("\n") || "(no rewards)"),
  },
  "redemption list": {
    usage: "redemption list",
    run: async (deps, _a, actor) => wrap(await pendingRedemptions(deps, actor), (list) => list.map((r) => `${r.id}  ${r.rewardName}  influencer ${r.influencerId}  ${r.cost} pts  ${fmtDate(r.createdAt)}  ${r.status}${r.trackingNumber ? ` (${r.trackingNumber})` : ""}${r.shippingAddress ? `  ship to: ${r.shippingAddress.join(", ")}` : ""}`).join("\n") || "(no pending redemptions)"),
  },
  "redemption fulfil": {
    usage: "redemption fulfil ID",
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await fulfilRedemption(deps, actor, n), () => `redemption ${n} fulfilled`) : usage("redemption fulfil ID");
    },
  },
  "redemption cancel": {
    usage: "redemption cancel ID",
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await cancelRedemption(deps, actor, n), (r) => `redemption ${n} cancelled, ${r.refunded} points refunded`) : usage("redemption cancel ID");
    },
  },
  "cycle close": {
    usage: "cycle close [--force]",
    run: async (deps, a, actor) => wrap(await closeCycle(deps, actor, { force: a.flags.force === true }), (s) =>
      `closed ${s.cycleName}: ${s.participants} participants, ${s.bonusesPaid} bonus points, ${s.expired} expired, ${s.rolledOver} rolled over, ${s.notified} notified; opened ${s.nextCycleName}`),
  },
  "cycle settings": {
    usage: "cycle settings [--length quarter|semester|year|custom] [--ends YYYY-MM-DD] [--bonuses 500,300,100] [--reset | --rollover CAP]",
    run: async (deps, a, actor) => {
      const input: Record<string, unknown> = {};
      if (flag(a, "length")) input.length = flag(a, "length");
      if (flag(a, "ends")) input.nextEndsAt = flag(a, "ends");
      if (flag(a, "bonuses") !== undefined) input.bonuses = csv(flag(a, "bonuses")).map(Number);
      if (a.flags.reset === true) input.expiry = { policy: "reset" };
      if (flag(a, "rollover")) input.expiry = { policy: "rollover", cap: Number(flag(a, "rollover")) };
      return wrap(await setCycleSettings(deps, actor, input), (s) => JSON.stringify(s));
    },
  },
  "link create": {
    usage: "link create --url URL [--mission ID] [--influencer ID]",
    run: async (deps, a, actor) => {
      const url = flag(a, "url");
      if (!url) return usage("link create --url URL [--mission ID] [--influencer ID]");
      return wrap(await createTrackingLink(deps, actor, { targetUrl: url, ...(flag(a, "mission") ? { missionId: flag(a, "mission")! } : {}), ...(flag(a, "influencer") ? { influencerId: flag(a, "influencer")! } : {}) }),
        (l) => `${l.url} → ${l.targetUrl}`);
    },
  },
  stats: {
    usage: "stats",
    run: async (deps, _a, actor) => wrap(await statsReport(deps, actor, deps.config.DEFAULT_LOCALE), (r) => r.text),
  },
  broadcast: {
    usage: "broadcast --text TEXT [--regions a,b] [--interests a,b] [--networks a,b] [--tags a,b] [--yes]",
    run: async (deps, a, actor) => {
      const text = flag(a, "text");
      if (!text) return usage("broadcast --text TEXT [--regions a,b] [--interests a,b] [--networks a,b] [--tags a,b] [--yes]");
      const segment = { regions: csv(flag(a, "regions")), interests: csv(flag(a, "interests")), networks: csv(flag(a, "networks")), tags: csv(flag(a, "tags")) };
      const draft = await draftBroadcast(deps, actor, { text, segment });
      if (!draft.ok) return draft;
      if (a.flags.yes !== true) return ok({ data: { draft: draft.value.id, recipients: draft.value.recipients, sent: false }, text: `${draft.value.recipients} recipients would get:\n${toPlainText(draft.value.preview)}\n(re-run with --yes to send)` });
      return wrap(await sendBroadcast(deps, actor, draft.value.id), (r) => `queued for ${r.queued} recipients (batch broadcast:${r.id})`);
    },
  },
  ...MEASUREMENT_COMMANDS,
  ...SUBMISSION_COMMANDS,
  ...TIER_COMMANDS,
  ...ROLE_COMMANDS,
  ...DASHBOARD_COMMANDS,
  ...EXPORT_COMMANDS,
  ...DB_COMMANDS,
  ...REFERRAL_COMMANDS,
  ...FULFILMENT_COMMANDS,
};

export function helpText(): string {
  return ["Usage: advo <command> [--json]", "", ...Object.values(COMMANDS).map((c) => `  advo ${c.usage}`), "  advo job run NAME", ""].join("\n");
}
