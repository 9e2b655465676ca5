// Operator/manager commands for a mission's life: create a draft from a file, list, preview the
// card, publish (or schedule), close, duplicate. `mission edit` and `mission show` are in
// commands-operator.ts.
import { toPlainText } from "../engine/message.js";
import { closeMission, createMissionDraft, duplicateMission, listMissions, previewMission, publishMission } from "../services/missions-admin.js";
import { flag } from "./args.js";
import { idArg, usage, wrap } from "./command-helpers.js";
import type { Command } from "./commands.js";
import { fmtDate, table } from "./format.js";
import { readMissionFile } from "./mission-file.js";

export const MISSION_COMMANDS: Record<string, Command> = {
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
};
