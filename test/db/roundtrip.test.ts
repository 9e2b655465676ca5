// The migrations of each provider produce the schema the generated client expects: a row goes
// through every model, with its relations, on a database built only from committed migrations.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { PROVIDERS, readModels, renderSchema, schemaPath } from "../../scripts/render-schemas.mjs";
import { projectRoot } from "../../src/db/provider.js";

describe.each(testProviders())("database round trip on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given a migrated database then every model round-trips", async () => {
    const db = t.db;
    const invitation = await db.invitation.create({ data: { code: "JOIN1", maxUses: 5, segmentTags: ["vip"] } });
    const inf = await db.influencer.create({
      data: { displayName: "Ana", interests: ["beauty"], tags: ["vip"], invitationId: invitation.id, locale: "es" },
    });
    await db.platformAccount.create({ data: { influencerId: inf.id, platform: "telegram", externalId: "42", chatId: "42" } });
    await db.socialHandle.create({ data: { influencerId: inf.id, network: "instagram", handle: "ana" } });
    await db.conversation.create({ data: { key: "telegram:42", influencerId: inf.id, flow: "onboarding", step: "consent", data: { a: 1 } } });
    await db.processedEvent.create({ data: { id: "telegram:1", expiresAt: new Date(Date.now() + 1000) } });
    const mission = await db.mission.create({
      data: { title: "T", brief: "B", hashtags: ["#ad"], networks: ["instagram"], points: 50, deadline: new Date("2030-01-01"), segment: { regions: [] } },
    });
    const part = await db.participation.create({ data: { missionId: mission.id, influencerId: inf.id, status: "accepted" } });
    const sub = await db.submission.create({
      data: { participationId: part.id, missionId: mission.id, influencerId: inf.id, url: "https://instagram.com/p/x", originalUrl: "https://instagram.com/p/x", network: "instagram", evidence: { notes: [] } },
    });
    const cycle = await db.cycle.create({ data: { name: "2030-Q1", startsAt: new Date("2030-01-01"), endsAt: new Date("2030-04-01") } });
    await db.cycleStanding.create({ data: { cycleId: cycle.id, influencerId: inf.id, rank: 1, points: 50 } });
    await db.ledgerEntry.create({ data: { influencerId: inf.id, cycleId: cycle.id, amount: 50, kind: "mission", idempotencyKey: `submission:${sub.id}` } });
    const reward = await db.reward.create({ data: { name: "Mug", cost: 10, stock: 3 } });
    await db.redemption.create({ data: { rewardId: reward.id, influencerId: inf.id, cycleId: cycle.id, cost: 10 } });
    await db.outboxMessage.create({ data: { platform: "telegram", recipient: "42", purpose: "test", dedupeKey: "k1", payload: { kind: "message" } } });
    await db.jobRun.create({ data: { jobKey: "x:2030", jobName: "x", slot: new Date(), instanceId: "i" } });
    const link = await db.trackingLink.create({ data: { code: "abc", missionId: mission.id, influencerId: inf.id, targetUrl: "https://brand.example" } });
    await db.click.create({ data: { trackingLinkId: link.id } });
    await db.conversion.create({ data: { trackingLinkId: link.id, externalId: "order-1", value: 12.5 } });
    await db.manager.create({ data: { platform: "slack", externalId: "U1" } });
    await db.auditLog.create({ data: { actor: "operator", action: "test", before: { a: 1 }, after: { a: 2 } } });
    await db.programSetting.create({ data: { key: "cycle", value: { length: "quarter" } } });

    const back = await db.influencer.findUniqueOrThrow({
      where: { id: inf.id },
      include: { accounts: true, handles: true, participations: { include: { submissions: true } }, ledgerEntries: true, redemptions: true, standings: true, invitation: true },
    });
    expect(back.interests).toEqual(["beauty"]);
    expect(back.accounts[0]?.externalId).toBe("42");
    expect(back.handles[0]?.handle).toBe("ana");
    expect(back.participations[0]?.submissions[0]?.evidence).toEqual({ notes: [] });
    expect(back.ledgerEntries[0]?.amount).toBe(50);
    expect(back.invitation?.segmentTags).toEqual(["vip"]);
    expect((await db.conversion.findFirstOrThrow()).value).toBe(12.5);
    expect((await db.auditLog.findFirstOrThrow()).after).toEqual({ a: 2 });
  });

  it("given a used idempotency key then a second ledger entry is refused by the database", async () => {
    const db = t.db;
    const inf = await db.influencer.create({ data: {} });
    const cycle = await db.cycle.findFirstOrThrow();
    const data = { influencerId: inf.id, cycleId: cycle.id, amount: 5, kind: "bonus", idempotencyKey: "dup-key" };
    await db.ledgerEntry.create({ data });
    await expect(db.ledgerEntry.create({ data })).rejects.toThrow();
  });
});

describe("schema sources", () => {
  it("given models.prisma then the rendered provider schemas are current", () => {
    const models = readModels();
    for (const provider of PROVIDERS) expect(readFileSync(schemaPath(provider), "utf8")).toBe(renderSchema(provider, models));
  });

  it("given models.prisma then a migration exists for its last change (npm run db:migration)", () => {
    const snapshot = readFileSync(join(projectRoot, "prisma", "migrated-models.prisma"), "utf8");
    expect(snapshot, "prisma/models.prisma changed without `npm run db:migration -- <name>`").toBe(readModels());
  });
});
