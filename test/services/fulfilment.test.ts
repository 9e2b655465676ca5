// Reward fulfilment on a real database (issue 21): a voucher pool imported from CSV hands each code
// once under concurrent redemptions and alerts the managers once at its threshold; a product is
// redeemed only with an address, shipped with a tracking number, fulfilled, each step told; the
// address is erased with the person. In the chat: the address flow, the voucher code at once, the
// experience's instructions and the redemption history under /rewards.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { redeemReward } from "../../src/services/rewards.js";
import { cancelRedemption, createReward, fulfilRedemption, pendingRedemptions, shipRedemption } from "../../src/services/catalog-admin.js";
import { importVoucherCodes } from "../../src/services/voucher-codes.js";
import { eraseInfluencer } from "../../src/services/privacy.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember } from "../engine/seed.js";
import { MANAGER, managerConfig, seedInfluencer } from "./manage/fixtures.js";

const ADDRESS = "Ana Ruiz\nCalle Mayor 5\n28013 Madrid\nSpain";

describe.each(testProviders())("reward fulfilment on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider, { ...managerConfig, SLACK_MANAGER_CHANNEL: "CMANAGERS" });
  let key = 0;
  const give = async (influencerId: number, amount: number) =>
    appendEntry(deps.db, { influencerId, cycleId: (await currentCycle(deps.db, deps.clock)).id, amount, kind: "adjustment", idempotencyKey: `ff:${++key}` });
  const reward = async (input: Record<string, unknown>) => {
    const r = await createReward(deps, MANAGER, { name: "Reward", cost: 10, stock: null, ...input } as never);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  it("given a pool of 5 voucher codes and 8 people redeeming at once then 5 get distinct codes, 3 are told it is sold out, and managers are alerted once", async () => {
    const voucher = await reward({ name: "Shop voucher", kind: "voucher", lowStockAt: "2" });
    expect(await importVoucherCodes(deps, MANAGER, voucher.id, ["code", "V-1", "V-2", "bad code", ""])).toMatchObject({ ok: false, error: "manage.codes.invalid_rows", params: { rows: "4" } });
    expect(await importVoucherCodes(deps, MANAGER, voucher.id, ["code", "V-1", "V-2", "V-3", "V-2", "V-4", "V-5", ""])).toMatchObject({ ok: true, value: { imported: 5, alreadyThere: 0, unused: 5 } });
    expect(await importVoucherCodes(deps, MANAGER, voucher.id, ["V-5"])).toMatchObject({ ok: true, value: { imported: 0, alreadyThere: 1, unused: 5 } });
    const people = await Promise.all(Array.from({ length: 8 }, () => seedInfluencer(deps.db)));
    for (const p of people) await give(p.id, 50);
    const results = await Promise.all(people.map((p) => redeemReward(deps, p.id, voucher.id)));
    const codes = results.flatMap((r) => (r.ok ? [r.value.voucherCode] : []));
    expect(codes.sort()).toEqual(["V-1", "V-2", "V-3", "V-4", "V-5"]);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(["journey.rewards.out_of_stock", "journey.rewards.out_of_stock", "journey.rewards.out_of_stock"]);
    expect(await deps.db.redemption.count({ where: { rewardId: voucher.id, status: "fulfilled" } })).toBe(5);
    // Nobody paid for a code they did not get: the refused redemptions rolled back.
    expect(await deps.db.redemption.count({ where: { rewardId: voucher.id } })).toBe(5);
    const alerts = await deps.db.outboxMessage.findMany({ where: { purpose: "manager.voucher_low" } });
    expect(alerts.map((a) => a.dedupeKey)).toEqual([`reward:${voucher.id}:voucher_low:5`]);
    expect(await importVoucherCodes(deps, "telegram:1", voucher.id, ["X-1"])).toMatchObject({ ok: false, error: "manage.refused" });
  });

  it("given a product then it needs an address, is shipped with a tracking number and fulfilled, each step told; erasure removes the address", async () => {
    const bottle = await reward({ name: "Bottle", kind: "product", stock: 3 });
    const p = await seedInfluencer(deps.db, { locale: "fr" });
    await give(p.id, 30);
    expect(await redeemReward(deps, p.id, bottle.id)).toMatchObject({ ok: false, error: "fulfil.address.required" });
    const r = await redeemReward(deps, p.id, bottle.id, { shippingAddress: { lines: ["Ana Ruiz", "Calle Mayor 5", "28013 Madrid", "Spain"] } });
    if (!r.ok) throw new Error(r.error);
    const id = r.value.redemption.id;
    const open = await pendingRedemptions(deps, MANAGER);
    expect(open.ok && open.value.find((x) => x.id === id)).toMatchObject({ kind: "product", shippingAddress: ["Ana Ruiz", "Calle Mayor 5", "28013 Madrid", "Spain"], status: "pending" });
    expect(await shipRedemption(deps, MANAGER, id, "x")).toMatchObject({ ok: false, error: "fulfil.tracking.invalid" });
    expect(await shipRedemption(deps, MANAGER, id, "TRK123456")).toMatchObject({ ok: true });
    expect(await shipRedemption(deps, MANAGER, id, "TRK123456")).toMatchObject({ ok: false, error: "manage.redemption.already_decided" });
    expect(await cancelRedemption(deps, MANAGER, id)).toMatchObject({ ok: false, error: "manage.redemption.already_decided" });
    expect(await fulfilRedemption(deps, MANAGER, id)).toMatchObject({ ok: true });
    const told = await deps.db.outboxMessage.findMany({ where: { influencerId: p.id }, orderBy: { id: "asc" } });
    expect(told.map((m) => [m.dedupeKey, (m.payload as { messageId: string }).messageId])).toEqual([
      [`redemption:${id}:shipped`, "fulfil.shipped_notice"], [`redemption:${id}:fulfilled`, "manage.redemption.fulfilled_notice"],
    ]);
    expect(told[0]!.payload).toMatchObject({ params: { reward: "Bottle", tracking: "TRK123456" } });
    await eraseInfluencer(deps, p.id);
    expect(await deps.db.redemption.findUniqueOrThrow({ where: { id } })).toMatchObject({ shippingAddress: null, trackingNumber: "TRK123456" });
  });

  it("given the chat then a product asks for the address (a bad one is refused), a voucher gives its code, an experience its instructions, and /rewards lists them", async () => {
    const inf = await seedMember(deps, `chat-${provider}`);
    await give(inf.id, 100);
    const tote = await reward({ name: "Tote", kind: "product", cost: 20, stock: 5 });
    const voucher = await reward({ name: "Gift card", kind: "voucher", cost: 20 });
    await importVoucherCodes(deps, MANAGER, voucher.id, ["GIFT-77"]);
    const visit = await reward({ name: "Factory visit", kind: "experience", cost: 20, instructions: { en: "We will email you the date." } });
    const user = new FakeUser(engine, `chat-${provider}`);
    await user.action("reward.confirm", String(tote.id));
    expect(user.lastText()).toContain("Where should we send Tote?");
    await user.say("Madrid");
    expect(user.lastText()).toContain("doesn’t look like a full address");
    expect(await deps.db.redemption.count({ where: { influencerId: inf.id } })).toBe(0);
    await user.say(ADDRESS);
    expect(user.lastText()).toContain("We will ship it to: Ana Ruiz, Calle Mayor 5, 28013 Madrid, Spain");
    // The address is on the redemption only, not left in the conversation.
    const conversations = await deps.db.conversation.findMany({ select: { data: true } });
    expect(conversations.length).toBeGreaterThan(0);
    expect(JSON.stringify(conversations)).not.toContain("Mayor");
    await user.action("reward.confirm", String(voucher.id));
    expect(user.lastText()).toContain("Your Gift card code: GIFT-77");
    await user.action("reward.confirm", String(visit.id));
    expect(user.lastText()).toContain("What happens next: We will email you the date.");
    await user.command("/rewards");
    expect(user.lastText()).toContain("Your redemptions");
    expect(user.lastText()).toMatch(/Factory visit — .* · being prepared/);
    expect(user.lastText()).toMatch(/Gift card — .* · delivered · code GIFT-77/);
    expect(user.lastText()).toMatch(/Tote — .* · being prepared/);
  });
});
