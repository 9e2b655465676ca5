// Giving managers a role (issue 21): admin (everything), reviewer (review queue, influencer
// profiles), viewer (reports, read-only). Only an admin changes roles; every change is audited.
// A role set here stays when the person leaves the Slack manager channel (the channel sync only
// removes the rows it made); `removeManager` ends it.
import { z } from "zod";
import { ROLES, type Role } from "../domain/roles.js";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";
import { PLATFORMS } from "../engine/events.js";

const personSchema = z.string().trim().regex(new RegExp(`^(${PLATFORMS.join("|")}):[^\\s:]+$`));

function parsePerson(person: string): { platform: string; externalId: string } | null {
  const r = personSchema.safeParse(person);
  if (!r.success) return null;
  const i = r.data.indexOf(":");
  return { platform: r.data.slice(0, i), externalId: r.data.slice(i + 1) };
}

export interface ManagerRow {
  person: string;
  role: string;
  name: string | null;
}

const MANAGERS_LISTED = 500;

export async function listManagers(deps: Pick<Deps, "db" | "config">, actor: Actor): Promise<Result<ManagerRow[]>> {
  const refused = await requireManager(deps, actor, "managers.list");
  if (refused) return refused;
  // Bounded like every list a person can ask for (issue 20); a channel sync can add thousands.
  const rows = await deps.db.manager.findMany({ orderBy: [{ platform: "asc" }, { externalId: "asc" }], take: MANAGERS_LISTED });
  const fromEnv = deps.config.MANAGERS.map((m) => ({ person: m, role: "admin", name: null }));
  return ok([
    ...fromEnv,
    ...rows.filter((r) => !deps.config.MANAGERS.includes(`${r.platform}:${r.externalId}`)).map((r) => ({
      person: `${r.platform}:${r.externalId}`, role: r.role === "manager" ? deps.config.MANAGER_DEFAULT_ROLE : r.role, name: r.name,
    })),
  ]);
}

export async function setManagerRole(deps: Pick<Deps, "db" | "config">, actor: Actor, person: string, role: string): Promise<Result<ManagerRow>> {
  const refused = await requireManager(deps, actor, "managers.set_role", { type: "manager", id: person });
  if (refused) return refused;
  const who = parsePerson(person);
  if (!who) return err("growth.roles.invalid_person", { person });
  const parsed = z.enum(ROLES).safeParse(role);
  if (!parsed.success) return err("growth.roles.invalid_role", { role, roles: ROLES.join(", ") });
  if (deps.config.MANAGERS.includes(person)) return err("growth.roles.from_env", { person });
  if (person === actor && parsed.data !== "admin") return err("growth.roles.not_yourself");
  const key = { platform_externalId: who };
  const before = await deps.db.manager.findUnique({ where: key, select: { role: true } });
  const row = await deps.db.manager.upsert({ where: key, create: { ...who, role: parsed.data }, update: { role: parsed.data } });
  await audit(deps.db, { actor, action: "managers.set_role", targetType: "manager", targetId: person, before: before ? { role: before.role } : null, after: { role: parsed.data } });
  return ok({ person, role: row.role, name: row.name });
}

export async function removeManager(deps: Pick<Deps, "db" | "config">, actor: Actor, person: string): Promise<Result<{ person: string }>> {
  const refused = await requireManager(deps, actor, "managers.remove", { type: "manager", id: person });
  if (refused) return refused;
  const who = parsePerson(person);
  if (!who) return err("growth.roles.invalid_person", { person });
  if (deps.config.MANAGERS.includes(person)) return err("growth.roles.from_env", { person });
  if (person === actor) return err("growth.roles.not_yourself");
  const gone = await deps.db.manager.deleteMany({ where: who });
  if (!gone.count) return err("growth.roles.not_manager", { person });
  await audit(deps.db, { actor, action: "managers.remove", targetType: "manager", targetId: person });
  return ok({ person });
}

export type { Role };
