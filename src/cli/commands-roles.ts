// Operator/manager commands for manager roles (issue 21): admin, reviewer, viewer.
import { ok } from "../result.js";
import { listManagers, removeManager, setManagerRole } from "../services/manager-roles.js";
import type { Command } from "./commands.js";

const SET_USAGE = "manager set-role PLATFORM:USER_ID admin|reviewer|viewer";

export const ROLE_COMMANDS: Record<string, Command> = {
  "manager list": {
    usage: "manager list",
    run: async (deps, _a, actor) => {
      const r = await listManagers(deps, actor);
      return r.ok ? ok({ data: r.value, text: r.value.map((m) => `${m.person.padEnd(28)} ${m.role.padEnd(9)} ${m.name ?? ""}`.trimEnd()).join("\n") || "no managers" }) : r;
    },
  },
  "manager set-role": {
    usage: SET_USAGE,
    run: async (deps, a, actor) => {
      const [person, role] = a.positionals.slice(2);
      if (!person || !role) return { ok: false, error: "manage.cli.usage", params: { usage: SET_USAGE } };
      const r = await setManagerRole(deps, actor, person, role);
      return r.ok ? ok({ data: r.value, text: `${r.value.person} is now ${r.value.role}` }) : r;
    },
  },
  "manager remove": {
    usage: "manager remove PLATFORM:USER_ID",
    run: async (deps, a, actor) => {
      const person = a.positionals[2];
      if (!person) return { ok: false, error: "manage.cli.usage", params: { usage: "manager remove PLATFORM:USER_ID" } };
      const r = await removeManager(deps, actor, person);
      return r.ok ? ok({ data: r.value, text: `${r.value.person} is no longer a manager` }) : r;
    },
  },
};
