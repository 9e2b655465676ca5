import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { approveSubmission, rejectSubmission, reviewQueue } from "../../../src/services/review.js";
import { adjustPoints, influencerStatement } from "../../../src/services/points-admin.js";
import { cancelRedemption, createReward, fulfilRedemption, listRewards, pendingRedemptions, updateReward } from "../../../src/services/catalog-admin.js";
import { currentCycle, cycleBalance } from "../../../src/services/ledger.js";
import { MANAGER, STRANGER, managerConfig, seedInfluencer, seedSubmission } from "./fixtures.js";

describe.each(testProviders())("review, points and rewards on %s", (provider) => {
  let t: TestDatabase;
  let missionId: number;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const m = await t.db.mission.create({ data: { title: "Bottle", brief: "b", points: 70, deadline: new Date("2026-03-01"), segment: {}, status: "published" } });
    missionId = m.id;
  });
  afterAll(async () => t?.destroy());

  it("given submissions needing review then the queue lists them oldest first with evidence", async () => {
    const deps = testDeps(t, managerConfig);
    const a = await seedInfluencer(t.db);
    const b = await seedInfluencer(t.db);
    const newer = await seedSubmission(t.db, missionId, a.id, { createdAt: new Date("2026-01-04T00:00:00Z") });
    const older = await seedSubmission(t.db, missionId, b.id, { createdAt: new Date("2026-01-02T00:00:00Z") });
    await seedSubmission(t.db, missionId, (await seedInfluencer(t.db)).id, { status: "verified" });
    const q = await reviewQueue(deps, MANAGER);
    if (!q.ok) throw new Error(q.error);
    expect(q.value.map((s) => s.id)).toEqual([older.id, newer.id]);
    expect(q.value[0]).toMatchObject({ missionTitle: "Bottle", network: "instagram", evidence: { hashtagsMissing: ["#ad"], notes: ["caption unreadable"] } });
    expect(await reviewQueue(deps, STRANGER)).toEqual({ ok: false, error: "manage.refused" });
  });

  it("given two managers approving at once then points land once and the loser is told who decided", async () => {
    const deps = testDeps(t, managerConfig);
    const inf = await seedInfluencer(t.db);
    const s = await seedSubmission(t.db, missionId, inf.id);
    const [r1, r2] = await Promise.all([approveSubmission(deps, MANAGER, s.id), approveSubmission(deps, "operator", s.id)]);
    const winner = r1.ok ? r1 : r2;
    const loser = r1.ok ? r2 : r1;
    expect(winner).toEqual({ ok: true, value: { id: s.id, awarded: 70 } });
    expect(loser.ok).toBe(false);
    expect(!loser.ok && loser.error).toBe("manage.review.already_decided");
    expect(!loser.ok && loser.params?.by).toBe(r1.ok ? MANAGER : "operator");
    const cycle = await currentCycle(t.db, deps.clock);
    expect(await cycleBalance(t.db, inf.id, cycle.id)).toBe(70);
    expect(await rejectSubmission(deps, MANAGER, s.id, "late")).toMatchObject({ ok: false, error: "manage.review.already_decided" });
    expect((await t.db.participation.findFirstOrThrow({ where: { influencerId: inf.id } })).status).toBe("approved");
  });

  it("given a rejection then a reason is required and the influencer is told it through the outbox", async () => {
    const deps = testDeps(t, managerConfig);
    const inf = await seedInfluencer(t.db, { locale: "es" });
    const s = await seedSubmission(t.db, missionId, inf.id);
    expect(await rejectSubmission(deps, MANAGER, s.id, "  ")).toEqual({ ok: false, error: "manage.review.reason_required" });
    expect(await rejectSubmission(deps, STRANGER, s.id, "no")).toEqual({ ok: false, error: "manage.refused" });
    expect(await rejectSubmission(deps, MANAGER, s.id, "The #ad tag is missing")).toEqual({ ok: true, value: { id: s.id } });
    const row = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `submission:${s.id}:rejected` } });
    expect(row).toMatchObject({ influencerId: inf.id, purpose: "submission.rejected" });
    expect(row.payload).toMatchObject({ kind: "i18n", messageId: "manage.review.rejected_notice", params: { reason: "The #ad tag is missing", title: "Bottle" } });
    expect((await t.db.participation.findFirstOrThrow({ where: { influencerId: inf.id } })).status).toBe("rejected");
    expect(await t.db.auditLog.count({ where: { action: "submission.reject", targetId: String(s.id), outcome: "ok" } })).toBe(1);
  });

  it("given an adjustment then the reason is mandatory, the request id makes it land once, and the statement shows it", async () => {
    const deps = testDeps(t, managerConfig);
    const inf = await seedInfluencer(t.db);
    expect(await adjustPoints(deps, MANAGER, { influencerId: inf.id, points: 10, reason: "" })).toMatchObject({ ok: false, error: "manage.points.reason_required" });
    expect(await adjustPoints(deps, STRANGER, { influencerId: inf.id, points: 10, reason: "x" })).toEqual({ ok: false, error: "manage.refused" });
    const first = await adjustPoints(deps, MANAGER, { influencerId: inf.id, points: 25, reason: "event bonus", requestId: "req-1" });
    const again = await adjustPoints(deps, MANAGER, { influencerId: inf.id, points: 25, reason: "event bonus", requestId: "req-1" });
    expect(first).toMatchObject({ ok: true, value: { created: true, balance: 25 } });
    expect(again).toMatchObject({ ok: true, value: { created: false, balance: 25 } });
    await adjustPoints(deps, MANAGER, { influencerId: inf.id, points: -5, reason: "typo" });
    const st = await influencerStatement(deps, MANAGER, inf.id);
    if (!st.ok) throw new Error(st.error);
    expect(st.value.balance).toBe(20);
    expect(st.value.entries.map((e) => [e.amount, e.kind, e.reason])).toEqual([[-5, "adjustment", "typo"], [25, "adjustment", "event bonus"]]);
    expect(await adjustPoints(deps, MANAGER, { influencerId: 999999, points: 1, reason: "x" })).toMatchObject({ ok: false, error: "manage.influencer.not_found" });
  });

  it("given a catalog and pending redemptions then fulfil once and cancel refunds once with stock restored", async () => {
    const deps = testDeps(t, managerConfig);
    expect(await createReward(deps, MANAGER, { name: "", cost: 5, stock: 1 })).toEqual({ ok: false, error: "manage.reward.invalid", params: { field: "name" } });
    const reward = await createReward(deps, MANAGER, { name: "Mug", description: "Ceramic", cost: 40, stock: 2 });
    if (!reward.ok) throw new Error(reward.error);
    const updated = await updateReward(deps, MANAGER, reward.value.id, { stock: 1 });
    expect(updated.ok && updated.value.stock).toBe(1);
    expect((await listRewards(deps, MANAGER)).ok).toBe(true);
    const inf = await seedInfluencer(t.db);
    const cycle = await currentCycle(t.db, deps.clock);
    const r1 = await t.db.redemption.create({ data: { rewardId: reward.value.id, influencerId: inf.id, cycleId: cycle.id, cost: 40 } });
    const r2 = await t.db.redemption.create({ data: { rewardId: reward.value.id, influencerId: inf.id, cycleId: cycle.id, cost: 40 } });
    await t.db.ledgerEntry.createMany({ data: [r1, r2].map((r) => ({ influencerId: inf.id, cycleId: cycle.id, amount: -40, kind: "redemption", idempotencyKey: `redemption:${r.id}` })) });
    const pending = await pendingRedemptions(deps, MANAGER);
    expect(pending.ok && pending.value.map((p) => p.id)).toEqual([r1.id, r2.id]);

    expect(await fulfilRedemption(deps, MANAGER, r1.id)).toEqual({ ok: true, value: { id: r1.id } });
    expect(await fulfilRedemption(deps, MANAGER, r1.id)).toMatchObject({ ok: false, error: "manage.redemption.already_decided" });
    const [c1, c2] = await Promise.all([cancelRedemption(deps, MANAGER, r2.id), cancelRedemption(deps, "operator", r2.id)]);
    expect([c1, c2].filter((c) => c.ok)).toHaveLength(1);
    expect(await cycleBalance(t.db, inf.id, cycle.id)).toBe(-40);
    expect((await t.db.reward.findUniqueOrThrow({ where: { id: reward.value.id } })).stock).toBe(2);
    expect(await t.db.outboxMessage.count({ where: { dedupeKey: { in: [`redemption:${r1.id}:fulfilled`, `redemption:${r2.id}:cancelled`] } } })).toBe(2);
  });
});
