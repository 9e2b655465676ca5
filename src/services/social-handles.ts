// Social handles after onboarding (/accounts): list, add, change, remove — with the same
// validation as onboarding (normalizeHandle, unique (network, handle) across influencers).
// Removing the last handle is refused: nobody could submit a post without one.
import { err, ok, type Result } from "../result.js";
import { normalizeHandle } from "../domain/handles.js";
import type { Network } from "../domain/program-content.js";
import { addHandle, type AddedHandle } from "./onboarding.js";
import { isUniqueViolation, type Deps } from "./deps.js";

export interface HandleRow {
  id: number;
  network: string;
  handle: string;
}

export async function listHandles(deps: Deps, influencerId: number): Promise<HandleRow[]> {
  return deps.db.socialHandle.findMany({ where: { influencerId }, orderBy: { id: "asc" }, select: { id: true, network: true, handle: true }, take: HANDLES_LISTED });
}

export { addHandle };

/** Lists of a person's handles are bounded (issue 20): nobody posts from more, and a list is one message. */
export const HANDLES_LISTED = 50;

/** Replaces one of the influencer's handles (same network) with a new one. */
export async function changeHandle(deps: Deps, influencerId: number, handleId: number, input: string): Promise<Result<AddedHandle & { previous: string }>> {
  const row = await deps.db.socialHandle.findFirst({ where: { id: handleId, influencerId } });
  if (!row) return err("accounts.not_found");
  const parsed = normalizeHandle(row.network as Network, input);
  if (!parsed.ok) return parsed;
  const { handle, profileUrl } = parsed.value;
  if (handle === row.handle) return err("journey.handles.already_yours", { handle });
  const taken = await deps.db.socialHandle.findUnique({ where: { network_handle: { network: row.network, handle } } });
  if (taken) return err(taken.influencerId === influencerId ? "journey.handles.already_yours" : "journey.handles.taken", { handle });
  try {
    await deps.db.socialHandle.update({ where: { id: row.id }, data: { handle, profileUrl } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return err("journey.handles.taken", { handle });
  }
  return ok({ network: row.network, handle, profileUrl, previous: row.handle });
}

/** Removes one handle, unless it is the last one (the condition is checked in the delete itself). */
export async function removeHandle(deps: Deps, influencerId: number, handleId: number): Promise<Result<HandleRow>> {
  const row = await deps.db.socialHandle.findFirst({ where: { id: handleId, influencerId }, select: { id: true, network: true, handle: true } });
  if (!row) return err("accounts.not_found");
  return deps.db.$transaction(async (tx) => {
    const count = await tx.socialHandle.count({ where: { influencerId } });
    if (count <= 1) return err("accounts.last_one", { handle: row.handle });
    await tx.socialHandle.deleteMany({ where: { id: row.id, influencerId } });
    return ok(row);
  });
}
