// Rewards from the influencer's side: the catalog, and redeeming — the balance never goes
// negative, stock is decremented atomically, a pending Redemption is recorded for the managers
// and the cost leaves the ledger under the key redemption:<id>. By the reward's kind (issue 21):
// a product carries the shipping address given in the chat; a voucher takes a code from its pool
// in the same transaction and is fulfilled at once; an experience tells its instructions.
import { err, ok, type Result } from "../result.js";
import { AppError } from "../errors.js";
import type { Redemption, Reward } from "../db/generated/sqlite/client.js";
import { appendEntry, currentCycle, cycleBalance } from "./ledger.js";
import type { Deps } from "./deps.js";
import { noticeRedemption } from "./manager-notices.js";
import { rewardNameParam } from "../domain/content-translations.js";
import { alertLowVoucherStock, claimVoucherCode } from "./voucher-codes.js";
import type { ShippingAddress } from "../domain/shipping-address.js";

export async function listRewards(deps: Deps): Promise<Reward[]> {
  return deps.db.reward.findMany({ where: { active: true }, orderBy: [{ cost: "asc" }, { id: "asc" }], take: 50 });
}

export async function getReward(deps: Deps, rewardId: number): Promise<Reward | null> {
  return deps.db.reward.findUnique({ where: { id: rewardId } });
}

/** Thrown inside the transaction to roll it back with a user-facing answer. */
class Refusal extends Error {
  constructor(readonly result: Result<never>) {
    super("refused");
  }
}

export interface Redeemed {
  redemption: Redemption;
  reward: Reward;
  balance: number;
  /** a voucher's code, handed out now */
  voucherCode?: string;
}

export async function redeemReward(deps: Deps, influencerId: number, rewardId: number, options: { shippingAddress?: ShippingAddress } = {}): Promise<Result<Redeemed>> {
  const reward = await getReward(deps, rewardId);
  if (!reward || !reward.active) return err("journey.rewards.not_found");
  // A product is shipped: no redemption without the address (the chat asks for it first).
  if (reward.kind === "product" && !options.shippingAddress) return err("fulfil.address.required");
  const cycle = await currentCycle(deps.db, deps.clock);
  try {
    const result = await deps.db.$transaction(async (tx) => {
      // Touching the influencer row first serializes redemptions of one person (row lock on
      // PostgreSQL, the write lock on SQLite), so two at once cannot both spend the same points.
      await tx.influencer.update({ where: { id: influencerId }, data: { updatedAt: deps.clock.now() } });
      const balance = await cycleBalance(tx, influencerId, cycle.id);
      if (balance < reward.cost) throw new Refusal(err("journey.rewards.not_enough", { cost: reward.cost, balance }));
      if (reward.stock !== null) {
        const s = await tx.reward.updateMany({ where: { id: rewardId, active: true, stock: { gt: 0 } }, data: { stock: { decrement: 1 } } });
        if (s.count !== 1) throw new Refusal(err("journey.rewards.out_of_stock", { name: rewardNameParam(reward) }));
      }
      const created = await tx.redemption.create({
        data: { rewardId, influencerId, cycleId: cycle.id, cost: reward.cost, status: "pending", ...(options.shippingAddress ? { shippingAddress: { ...options.shippingAddress } } : {}) },
      });
      let redemption = created;
      let voucherCode: string | undefined;
      if (reward.kind === "voucher") {
        const now = deps.clock.now();
        voucherCode = (await claimVoucherCode(tx, rewardId, created.id, now)) ?? undefined;
        if (!voucherCode) throw new Refusal(err("journey.rewards.out_of_stock", { name: reward.name }));
        redemption = await tx.redemption.update({ where: { id: created.id }, data: { status: "fulfilled", decidedBy: "system", decidedAt: now } });
      }
      const entry = await appendEntry(tx, {
        influencerId, cycleId: cycle.id, amount: -reward.cost, kind: "redemption",
        idempotencyKey: `redemption:${redemption.id}`, reference: `redemption:${redemption.id}`, reason: reward.name,
      });
      if (!entry.created) throw new AppError("redemption_entry_exists", "redemption ledger key already used", { context: { redemptionId: redemption.id } });
      return ok({ redemption, reward, balance: balance - reward.cost, ...(voucherCode ? { voucherCode } : {}) });
    });
    if (result.ok && result.value.voucherCode) await alertLowVoucherStock(deps, reward);
    else if (result.ok) {
      // After the commit: the managers' channel learns there is something to fulfil.
      const who = await deps.db.influencer.findUnique({ where: { id: influencerId }, select: { displayName: true } });
      await noticeRedemption(deps, {
        id: result.value.redemption.id, cost: reward.cost, influencerId, rewardName: reward.name,
        influencerName: who?.displayName ?? `#${influencerId}`,
      });
    }
    return result;
  } catch (e) {
    if (e instanceof Refusal) return e.result as Result<never>;
    throw e;
  }
}
