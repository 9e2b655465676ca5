// The managers' redemption card offers only what the service would accept: a shipped product can be
// marked delivered, not cancelled with a refund (issue 21).
import { describe, expect, it } from "vitest";
import { ACTIONS, redemptionCard } from "../../../src/engine/manage/cards.js";
import type { RedemptionItem } from "../../../src/services/catalog-admin.js";

const item = (status: string): RedemptionItem => ({
  id: 7, rewardName: "Mug", influencerId: 3, influencerName: "Ana", cost: 300, status, createdAt: new Date("2026-12-01T10:00:00Z"),
  kind: "product", shippingAddress: ["Calle Mayor 1", "28013 Madrid"], trackingNumber: status === "shipped" ? "1Z999" : null,
});
const actions = (status: string) => (redemptionCard("en", item(status)).buttons ?? []).flat().map((b) => b.action);

describe("redemption card", () => {
  it("given a pending redemption then it can be fulfilled or cancelled with a refund", () => {
    expect(actions("pending")).toEqual([ACTIONS.redemptionFulfil, ACTIONS.redemptionCancel]);
  });

  it("given a shipped product then only marking it delivered is offered", () => {
    expect(actions("shipped")).toEqual([ACTIONS.redemptionFulfil]);
  });
});
