// Missions from the manager's side: draft through the validated form, preview (the exact card),
// publish (announce once per eligible person through the outbox), edit (participants told what
// changed), close early, duplicate, list. Scheduled missions are published by publishDueMissions
// (called by the missions-lifecycle job).
import type { Db } from "../db/client.js";
import type { Locale } from "../config.js";
import { message, paragraph, type OutboundMessage } from "../engine/message.js";
import { missionCard } from "../engine/mission-card.js";
import { ACTION_MISSION_VIEW } from "../engine/handlers/missions.js";
import { missionFieldLabel } from "../engine/manage/forms.js";
import { missionTextFor, missionTitleParam } from "../domain/content-translations.js";
import { t } from "../i18n/translate.js";
import { err, ok, type Err, type Result } from "../result.js";
import { changedFields, missionData, missionFormValues, parseMissionForm, type FieldError, type MissionField } from "../domain/mission-form.js";
import { readSegment, stringList } from "../domain/segment.js";
import { audit } from "./audit.js";
import { audience, type Recipient } from "./audience.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";
import { enqueue, type OutboxItem } from "./outbox.js";
import { tellInfluencers } from "./outcome-notices.js";
import { readTierProgram } from "./tiers.js";
import type { Tier } from "../domain/tiers.js";
import { missionThreadItems, missionThreadUpdate } from "./mission-threads.js";

type Mission = Awaited<ReturnType<Db["mission"]["findUniqueOrThrow"]>>;
export type FormErr = Err & { fieldErrors: FieldError[] };
const TX = { timeout: 300_000, maxWait: 30_000 };

function formErr(errors: FieldError[]): FormErr {
  return { ok: false, error: "manage.form.invalid", fieldErrors: errors };
}

export async function createMissionDraft(deps: Deps, actor: Actor, values: unknown): Promise<Result<Mission> | FormErr> {
  const refused = await requireManager(deps, actor, "mission.create");
  if (refused) return refused;
  const parsed = parseMissionForm(values, { disclosureTag: deps.config.DISCLOSURE_TAG, now: deps.clock.now(), programLocale: deps.config.DEFAULT_LOCALE, tiers: (await readTierProgram(deps.db)).tiers });
  if (!parsed.ok) return formErr(parsed.errors);
  const mission = await deps.db.mission.create({ data: { ...missionData(parsed.value), status: "draft", createdBy: actor } });
  await audit(deps.db, { actor, action: "mission.create", targetType: "mission", targetId: mission.id, after: missionFormValues(mission) });
  return ok(mission);
}

export async function getMission(deps: Deps, actor: Actor, id: number): Promise<Result<Mission>> {
  const refused = await requireManager(deps, actor, "mission.view", { type: "mission", id });
  if (refused) return refused;
  const mission = await deps.db.mission.findUnique({ where: { id } });
  return mission ? ok(mission) : err("manage.mission.not_found", { id });
}

export async function listMissions(deps: Deps, actor: Actor, options: { status?: string } = {}): Promise<Result<Mission[]>> {
  const refused = await requireManager(deps, actor, "mission.list");
  if (refused) return refused;
  return ok(await deps.db.mission.findMany({ where: options.status ? { status: options.status } : {}, orderBy: { id: "desc" }, take: 200 }));
}

/** Exactly the card influencers will receive. */
export async function previewMission(deps: Deps, actor: Actor, id: number, locale: Locale): Promise<Result<OutboundMessage>> {
  const found = await getMission(deps, actor, id);
  if (!found.ok) return found;
  return ok(missionCard(found.value, locale, { tiers: (await readTierProgram(deps.db)).tiers }));
}

function announceItems(mission: Mission, recipients: Recipient[], tiers: readonly Tier[]): OutboxItem[] {
  // One card per locale and zone (the deadline is shown in the recipient's zone).
  const cards = new Map<string, OutboundMessage>();
  return recipients.map((r) => {
    let card = cards.get(`${r.locale} ${r.timeZone}`);
    if (!card) cards.set(`${r.locale} ${r.timeZone}`, (card = missionCard(mission, r, { tiers })));
    return {
      platform: r.platform,
      recipient: r.recipient,
      influencerId: r.influencerId,
      purpose: "mission.announce",
      batchKey: `mission:${mission.id}:announce`,
      dedupeKey: `mission:${mission.id}:announce:influencer:${r.influencerId}`,
      payload: { kind: "message", message: card },
    };
  });
}

/**
 * The card posted in the Discord announce channel (DISCORD_ANNOUNCE_CHANNEL_ID), in the program's
 * language: shown as an embed, with one button that DMs the person the mission's own card (a guild
 * `mission.view` click continues in the DM). Dates are Discord timestamps, in each reader's zone.
 */
function channelItems(mission: Mission, config: Deps["config"], tiers: readonly Tier[]): OutboxItem[] {
  const channel = config.DISCORD_ANNOUNCE_CHANNEL_ID;
  if (!channel) return [];
  const locale = config.DEFAULT_LOCALE;
  const card = missionCard(mission, { locale, timeZone: config.JOBS_TZ }, { buttons: false, tiers });
  const open = { action: ACTION_MISSION_VIEW, label: t(locale, "announce.channel.open"), payload: String(mission.id), style: "primary" as const };
  return [{
    platform: "discord",
    recipient: channel,
    purpose: "mission.announce.channel",
    batchKey: `mission:${mission.id}:announce`,
    dedupeKey: `mission:${mission.id}:announce:discord:${channel}`,
    payload: { kind: "card", message: { ...card, buttons: [[open]] } },
  }];
}

/** Enqueues the announcement to every eligible active influencer (returns how many) and the announce channel; safe to repeat (dedupe keys). */
export async function announceMission(deps: Pick<Deps, "db" | "config">, mission: Mission, now: Date): Promise<number> {
  // A tier-restricted mission reaches only people in those tiers now (one grouped query, in audience).
  const recipients = await audience(deps, { segment: readSegment(mission.segment), networks: stringList(mission.networks) });
  const { tiers } = await readTierProgram(deps.db);
  const people = await enqueue(deps.db, announceItems(mission, recipients, tiers), now);
  await enqueue(deps.db, [...channelItems(mission, deps.config, tiers), ...missionThreadItems(mission, deps.config, tiers)], now);
  return people;
}

export interface PublishOutcome {
  status: "published" | "scheduled";
  announced: number;
}

/**
 * Publishes a draft (or a due scheduled mission): a conditional status update makes a second
 * click find nothing to do ("already published"); the announcement rows are written in the same
 * transaction, one per person with a unique dedupe key.
 */
export async function publishMission(deps: Deps, actor: Actor, id: number): Promise<Result<PublishOutcome>> {
  const refused = await requireManager(deps, actor, "mission.publish", { type: "mission", id });
  if (refused) return refused;
  const now = deps.clock.now();
  const result = await deps.db.$transaction(async (tx) => {
    const db = tx as unknown as Db;
    const mission = await db.mission.findUnique({ where: { id } });
    if (!mission) return err("manage.mission.not_found", { id });
    if (mission.status === "published") return err("manage.mission.already_published", { id });
    if (mission.status === "closed") return err("manage.mission.closed", { id });
    if (mission.deadline.getTime() <= now.getTime()) return err("manage.mission.deadline_passed", { id });
    if (mission.startsAt && mission.startsAt.getTime() > now.getTime()) {
      const r = await db.mission.updateMany({ where: { id, status: "draft" }, data: { status: "scheduled" } });
      if (!r.count) return err("manage.mission.already_scheduled", { id });
      return ok<PublishOutcome>({ status: "scheduled", announced: 0 });
    }
    const r = await db.mission.updateMany({ where: { id, status: { in: ["draft", "scheduled"] } }, data: { status: "published", publishedAt: now } });
    if (!r.count) return err("manage.mission.already_published", { id });
    const announced = await announceMission({ db, config: deps.config }, { ...mission, status: "published", publishedAt: now }, now);
    return ok<PublishOutcome>({ status: "published", announced });
  }, TX);
  await audit(deps.db, {
    actor, action: "mission.publish", targetType: "mission", targetId: id, outcome: result.ok ? "ok" : "refused",
    ...(result.ok ? { before: { status: "draft" }, after: result.value } : { after: { error: result.error } }),
  });
  return result;
}

/** For the missions-lifecycle job: publishes scheduled missions whose start has come. */
export async function publishDueMissions(deps: Deps): Promise<{ published: number; announced: number }> {
  const due = await deps.db.mission.findMany({ where: { status: "scheduled", startsAt: { lte: deps.clock.now() } }, select: { id: true } });
  let published = 0;
  let announced = 0;
  for (const { id } of due) {
    const r = await publishMission(deps, "system", id);
    if (r.ok && r.value.status === "published") {
      published++;
      announced += r.value.announced;
    }
  }
  return { published, announced };
}

/** Edits any field; on a published mission, influencers who accepted are told what changed. */
export async function editMission(deps: Deps, actor: Actor, id: number, values: unknown): Promise<Result<{ mission: Mission; changed: MissionField[]; notified: number }> | FormErr> {
  const refused = await requireManager(deps, actor, "mission.edit", { type: "mission", id });
  if (refused) return refused;
  const before = await deps.db.mission.findUnique({ where: { id } });
  if (!before) return err("manage.mission.not_found", { id });
  if (before.status === "closed") return err("manage.mission.closed", { id });
  const parsed = parseMissionForm(values, { disclosureTag: deps.config.DISCLOSURE_TAG, now: deps.clock.now(), programLocale: deps.config.DEFAULT_LOCALE, tiers: (await readTierProgram(deps.db)).tiers });
  if (!parsed.ok) return formErr(parsed.errors);
  const after = await deps.db.mission.update({ where: { id }, data: missionData(parsed.value) });
  const beforeValues = missionFormValues(before);
  const afterValues = missionFormValues(after);
  const changed = changedFields(beforeValues, afterValues);
  let notified = 0;
  if (changed.length && after.status === "published") {
    const participants = await deps.db.participation.findMany({ where: { missionId: id, status: { in: ["accepted", "submitted", "rejected"] } }, select: { influencerId: true } });
    const recipients = participants.length ? await audience(deps, { influencerIds: participants.map((p) => p.influencerId) }) : [];
    const { tiers } = await readTierProgram(deps.db);
    const stamp = deps.clock.now().getTime();
    notified = await enqueue(deps.db, recipients.map((r) => ({
      platform: r.platform,
      recipient: r.recipient,
      influencerId: r.influencerId,
      purpose: "mission.changed",
      batchKey: `mission:${id}:edit:${stamp}`,
      dedupeKey: `mission:${id}:edit:${stamp}:influencer:${r.influencerId}`,
      payload: { kind: "message", message: changeNotice(after, changed, r, tiers) },
    })));
  }
  if (changed.length) await enqueue(deps.db, missionThreadUpdate(after, deps.config, `edit:${deps.clock.now().getTime()}`, (await readTierProgram(deps.db)).tiers));
  const pick = (v: Record<MissionField, string>) => Object.fromEntries(changed.map((f) => [f, v[f]]));
  await audit(deps.db, { actor, action: "mission.edit", targetType: "mission", targetId: id, before: pick(beforeValues), after: pick(afterValues) });
  return ok({ mission: after, changed, notified });
}

function changeNotice(mission: Mission, changed: MissionField[], reader: Recipient, tiers: readonly Tier[]): OutboundMessage {
  const locale = reader.locale;
  const card = missionCard(mission, reader, { tiers });
  const fields = changed.map((f) => missionFieldLabel(locale, f)).join(", ");
  return message([paragraph(t(locale, "manage.mission.changed", { title: missionTextFor(mission, locale).title, fields })), ...card.blocks], { disablePreview: true });
}

export async function closeMission(deps: Deps, actor: Actor, id: number): Promise<Result<Mission>> {
  const refused = await requireManager(deps, actor, "mission.close", { type: "mission", id });
  if (refused) return refused;
  const before = await deps.db.mission.findUnique({ where: { id } });
  if (!before) return err("manage.mission.not_found", { id });
  const r = await deps.db.mission.updateMany({ where: { id, status: { not: "closed" } }, data: { status: "closed", closedAt: deps.clock.now() } });
  if (!r.count) return err("manage.mission.already_closed", { id });
  const after = await deps.db.mission.findUniqueOrThrow({ where: { id } });
  // Those who accepted it (waiting to post, link sent, or free to resend) learn it is closed.
  const participants = await deps.db.participation.findMany({ where: { missionId: id, status: { in: ["accepted", "submitted", "rejected"] } }, select: { influencerId: true } });
  await tellInfluencers(deps, participants.map((p) => ({
    influencerId: p.influencerId, purpose: "mission.closed", dedupeKey: `mission:${id}:closed:influencer:${p.influencerId}`,
    messageId: "outcome.mission_closed", params: { title: missionTitleParam(after) },
  })));
  await enqueue(deps.db, missionThreadUpdate(after, deps.config, "closed", (await readTierProgram(deps.db)).tiers));
  await audit(deps.db, { actor, action: "mission.close", targetType: "mission", targetId: id, before: { status: before.status }, after: { status: "closed", closedAt: after.closedAt } });
  return ok(after);
}

/** A new draft with the same content (dates and counts reset by the manager in the form). */
export async function duplicateMission(deps: Deps, actor: Actor, id: number): Promise<Result<Mission>> {
  const refused = await requireManager(deps, actor, "mission.duplicate", { type: "mission", id });
  if (refused) return refused;
  const src = await deps.db.mission.findUnique({ where: { id } });
  if (!src) return err("manage.mission.not_found", { id });
  const copy = await deps.db.mission.create({
    data: {
      title: src.title, brief: src.brief, dos: src.dos as object, donts: src.donts as object, hashtags: src.hashtags as object,
      mentions: src.mentions as object, networks: src.networks as object, points: src.points, startsAt: src.startsAt,
      deadline: src.deadline, cap: src.cap, segment: src.segment as object, translations: (src.translations ?? {}) as object, status: "draft", sourceMissionId: src.id, createdBy: actor,
    },
  });
  await audit(deps.db, { actor, action: "mission.duplicate", targetType: "mission", targetId: copy.id, after: { sourceMissionId: id } });
  return ok(copy);
}
