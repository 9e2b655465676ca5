// Referrals on a real database (issue 21): a member's code admits up to the program's limit; the
// referrer is paid once per referred person and stage — also under concurrent onboarding
// completions — and told in their language; nothing is paid to oneself, around a loop, for an
// erased person or to an erased referrer; managers see who referred whom and the figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { joinWithCode } from "../../src/services/invitations-join.js";
import { activate } from "../../src/services/onboarding.js";
import { payReferrals, referralCode, referralKey, setReferralProgram } from "../../src/services/referrals.js";
import { referralFigures, referralsOf, referrersOf } from "../../src/services/referrals-figures.js";
import { approveSubmission } from "../../src/services/review.js";
import { eraseInfluencer } from "../../src/services/privacy.js";
import { statsReport } from "../../src/services/stats.js";
import { exportSource } from "../../src/exports/sources.js";
import { MANAGER, STRANGER, managerConfig, seedInfluencer, seedSubmission } from "./manage/fixtures.js";
import { seedMission } from "../engine/seed.js";
import type { Deps } from "../../src/services/deps.js";
import type { FakeClock } from "../../src/clock.js";

describe.each(testProviders())("referrals on %s", (provider) => {
  let t: TestDatabase;
  let deps: Deps & { clock: FakeClock };
  let n = 0;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = testDeps(t, { ...managerConfig, TELEGRAM_BOT_USERNAME: "advo_test_bot", DISCORD_BOT_TOKEN: "x", DISCORD_APPLICATION_ID: "1" });
  });
  afterAll(async () => t?.destroy());

  const join = (code: string, name = `friend${++n}`) => joinWithCode(deps, { platform: "telegram", externalId: `ref-${provider}-${++n}`, chatId: `chat-${n}`, name }, code);
  const referralEntries = (referrerId: number) => t.db.ledgerEntry.findMany({ where: { influencerId: referrerId, idempotencyKey: { startsWith: "referral:" } }, orderBy: { id: "asc" } });

  it("given a member asking twice at once then they get one code, with the Telegram link and the Discord command", async () => {
    const ana = await seedInfluencer(t.db);
    const [a, b] = await Promise.all([referralCode(deps, ana.id), referralCode(deps, ana.id)]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.code).toBe(b.value.code);
    expect(a.value.maxUses).toBe(5);
    expect(a.value.links).toEqual(expect.arrayContaining([
      { platform: "telegram", link: `https://t.me/advo_test_bot?start=${a.value.code}` },
      { platform: "discord", link: `/join code:${a.value.code}` },
    ]));
    expect(await t.db.invitation.count({ where: { referrerId: ana.id } })).toBe(1);
  });

  it("given someone still onboarding or referrals turned off then no code is given", async () => {
    const newcomer = await seedInfluencer(t.db, { status: "onboarding" });
    expect(await referralCode(deps, newcomer.id)).toMatchObject({ ok: false, error: "growth.refer.not_active" });
    expect(await setReferralProgram(deps, STRANGER, { limit: 0 })).toMatchObject({ ok: false, error: "manage.refused" });
    expect(await setReferralProgram(deps, MANAGER, { limit: -1 })).toMatchObject({ ok: false, error: "growth.referral.invalid", params: { field: "limit" } });
    expect(await setReferralProgram(deps, MANAGER, { limit: 0 })).toMatchObject({ ok: true });
    const member = await seedInfluencer(t.db);
    expect(await referralCode(deps, member.id)).toMatchObject({ ok: false, error: "growth.refer.off" });
    expect(await setReferralProgram(deps, MANAGER, { limit: 5 })).toMatchObject({ ok: true });
  });

  it("given a limit of two then the third friend is refused, and a member's own code is refused to them", async () => {
    const bea = await seedInfluencer(t.db);
    const code = await referralCode(deps, bea.id);
    if (!code.ok) throw new Error(code.error);
    // Lowering the program's limit applies to codes already handed out.
    await setReferralProgram(deps, MANAGER, { limit: 2 });
    const outcomes = await Promise.all([join(code.value.code), join(code.value.code), join(code.value.code)]);
    expect(outcomes.filter((o) => o.ok).length).toBe(2);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ error: "journey.join.used_up_code" });
    const account = await t.db.platformAccount.findFirstOrThrow({ where: { influencerId: bea.id } });
    expect(await joinWithCode(deps, { platform: "telegram", externalId: account.externalId, chatId: "x" }, code.value.code.toLowerCase())).toMatchObject({ ok: false, error: "growth.refer.own_code" });
    await setReferralProgram(deps, MANAGER, { limit: 5 });
  });

  it("given concurrent onboarding completions then the referrer is paid once and told once, in their language", async () => {
    const carla = await seedInfluencer(t.db, { locale: "es" });
    const code = await referralCode(deps, carla.id);
    if (!code.ok) throw new Error(code.error);
    const joined = await join(code.value.code, "Dora");
    if (!joined.ok) throw new Error(joined.error);
    const dora = joined.value.influencer;
    await Promise.all(Array.from({ length: 6 }, () => activate(deps, dora.id, { platform: "telegram", chatId: "chat-dora" })));
    await payReferrals(deps, [dora.id], "onboarded");
    const entries = await referralEntries(carla.id);
    expect(entries.map((e) => [e.idempotencyKey, e.amount, e.kind])).toEqual([[referralKey(dora.id, "onboarded"), 50, "adjustment"]]);
    const told = await t.db.outboxMessage.findMany({ where: { influencerId: carla.id } });
    expect(told.map((m) => m.dedupeKey)).toEqual([referralKey(dora.id, "onboarded")]);
    expect(told[0]!.payload).toMatchObject({ messageId: "growth.referral.paid_onboarded", params: { name: "Dora", points: 50 } });

    // The first approved post pays the second stage once; a later approval pays nothing more.
    const mission = await seedMission(deps);
    await t.db.socialHandle.create({ data: { influencerId: dora.id, network: "instagram", handle: `dora${provider}` } });
    const first = await seedSubmission(t.db, mission.id, dora.id);
    expect(await approveSubmission(deps, MANAGER, first.id)).toMatchObject({ ok: true });
    const other = await seedMission(deps, { title: "Autumn" });
    expect(await approveSubmission(deps, MANAGER, (await seedSubmission(t.db, other.id, dora.id)).id)).toMatchObject({ ok: true });
    await payReferrals(deps, [dora.id], "first_post");
    expect((await referralEntries(carla.id)).map((e) => [e.idempotencyKey, e.amount])).toEqual([
      [referralKey(dora.id, "onboarded"), 50], [referralKey(dora.id, "first_post"), 100],
    ]);
    expect(await t.db.outboxMessage.count({ where: { influencerId: carla.id, dedupeKey: referralKey(dora.id, "first_post") } })).toBe(1);

    // Managers see who referred whom, in the profile service, the directory helper and the export.
    expect(await referralsOf(t.db, dora.id)).toMatchObject({ referredBy: { id: carla.id }, referred: [] });
    expect((await referralsOf(t.db, carla.id)).referred.map((r) => r.id)).toEqual([dora.id]);
    expect((await referrersOf(t.db, [{ id: dora.id, invitationId: joined.value.influencer.invitationId }])).get(dora.id)).toMatchObject({ id: carla.id });
    const rows: unknown[][] = [];
    const src = exportSource(t.db, "influencers");
    for await (const r of src.rows) rows.push(r);
    expect(rows.find((r) => r[0] === dora.id)?.[src.header.indexOf("referredBy")]).toBe(carla.id);
    const figures = await referralFigures(t.db);
    expect(figures.firstPosts).toBeGreaterThanOrEqual(1);
    expect(figures.top.map((x) => x.id)).toContain(carla.id);
    const stats = await statsReport(deps, MANAGER, "en");
    expect(stats.ok && stats.value.text).toMatch(/Referrals: \d+ member codes · \d+ joined/);
  });

  it("given an erased referred person then nothing more is paid; given an erased referrer then the code is revoked", async () => {
    const eva = await seedInfluencer(t.db);
    const code = await referralCode(deps, eva.id);
    if (!code.ok) throw new Error(code.error);
    const joined = await join(code.value.code);
    if (!joined.ok) throw new Error(joined.error);
    const fede = joined.value.influencer;
    await activate(deps, fede.id, { platform: "telegram", chatId: "chat-fede" });
    await eraseInfluencer(deps, fede.id);
    const mission = await seedMission(deps, { title: "Erased" });
    await t.db.participation.create({ data: { missionId: mission.id, influencerId: fede.id, status: "approved" } });
    expect(await payReferrals(deps, [fede.id], "first_post")).toBe(0);
    expect((await referralEntries(eva.id)).map((e) => e.idempotencyKey)).toEqual([referralKey(fede.id, "onboarded")]);

    await eraseInfluencer(deps, eva.id);
    expect(await join(code.value.code)).toMatchObject({ ok: false, error: "journey.join.revoked_code" });
  });

  it("given a loop made by hand then neither side is paid", async () => {
    const gia = await seedInfluencer(t.db);
    const hugo = await seedInfluencer(t.db);
    const gCode = await t.db.invitation.create({ data: { code: `LOOPG${provider}`, referrerId: gia.id } });
    const hCode = await t.db.invitation.create({ data: { code: `LOOPH${provider}`, referrerId: hugo.id } });
    await t.db.influencer.update({ where: { id: hugo.id }, data: { invitationId: gCode.id } });
    await t.db.influencer.update({ where: { id: gia.id }, data: { invitationId: hCode.id } });
    expect(await payReferrals(deps, [gia.id, hugo.id], "onboarded")).toBe(0);
  });
});
