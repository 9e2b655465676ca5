// /points, /leaderboard (tie-break), /rewards with a confirmed redemption (never negative, stock
// atomic), /stop, /mydata, /deleteme.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { redeemReward } from "../../src/services/rewards.js";
import { leaderboard } from "../../src/services/leaderboard.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedReward } from "../engine/seed.js";

describe.each(testProviders())("points, rewards and data on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);
  let n = 0;
  const give = async (influencerId: number, amount: number, kind: "mission" | "adjustment" = "mission") => {
    const cycle = await currentCycle(deps.db, deps.clock);
    await appendEntry(deps.db, { influencerId, cycleId: cycle.id, amount, kind, idempotencyKey: `test:${++n}`, reason: "Test mission" });
  };

  it("given ledger entries then /points shows the cycle balance, lifetime and the latest entries", async () => {
    const inf = await seedMember(deps, "pia");
    const user = new FakeUser(engine, "pia");
    await user.command("/points");
    expect(user.lastText()).toContain("No points yet");
    await give(inf.id, 100);
    await give(inf.id, 40);
    await user.command("/points");
    expect(user.lastText()).toContain("This cycle (2026-Q1, until Apr 1, 2026, 12:00 AM UTC): 140 points");
    expect(user.lastText()).toContain("Earned in total: 140 points");
    expect(user.lastText()).toContain("+40 points · mission · Test mission");
  });

  it("given equal points then the leaderboard ranks whoever reached the total first higher, and shows the user's own rank", async () => {
    const cycle = await currentCycle(deps.db, deps.clock);
    await deps.db.ledgerEntry.deleteMany({ where: { cycleId: cycle.id } });
    await deps.db.cycleScore.deleteMany({ where: { cycleId: cycle.id } }); // the live standings of those entries
    await deps.db.cycleScoreBucket.deleteMany({ where: { cycleId: cycle.id } });
    const a = await seedMember(deps, "lb-a");
    const b = await seedMember(deps, "lb-b");
    const c = await seedMember(deps, "lb-c");
    await give(b.id, 50);
    await give(a.id, 50);
    await give(c.id, 80);
    const lb = await leaderboard(deps, a.id);
    expect(lb.top.map((r) => [r.influencerId, r.rank, r.points])).toEqual([[c.id, 1, 80], [b.id, 2, 50], [a.id, 3, 50]]);
    const user = new FakeUser(engine, "lb-a");
    await user.command("/leaderboard");
    expect(user.lastText()).toContain("1. lb-c — 80");
    expect(user.lastText()).toContain("You are number 3 of 3 with 50 points.");
  });

  it("given /rewards then redeeming asks for confirmation, takes the points once, decrements the stock and records a pending redemption", async () => {
    const inf = await seedMember(deps, "rosa");
    await give(inf.id, 120);
    const reward = await seedReward(deps, { name: "Tote bag", cost: 50, stock: 2 });
    const user = new FakeUser(engine, "rosa");
    await user.command("/rewards");
    expect(user.lastText()).toContain("you have 120 points");
    expect(user.lastText()).toContain("Tote bag — 50 points · 2 left");
    await user.press("reward.redeem", String(reward.id));
    expect(user.lastText()).toContain("Redeem Tote bag for 50 points?");
    await user.press("reward.cancel");
    expect(user.lastText()).toContain("nothing redeemed");
    await user.action("reward.confirm", String(reward.id));
    expect(user.lastText()).toContain("Points left: 70");
    const red = await deps.db.redemption.findFirstOrThrow({ where: { influencerId: inf.id } });
    expect(red).toMatchObject({ status: "pending", cost: 50 });
    expect(await deps.db.ledgerEntry.findUniqueOrThrow({ where: { idempotencyKey: `redemption:${red.id}` } })).toMatchObject({ amount: -50, kind: "redemption" });
    expect((await deps.db.reward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(1);
  });

  it("given two redemptions at once that the balance covers only once then one succeeds and the balance never goes negative", async () => {
    const inf = await seedMember(deps, "twice");
    await give(inf.id, 60);
    const reward = await seedReward(deps, { name: "Cap", cost: 50, stock: null });
    const results = await Promise.all([redeemReward(deps, inf.id, reward.id), redeemReward(deps, inf.id, reward.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: "journey.rewards.not_enough", params: { cost: 50, balance: 10 } });
    const sum = await deps.db.ledgerEntry.aggregate({ where: { influencerId: inf.id }, _sum: { amount: true } });
    expect(sum._sum.amount).toBe(10);
  });

  it("given the last item in stock redeemed by two people at once then one gets it and the other hears it is out of stock", async () => {
    const a = await seedMember(deps, "stock-a");
    const b = await seedMember(deps, "stock-b");
    await give(a.id, 100);
    await give(b.id, 100);
    const reward = await seedReward(deps, { name: "Trip", cost: 80, stock: 1 });
    const results = await Promise.all([redeemReward(deps, a.id, reward.id), redeemReward(deps, b.id, reward.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: "journey.rewards.out_of_stock" });
    expect((await deps.db.reward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(0);
    expect(await deps.db.ledgerEntry.count({ where: { kind: "redemption", influencerId: { in: [a.id, b.id] } } })).toBe(1);
  });

  it("given /stop, /mydata and a confirmed /deleteme then messages pause, the export lists the data, and personal data is erased while the ledger stays", async () => {
    const inf = await seedMember(deps, "dora", [{ network: "instagram", handle: "dora.d" }]);
    await give(inf.id, 30);
    const user = new FakeUser(engine, "dora");
    await user.command("/stop");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).messagesPaused).toBe(true);
    await user.command("/resume");
    expect((await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } })).messagesPaused).toBe(false);
    await user.command("/mydata");
    expect(user.lastText()).toContain("Social accounts: Instagram @dora.d");
    expect(user.lastText()).toContain("Points now: 30");
    const file = user.last.find((r) => r.message.attachment)?.message.attachment;
    expect(file).toMatchObject({ filename: "advo-my-data.json", mimeType: "application/json" });
    expect(JSON.parse(file!.content)).toMatchObject({ handles: [{ network: "instagram", handle: "dora.d" }], ledger: [{ amount: 30 }] });
    await user.command("/deleteme");
    await user.press("privacy.keep");
    expect(await deps.db.socialHandle.count({ where: { influencerId: inf.id } })).toBe(1);
    await user.command("/deleteme");
    await user.press("privacy.delete");
    expect(user.lastText()).toContain("Your personal data has been erased");
    const after = await deps.db.influencer.findUniqueOrThrow({ where: { id: inf.id } });
    expect(after).toMatchObject({ status: "deleted", displayName: null, region: null });
    expect(await deps.db.socialHandle.count({ where: { influencerId: inf.id } })).toBe(0);
    expect(await deps.db.platformAccount.count({ where: { influencerId: inf.id } })).toBe(0);
    expect((await deps.db.ledgerEntry.aggregate({ where: { influencerId: inf.id }, _sum: { amount: true } }))._sum.amount).toBe(30);
    await user.command("/points");
    expect(user.lastText()).toContain("Advo works by invitation");
  });
});
