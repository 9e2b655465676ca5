// Onboarding writes: consent, social handles (normalized, unique across influencers), region,
// interests, and activation (status active + the day 1/3/7 drip queued in the outbox).
import { err, ok, type Result } from "../result.js";
import { HANDLES_PER_PERSON, normalizeHandle } from "../domain/handles.js";
import { DRIP, INTERESTS, REGIONS, type Network } from "../domain/program-content.js";
import type { Platform } from "../engine/events.js";
import { DAY } from "../clock.js";
import { enqueue } from "./outbox.js";
import { payReferrals } from "./referrals.js";
import { isUniqueViolation, type Deps } from "./deps.js";

export async function recordConsent(deps: Deps, influencerId: number): Promise<void> {
  await deps.db.influencer.update({ where: { id: influencerId }, data: { consentAt: deps.clock.now() } });
}

export interface AddedHandle {
  network: string;
  handle: string;
  profileUrl: string;
}

/** Registers a handle; the (network, handle) pair is unique across all influencers, and one person holds at most HANDLES_PER_PERSON. */
export async function addHandle(deps: Deps, influencerId: number, network: Network, input: string): Promise<Result<AddedHandle>> {
  const parsed = normalizeHandle(network, input);
  if (!parsed.ok) return parsed;
  const { handle, profileUrl } = parsed.value;
  const taken = await deps.db.socialHandle.findUnique({ where: { network_handle: { network, handle } } });
  if (taken) return err(taken.influencerId === influencerId ? "journey.handles.already_yours" : "journey.handles.taken", { handle });
  try {
    // counted and written in one transaction, so the cap holds for one person's own adds
    return await deps.db.$transaction(async (tx) => {
      const held = await tx.socialHandle.count({ where: { influencerId } });
      if (held >= HANDLES_PER_PERSON) return err("accounts.too_many", { max: HANDLES_PER_PERSON });
      await tx.socialHandle.create({ data: { influencerId, network, handle, profileUrl } });
      return ok({ network, handle, profileUrl });
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return err("journey.handles.taken", { handle });
  }
}

export async function removeHandles(deps: Deps, influencerId: number): Promise<void> {
  await deps.db.socialHandle.deleteMany({ where: { influencerId } });
}

export async function setRegion(deps: Deps, influencerId: number, region: string): Promise<Result<string>> {
  if (!(REGIONS as readonly string[]).includes(region)) return err("core.stale_action");
  await deps.db.influencer.update({ where: { id: influencerId }, data: { region } });
  return ok(region);
}

export async function setInterests(deps: Deps, influencerId: number, interests: string[]): Promise<Result<string[]>> {
  const valid = interests.filter((i) => (INTERESTS as readonly string[]).includes(i));
  if (!valid.length) return err("journey.interests.none");
  await deps.db.influencer.update({ where: { id: influencerId }, data: { interests: valid } });
  return ok(valid);
}

/** The end of onboarding: active from now, drip messages queued for the following days. */
export async function activate(deps: Deps, influencerId: number, contact: { platform: Platform; chatId: string }): Promise<void> {
  const now = deps.clock.now();
  const r = await deps.db.influencer.updateMany({
    where: { id: influencerId, status: "onboarding" },
    data: { status: "active", activatedAt: now },
  });
  // The referrer's reward for this completion: after the status change, whoever won it — the
  // ledger key pays once even when two completions race (or a retry comes after a crash).
  if (r.count !== 1) {
    await payReferrals(deps, [influencerId], "onboarded");
    return;
  }
  await enqueue(
    deps.db,
    DRIP.map((d) => ({
      platform: contact.platform,
      recipient: contact.chatId,
      influencerId,
      purpose: `drip.day${d.day}`,
      batchKey: `drip:day${d.day}`,
      // the same key as the onboarding-drip job: whichever enqueues first, the message goes once
      dedupeKey: `drip:day${d.day}:influencer:${influencerId}`,
      payload: { kind: "i18n" as const, messageId: d.messageId, params: { brand: deps.config.BRAND_NAME, disclosure: deps.config.DISCLOSURE_TAG } },
      notBefore: new Date(now.getTime() + d.day * DAY),
    })),
  );
  await payReferrals(deps, [influencerId], "onboarded");
}
