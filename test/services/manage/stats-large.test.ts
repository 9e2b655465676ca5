// `advo stats` on a mission with thousands of verified posts (issue 18: 16 s on a busy database).
// The points paid and the clicks per mission come from one grouped join each; they used to pass
// every verified submission's reference (and every tracking link id) back as query parameters,
// which SQLite refuses past its parameter limit (P2029) and PostgreSQL plans slowly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../../helpers/db.js";
import { testDeps } from "../../helpers/deps.js";
import { missionFigures } from "../../../src/services/stats.js";
import { MANAGER, managerConfig } from "./fixtures.js";

const PEOPLE = 2500;

describe.each(testProviders())("stats on a large mission on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given 2,500 verified posts with their points and clicks, then the figures are summed in a fixed number of queries", async () => {
    const db = t.db;
    const cycle = await db.cycle.create({ data: { name: "Big", startsAt: new Date("2026-01-01T00:00:00Z"), endsAt: new Date("2027-01-01T00:00:00Z") } });
    const mission = await db.mission.create({ data: { title: "Big launch", brief: "b", points: 10, deadline: new Date("2026-12-31T00:00:00Z"), segment: {}, status: "published" } });
    const other = await db.mission.create({ data: { title: "Other", brief: "b", points: 10, deadline: new Date("2026-12-31T00:00:00Z"), segment: {}, status: "published" } });
    const ids = Array.from({ length: PEOPLE }, (_, i) => i + 1);
    await db.influencer.createMany({ data: ids.map((id) => ({ id, displayName: `P${id}`, status: "active", interests: [], tags: [] })) });
    await db.participation.createMany({ data: ids.map((id) => ({ id, missionId: mission.id, influencerId: id, status: "submitted" })) });
    await db.submission.createMany({
      data: ids.map((id) => ({
        id, participationId: id, missionId: mission.id, influencerId: id, url: `https://instagram.com/p/${id}`, originalUrl: `https://instagram.com/p/${id}`,
        network: "instagram", status: id % 5 === 0 ? "rejected" : "approved", evidence: {},
      })),
    });
    // points for every approved post, a bonus that is not a mission payment, and a payment of the other mission
    await db.ledgerEntry.createMany({
      data: ids.filter((id) => id % 5 !== 0).map((id) => ({ influencerId: id, cycleId: cycle.id, amount: 10, kind: "mission", reference: `submission:${id}`, idempotencyKey: `big:${id}` })),
    });
    await db.ledgerEntry.create({ data: { influencerId: 1, cycleId: cycle.id, amount: 500, kind: "bonus", reference: "submission:1", idempotencyKey: "big:bonus" } });
    await db.trackingLink.createMany({ data: ids.map((id) => ({ id, code: `L${id}`, missionId: mission.id, influencerId: id, targetUrl: "https://shop.example/" })) });
    await db.click.createMany({ data: ids.flatMap((id) => [{ trackingLinkId: id, visitorHash: `v${id}`, preview: false }, ...(id % 2 ? [{ trackingLinkId: id, visitorHash: `p${id}`, preview: true }] : [])]) });

    const f = await missionFigures(testDeps(t, managerConfig), MANAGER);
    if (!f.ok) throw new Error(f.error);
    const big = f.value.find((m) => m.missionId === mission.id);
    expect(big).toEqual({ missionId: mission.id, title: "Big launch", status: "published", offered: 0, accepted: PEOPLE, submitted: PEOPLE, verified: 2000, rejected: 500, pointsPaid: 20_000, clicks: PEOPLE });
    expect(f.value.find((m) => m.missionId === other.id)).toMatchObject({ pointsPaid: 0, clicks: 0 });
  }, 120_000);
});
