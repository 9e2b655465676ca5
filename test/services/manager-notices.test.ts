// The managers' channel hears about new redemptions, closed cycles and (daily) pending work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { redeemReward } from "../../src/services/rewards.js";
import { closeCycle } from "../../src/services/cycles.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { runManagerDigest } from "../../src/jobs/manager-digest.js";

describe.each(testProviders())("manager notices on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  const managerRows = (purpose: string) => t.db.outboxMessage.findMany({ where: { purpose } });

  it("given a redemption then the manager channel gets one card with fulfil and cancel buttons", async () => {
    const deps = testDeps(t, { SLACK_MANAGER_CHANNEL: "CMGR" });
    const cycle = await currentCycle(t.db, deps.clock);
    const inf = await t.db.influencer.create({ data: { displayName: "Ana", status: "active" } });
    await appendEntry(t.db, { influencerId: inf.id, cycleId: cycle.id, amount: 100, kind: "mission", idempotencyKey: "seed:ana" });
    const reward = await t.db.reward.create({ data: { name: "Mug", cost: 40, stock: 5 } });

    const r = await redeemReward(deps, inf.id, reward.id);
    expect(r.ok).toBe(true);
    const rows = await managerRows("manager.redemption");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ platform: "slack", recipient: "CMGR" });
    const payload = rows[0]!.payload as { messageId: string; params: Record<string, unknown>; buttons: { action: string; payload: string }[][] };
    expect(payload.messageId).toBe("notice.redemption");
    expect(payload.params).toMatchObject({ reward: "Mug", influencer: "Ana", cost: 40 });
    expect(payload.buttons[0]!.map((b) => b.action)).toEqual(["redemption.fulfil", "redemption.cancel"]);
  });

  it("given a refused redemption then no manager notice is queued", async () => {
    const deps = testDeps(t, { SLACK_MANAGER_CHANNEL: "CMGR" });
    const poor = await t.db.influencer.create({ data: { displayName: "Bo", status: "active" } });
    const reward = await t.db.reward.create({ data: { name: "Trip", cost: 10_000 } });
    const before = (await managerRows("manager.redemption")).length;
    expect((await redeemReward(deps, poor.id, reward.id)).ok).toBe(false);
    expect(await managerRows("manager.redemption")).toHaveLength(before);
  });

  it("given a daily digest with pending work then it is posted once per day", async () => {
    const deps = testDeps(t, { SLACK_MANAGER_CHANNEL: "CMGR" });
    const now = new Date("2026-03-02T09:00:00Z");
    const first = await runManagerDigest(deps, now);
    expect(first).toMatchObject({ posted: true, redemptions: 1 });
    expect(await runManagerDigest(deps, new Date("2026-03-02T15:00:00Z"))).toMatchObject({ posted: false });
    expect(await managerRows("manager.digest")).toHaveLength(1);
  });

  it("given no manager channel then the digest says so and queues nothing", async () => {
    const deps = testDeps(t);
    expect(await runManagerDigest(deps, new Date("2026-03-03T09:00:00Z"))).toMatchObject({ posted: false, reason: "SLACK_MANAGER_CHANNEL not set" });
  });

  it("given a cycle close then the manager channel gets its summary once", async () => {
    const deps = testDeps(t, { SLACK_MANAGER_CHANNEL: "CMGR" });
    const r = await closeCycle(deps, "operator", { force: true });
    expect(r.ok).toBe(true);
    const rows = await managerRows("manager.cycle_closed");
    expect(rows).toHaveLength(1);
    expect((rows[0]!.payload as { params: { participants: number } }).params.participants).toBeGreaterThanOrEqual(1);
  });
});
