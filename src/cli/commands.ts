// The operator commands: each maps arguments (validated with zod) to one manager service on
// behalf of an actor, and returns data (for --json) plus a short text. The CLI runs them as
// "operator"; chat managers reach the same table through `/advo <command>` (src/engine/manage).
import { z } from "zod";
import { toPlainText } from "../engine/message.js";
import { err, ok, type ErrParams, type Result } from "../result.js";
import type { Deps } from "../services/deps.js";
import type { Actor } from "../services/managers.js";
import type { Locale } from "../config.js";
import { createInvitations, listInvitations, revokeInvitation } from "../services/invitations.js";
import { closeMission, createMissionDraft, duplicateMission, listMissions, previewMission, publishMission } from "../services/missions-admin.js";
import { approveSubmission, rejectSubmission, reviewQueue } from "../services/review.js";
import { adjustPoints, influencerStatement } from "../services/points-admin.js";
import { cancelRedemption, fulfilRedemption, listRewards, pendingRedemptions } from "../services/catalog-admin.js";
import { closeCycle, setCycleSettings } from "../services/cycles.js";
import { createTrackingLink } from "../services/tracking.js";
import { draftBroadcast, sendBroadcast } from "../services/broadcast.js";
import { csv, flag, type ParsedArgs } from "./args.js";
import { readObjectFile } from "./object-file.js";
import { fmtDate, fmtNum, table } from "./format.js";
import { flattenTranslations } from "../domain/mission-form-translations.js";
import { MEASUREMENT_COMMANDS } from "./commands-measurement.js";
import { SUBMISSION_COMMANDS } from "./commands-submissions.js";
import { TIER_COMMANDS } from "./commands-tiers.js";
import { ROLE_COMMANDS } from "./commands-roles.js";
import { DASHBOARD_COMMANDS } from "./commands-dashboard.js";
import { EXPORT_COMMANDS } from "./commands-export.js";
import { DB_COMMANDS } from "./commands-db.js";
import { REWARD_COMMANDS } from "./commands-rewards.js";
import { TRANSLATION_COMMANDS } from "./commands-translations.js";
import type { ChartSpec } from "../reports/charts-specs.js";
import { CONSOLE_COMMANDS } from "./commands-console.js";
import { OPERATOR_COMMANDS } from "./commands-operator.js";
import { SETTINGS_COMMANDS } from "./commands-settings.js";
import { REFERRAL_COMMANDS } from "./commands-referrals.js";
import { FULFILMENT_COMMANDS } from "./commands-fulfilment.js";
import { STATS_COMMANDS } from "./commands-stats.js";

export interface CliOutput {
  data: unknown;
  text: string;
  /** a chart of the figures: chat sends it as an image beside the text; the terminal ignores it */
  chart?: ChartSpec;
}
export type CliResult = Result<CliOutput> | { ok: false; error: string; params?: ErrParams; fieldErrors?: { field: string; messageId: string }[] };
/**
 * One entry of the command table. `usage` is the contract: the CLI (src/cli/program.ts) reads its
 * arguments and options from it (see src/cli/usage-spec.ts). The rest is optional help text.
 * `actor`: "operator" from the CLI, the chat user (platform:userId) from /advo in chat.
 */
export type Command = {
  usage: string;
  /** one line for `advo --help` and the command's own help */
  description?: string;
  /** full command lines shown under "Examples:" in the command's help */
  examples?: string[];
  /** options the usage line does not spell out (e.g. `--name-fr TEXT`), as "--flag VALUE" or "--flag" */
  extraOptions?: string[];
  /**
   * For changes that cannot be undone: what the command would do, shown on a terminal before
   * asking "Proceed?". Without a terminal the CLI refuses unless `--yes` is given. Not used in chat.
   */
  confirm?: (deps: Deps, args: ParsedArgs, actor: Actor) => Promise<CliResult>;
  /** `locale`: the reader's language when asked from chat (the CLI's text stays in DEFAULT_LOCALE) */
  run: (deps: Deps, args: ParsedArgs, actor: Actor, locale?: Locale) => Promise<CliResult>;
};

const id = z.coerce.number().int().positive();
const usage = (u: string) => err("manage.cli.usage", { usage: u });

function arg(args: ParsedArgs, index: number): string | undefined {
  return args.positionals[index];
}

function idArg(args: ParsedArgs, index: number): number | undefined {
  const r = id.safeParse(arg(args, index));
  return r.success ? r.data : undefined;
}


/** Reads a mission file (JSON or YAML); a nested `segment` is flattened into the form fields. */
export function readMissionFile(path: string): Result<Record<string, unknown>> {
  const file = readObjectFile(path);
  if (!file.ok) return file;
  const { segment, translations, ...rest } = file.value;
  const seg = (segment && typeof segment === "object" ? segment : {}) as Record<string, unknown>;
  return ok({
    ...(seg.regions !== undefined ? { regions: seg.regions } : {}),
    ...(seg.interests !== undefined ? { interests: seg.interests } : {}),
    ...(seg.networks !== undefined ? { segmentNetworks: seg.networks } : {}),
    ...(seg.tags !== undefined ? { tags: seg.tags } : {}),
    ...(seg.tiers !== undefined ? { tiers: seg.tiers } : {}),
    ...(seg.languages !== undefined ? { languages: seg.languages } : {}),
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
    description: "create invitation codes and their join links",
    examples: ["advo invite create --count 10 --uses 1 --days 30 --tags vip,fr", "advo invite create --uses 50 --note \"launch event\" --json"],
    run: async (deps, a, actor) => wrap(
      await createInvitations(deps, actor, { count: flag(a, "count") ?? 1, uses: flag(a, "uses") ?? 1, ...(flag(a, "days") ? { days: flag(a, "days") } : {}), tags: csv(flag(a, "tags")), ...(flag(a, "note") ? { note: flag(a, "note") } : {}) } as never),
      (list) => list.map((i) => `${i.code}  uses ${fmtNum(i.maxUses)}  expires ${fmtDate(i.expiresAt, a)}\n${i.links.map((l) => `  ${l.platform}: ${l.link}`).join("\n")}`).join("\n"),
    ),
  },
  "invite list": {
    usage: "invite list",
    description: "list invitation codes with their use and expiry",
    examples: ["advo invite list", "advo invite list --json"],
    run: async (deps, a, actor) => wrap(await listInvitations(deps, actor), (list) =>
      table(["CODE", "USED", "MAX", "EXPIRES", "STATE", "TAGS"], list.map((i) => [i.code, i.uses, i.maxUses, fmtDate(i.expiresAt, a), i.revoked ? "revoked" : "active", i.tags.join(",")]), "(no invitations)")),
  },
  "invite revoke": {
    usage: "invite revoke CODE",
    description: "revoke an invitation code (people who joined stay)",
    examples: ["advo invite revoke K7Q2-PLM4"],
    run: async (deps, a, actor) => (arg(a, 2) ? wrap(await revokeInvitation(deps, actor, arg(a, 2)!), (i) => `revoked ${i.code}`) : usage("invite revoke CODE")),
  },
  "mission create": {
    usage: "mission create --file mission.json|yaml",
    description: "create a draft mission from a JSON or YAML file (validated field by field)",
    examples: ["advo mission create --file launch.yaml", "advo mission create --file launch.json --json"],
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
    description: "list missions, newest first",
    examples: ["advo mission list", "advo mission list --status published --tz Europe/Paris"],
    run: async (deps, a, actor) => wrap(await listMissions(deps, actor, flag(a, "status") ? { status: flag(a, "status")! } : {}), (list) =>
      table(["ID", "STATUS", "POINTS", "DEADLINE", "TITLE"], list.map((m) => [m.id, m.status, m.points, fmtDate(m.deadline, a), m.title]), "(no missions)")),
  },
  "mission preview": {
    usage: "mission preview ID",
    description: "show the mission card as influencers will see it",
    examples: ["advo mission preview 12"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await previewMission(deps, actor, n, deps.config.DEFAULT_LOCALE), (m) => toPlainText(m)) : usage("mission preview ID");
    },
  },
  "mission publish": {
    usage: "mission publish ID",
    description: "publish a draft mission (or schedule it when it has a start date) and announce it",
    examples: ["advo mission publish 12"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await publishMission(deps, actor, n), (r) => (r.status === "scheduled" ? `mission ${n} scheduled` : `mission ${n} published, announced to ${r.announced}`)) : usage("mission publish ID");
    },
  },
  "mission close": {
    usage: "mission close ID",
    description: "close a published mission to new submissions",
    examples: ["advo mission close 12"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await closeMission(deps, actor, n), () => `mission ${n} closed`) : usage("mission close ID");
    },
  },
  "mission duplicate": {
    usage: "mission duplicate ID",
    description: "copy a mission into a new draft",
    examples: ["advo mission duplicate 12"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await duplicateMission(deps, actor, n), (m) => `created draft mission ${m.id} from ${n}`) : usage("mission duplicate ID");
    },
  },
  "submission list": {
    usage: "submission list [--status needs_review|pending|verified|approved|rejected]",
    description: "list submissions, every status unless --status is given",
    examples: ["advo submission list", "advo submission list --status needs_review"],
    run: async (deps, a, actor) => wrap(await reviewQueue(deps, actor, flag(a, "status") ? { status: flag(a, "status")! } : { status: "all" }), (list) =>
      table(["ID", "STATUS", "MISSION", "INFLUENCER", "URL"], list.map((s) => [s.id, s.status, `${s.missionId} ${s.missionTitle}`, s.influencerId, s.url]), "(no submissions)")),
  },
  "submission approve": {
    usage: "submission approve ID",
    description: "approve a submission and award the mission's points",
    examples: ["advo submission approve 42"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await approveSubmission(deps, actor, n), (r) => `submission ${n} approved, ${r.awarded} points awarded`) : usage("submission approve ID");
    },
  },
  "submission reject": {
    usage: "submission reject ID --reason TEXT",
    description: "reject a submission; the reason is sent to the influencer",
    examples: ["advo submission reject 42 --reason \"The post is from another account\""],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      const reason = flag(a, "reason");
      if (!n || !reason) return usage("submission reject ID --reason TEXT");
      return wrap(await rejectSubmission(deps, actor, n, reason), () => `submission ${n} rejected`);
    },
  },
  "points adjust": {
    usage: "points adjust INFLUENCER POINTS --reason TEXT [--id REQUEST_ID]",
    description: "add or remove points by hand (negative to remove); --id makes a retry safe",
    examples: ["advo points adjust 7 50 --reason \"event bonus\"", "advo points adjust 7 -5 --reason typo --id fix-2026-12-07"],
    run: async (deps, a, actor) => {
      const inf = idArg(a, 2);
      const points = arg(a, 3);
      const reason = flag(a, "reason");
      if (!inf || points === undefined || !reason) return usage("points adjust INFLUENCER POINTS --reason TEXT [--id REQUEST_ID]");
      return wrap(await adjustPoints(deps, actor, { influencerId: inf, points, reason, ...(flag(a, "id") ? { requestId: flag(a, "id")! } : {}) }),
        (r) => (r.created ? `adjusted; balance now ${fmtNum(r.balance)}` : `already applied; balance ${fmtNum(r.balance)}`));
    },
  },
  "points statement": {
    usage: "points statement INFLUENCER",
    description: "an influencer's balance and ledger in the current cycle",
    examples: ["advo points statement 7"],
    run: async (deps, a, actor) => {
      const inf = idArg(a, 2);
      return inf ? wrap(await influencerStatement(deps, actor, inf), (s) =>
        [`${s.displayName ?? `#${s.influencerId}`}: ${fmtNum(s.balance)} points in ${s.cycle.name}, ${fmtNum(s.lifetime)} lifetime`, "",
          table(["AT", "POINTS", "KIND", "REASON"], s.entries.map((e) => [fmtDate(e.at, a), `${e.amount > 0 ? "+" : ""}${fmtNum(e.amount)}`, e.kind, e.reason ?? ""]), "(no entries)")].join("\n")) : usage("points statement INFLUENCER");
    },
  },
  ...REWARD_COMMANDS,
  "reward list": {
    usage: "reward list",
    description: "list the reward catalog",
    examples: ["advo reward list"],
    run: async (deps, _a, actor) => wrap(await listRewards(deps, actor), (list) =>
      table(["ID", "COST", "STOCK", "STATE", "NAME"], list.map((r) => [r.id, r.cost, r.stock ?? "∞", r.active ? "active" : "inactive", r.name]), "(no rewards)")),
  },
  "redemption list": {
    usage: "redemption list [--status pending|fulfilled|cancelled]",
    description: "list redemptions, every status unless --status is given",
    examples: ["advo redemption list", "advo redemption list --status pending"],
    run: async (deps, a, actor) => wrap(await pendingRedemptions(deps, actor, flag(a, "status") ?? "all"), (list) =>
      table(["ID", "STATUS", "COST", "REQUESTED", "INFLUENCER", "REWARD"], list.map((r) => [r.id, r.status, r.cost, fmtDate(r.createdAt, a), `${r.influencerId} ${r.influencerName ?? ""}`.trim(), r.rewardName]), "(no redemptions)")),
  },
  "redemption fulfil": {
    usage: "redemption fulfil ID",
    description: "mark a redemption as delivered; the influencer is told",
    examples: ["advo redemption fulfil 3"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await fulfilRedemption(deps, actor, n), () => `redemption ${n} fulfilled`) : usage("redemption fulfil ID");
    },
  },
  "redemption cancel": {
    usage: "redemption cancel ID",
    description: "cancel a pending redemption and refund its points",
    examples: ["advo redemption cancel 3"],
    run: async (deps, a, actor) => {
      const n = idArg(a, 2);
      return n ? wrap(await cancelRedemption(deps, actor, n), (r) => `redemption ${n} cancelled, ${r.refunded} points refunded`) : usage("redemption cancel ID");
    },
  },
  "cycle close": {
    usage: "cycle close [--force] [--yes]",
    description: "close the open reward cycle (when due; --force before its end) and open the next",
    examples: ["advo cycle close", "advo cycle close --force --yes   # from a script: no question asked"],
    // On a terminal the CLI shows the exact figures (a rolled-back close) and asks first.
    confirm: async (deps, a, actor) => wrap(await closeCycle(deps, actor, { force: a.flags.force === true, dryRun: true }), (s) =>
      [`Closing ${s.cycleName} will:`, `  pay ${fmtNum(s.bonusesPaid)} bonus points to the top of ${fmtNum(s.participants)} participants,`,
        `  expire ${fmtNum(s.expired)} points and roll ${fmtNum(s.rolledOver)} over to the next cycle,`, `  notify ${fmtNum(s.notified)} people, and open ${s.nextCycleName}.`].join("\n")),
    run: async (deps, a, actor) => wrap(await closeCycle(deps, actor, { force: a.flags.force === true }), (s) =>
      `closed ${s.cycleName}: ${fmtNum(s.participants)} participants, ${fmtNum(s.bonusesPaid)} bonus points, ${fmtNum(s.expired)} expired, ${fmtNum(s.rolledOver)} rolled over, ${fmtNum(s.notified)} notified; opened ${s.nextCycleName}`),
  },
  "cycle settings": {
    usage: "cycle settings [--length quarter|semester|year|custom] [--ends YYYY-MM-DD] [--bonuses 500,300,100] [--reset | --rollover CAP]",
    description: "show or change how reward cycles run (length, end bonuses, what happens to points)",
    examples: ["advo cycle settings", "advo cycle settings --length quarter --bonuses 500,300,100 --rollover 200"],
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
    description: "create a tracking link (per mission and/or influencer)",
    examples: ["advo link create --url https://shop.example/new --mission 12 --influencer 7"],
    run: async (deps, a, actor) => {
      const url = flag(a, "url");
      if (!url) return usage("link create --url URL [--mission ID] [--influencer ID]");
      return wrap(await createTrackingLink(deps, actor, { targetUrl: url, ...(flag(a, "mission") ? { missionId: flag(a, "mission")! } : {}), ...(flag(a, "influencer") ? { influencerId: flag(a, "influencer")! } : {}) }),
        (l) => `${l.url} → ${l.targetUrl}`);
    },
  },
  ...STATS_COMMANDS,
  broadcast: {
    usage: "broadcast --text TEXT [--regions a,b] [--interests a,b] [--networks a,b] [--tags a,b] [--yes]",
    description: "message a segment of influencers: shows who would get it, sends with --yes",
    examples: ["advo broadcast --text \"New mission tomorrow!\" --regions FR,BE", "advo broadcast --text \"New mission tomorrow!\" --tags vip --yes"],
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
  ...TRANSLATION_COMMANDS,
  ...CONSOLE_COMMANDS,
  ...OPERATOR_COMMANDS,
  ...REFERRAL_COMMANDS,
  ...FULFILMENT_COMMANDS,
  ...SETTINGS_COMMANDS,
};

