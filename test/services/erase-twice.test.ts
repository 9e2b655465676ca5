// Erasing one person twice — a double press of "Yes, erase my data" on two platforms at once, or a
// retry after a timeout — must finish both times (no hang, no error), withdraw their work once and
// tell the managers once (issue 12, dead end 5; "seen once" in the previous stop).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import type { FakeClock } from "../../src/clock.js";
import type { Deps } from "../../src/services/deps.js";
import { acceptMission } from "../../src/services/missions.js";
import { submitLink } from "../../src/services/submissions.js";
import { eraseInfluencer } from "../../src/services/privacy.js";
import { seedMember, seedMission } from "../engine/seed.js";

describe.each(testProviders())("erasing one person twice on %s", (provider) => {
  let database: TestDatabase;
  let deps: Deps & { clock: FakeClock };
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    deps = testDeps(database, { SLACK_MANAGER_CHANNEL: "CMGR" });
  });
  afterAll(() => database.destroy());

  async function memberWithWork(name: string, n: number) {
    const inf = await seedMember(deps, name, [{ network: "tiktok", handle: name }]);
    const m = await seedMission(deps, { title: `Twice ${n}`, networks: ["tiktok"], cap: 5 });
    await acceptMission(deps, inf.id, m.id);
    const r = await submitLink(deps, inf.id, m.id, `https://www.tiktok.com/@${name}/video/77000000000000000${n}`);
    if (!r.ok) throw new Error(r.error);
    await deps.db.submission.updateMany({ where: { influencerId: inf.id }, data: { status: "needs_review" } });
    // The card was posted: the erasure queues its edit.
    const s = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    await deps.db.outboxMessage.create({ data: { platform: "slack", recipient: "CMGR", purpose: "review.needed", dedupeKey: `submission:${s.id}:review`, payload: {}, status: "sent", platformMessageId: "1.1" } });
    return { inf, m, s };
  }

  const expectErasedOnce = async (influencerId: number, missionId: number, submissionId: number) => {
    expect(await deps.db.influencer.findUniqueOrThrow({ where: { id: influencerId } })).toMatchObject({ status: "deleted" });
    expect(await deps.db.submission.findUniqueOrThrow({ where: { id: submissionId } })).toMatchObject({ status: "withdrawn", url: `erased:${submissionId}` });
    expect((await deps.db.mission.findUniqueOrThrow({ where: { id: missionId } })).acceptedCount).toBe(0); // the place given back once, not twice
    expect(await deps.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `submission:${submissionId}:` }, purpose: { in: ["manager.review_withdrawn", "review.withdrawn"] } } })).toBe(2);
  };

  it("given an erased person then erasing again finishes and changes nothing more", async () => {
    const { inf, m, s } = await memberWithWork("twice", 1);
    await eraseInfluencer(deps, inf.id);
    await eraseInfluencer(deps, inf.id);
    await expectErasedOnce(inf.id, m.id, s.id);
  });

  it("given two erasures of one person at the same time then both finish and the work is withdrawn once", async () => {
    const { inf, m, s } = await memberWithWork("atonce", 2);
    const other = await seedMission(deps, { title: "Other place", networks: ["tiktok"], cap: 5 });
    await acceptMission(deps, inf.id, other.id);
    const results = await Promise.allSettled([eraseInfluencer(deps, inf.id), eraseInfluencer(deps, inf.id)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    await expectErasedOnce(inf.id, m.id, s.id);
    expect((await deps.db.mission.findUniqueOrThrow({ where: { id: other.id } })).acceptedCount).toBe(0);
  });
});
