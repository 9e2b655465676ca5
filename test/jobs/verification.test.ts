// verify-submissions and recheck-live against a fake post checker (the real verifier is tested
// with fake oEmbed/HTML servers in test/verify): every decision path, re-check backoff, the
// removed-post policy, and that nothing is decided or paid twice.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DAY, FakeClock, MINUTE } from "../../src/clock.js";
import type { LiveOutcome, PostChecker, SubmissionToCheck, VerifyOutcome } from "../../src/jobs/post-checker.js";
import { runRecheckLive } from "../../src/jobs/recheck-live.js";
import { MAX_CHECKS, runVerifySubmissions } from "../../src/jobs/verify-submissions.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { influencer, mission, participation } from "./seed.js";

class FakeChecker implements PostChecker {
  seen: SubmissionToCheck[] = [];
  constructor(private readonly verdicts: Record<string, VerifyOutcome>, private readonly live: Record<string, LiveOutcome> = {}) {}
  async verify(s: SubmissionToCheck): Promise<VerifyOutcome> {
    this.seen.push(s);
    return this.verdicts[s.url] ?? { decision: "retry", reason: "timeout" };
  }
  async isLive(s: SubmissionToCheck): Promise<LiveOutcome> {
    return this.live[s.url] ?? "unknown";
  }
}

describe.each(testProviders())("verification jobs on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase(provider)));
  afterEach(async () => database.destroy());

  async function submit(name: string, url: string, m: { id: number }) {
    const i = await influencer(database.db, { name });
    await database.db.socialHandle.create({ data: { influencerId: i.id, network: "x", handle: name } });
    const p = await participation(database.db, m.id, i.id, "submitted");
    return database.db.submission.create({ data: { participationId: p.id, missionId: m.id, influencerId: i.id, url, originalUrl: url, network: "x" } });
  }

  it("given pending submissions, then each is verified and paid once, sent to review, rejected, or re-checked later", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const deps = testDeps(database, { SLACK_MANAGER_CHANNEL: "CMGR" }, clock);
    const m = await mission(database.db, { title: "Spring", deadline: new Date("2026-03-10Z"), points: 40 });
    const good = await submit("ann", "https://x.com/ann/status/1", m);
    const unsure = await submit("bob", "https://x.com/bob/status/2", m);
    const gone = await submit("cyd", "https://x.com/cyd/status/3", m);
    const flaky = await submit("dan", "https://x.com/dan/status/4", m);
    const checker = new FakeChecker({
      [good.url]: { decision: "verified", evidence: { authorSeen: "ann" } },
      [unsure.url]: { decision: "needs_review", notes: "#ad missing" },
      [gone.url]: { decision: "rejected", reasonId: "verify.reason.not_found", reason: "the post does not exist" },
    });

    expect(await runVerifySubmissions(deps, clock.now(), checker)).toEqual({ checked: 4, verified: 1, needsReview: 1, rejected: 1, retried: 1, pointsAwarded: 40 });
    expect(checker.seen.find((s) => s.id === good.id)).toMatchObject({ handles: ["ann"], mission: { title: "Spring", hashtags: ["#ad"] } });
    const status = async (id: number) => database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(await status(good.id)).toMatchObject({ status: "verified", evidence: { authorSeen: "ann" } });
    expect(await status(unsure.id)).toMatchObject({ status: "needs_review" });
    expect(await status(gone.id)).toMatchObject({ status: "rejected", rejectionReason: "the post does not exist" });
    expect(await status(flaky.id)).toMatchObject({ status: "pending", checkAttempts: 1, nextCheckAt: new Date(clock.now().getTime() + 15 * MINUTE) });
    expect(await database.db.ledgerEntry.findMany({ select: { amount: true, idempotencyKey: true } })).toEqual([{ amount: 40, idempotencyKey: `participation:${good.participationId}` }]);
    const rows = await database.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.purpose, r.recipient])).toEqual([
      ["submission.verified", "chat-ann"], ["submission.in_review", "chat-bob"], ["review.needed", "CMGR"], ["submission.rejected", "chat-cyd"],
      // Ann's first approved post: her badge, told after the verification (issue 21).
      ["badge.earned", "chat-ann"],
    ]);
    expect((await database.db.participation.findFirstOrThrow({ where: { influencerId: gone.influencerId } })).status).toBe("rejected");
    expect(rows[3]?.payload).toMatchObject({ messageId: "jobs.verify.not_found", params: { title: "Spring" } });
    // a reply in the mission's thread in the managers' channel
    expect(rows[2]?.payload).toMatchObject({ kind: "thread", parent: `mission:${unsure.missionId}:managers`, content: { kind: "message", message: { buttons: [[{ action: "review.approve", payload: String(unsure.id) }, { action: "review.reject" }]] } } });

    // Before the re-check time nothing is due; after it, only the flaky one is looked at again.
    expect((await runVerifySubmissions(deps, clock.now(), checker)).checked).toBe(0);
    clock.advance(16 * MINUTE);
    expect(await runVerifySubmissions(deps, clock.now(), checker)).toMatchObject({ checked: 1, retried: 1 });
    // Inconclusive MAX_CHECKS times: a human decides.
    for (let i = 0; i < MAX_CHECKS; i++) {
      clock.advance(DAY);
      await runVerifySubmissions(deps, clock.now(), checker);
    }
    expect(await status(flaky.id)).toMatchObject({ status: "needs_review", checkAttempts: MAX_CHECKS });
    expect(await database.db.ledgerEntry.count()).toBe(1);
  });

  it("given verified posts checked days later, then a live one is marked checked and a removed one is flagged, its points reversed once under the reverse policy", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const deps = testDeps(database, { SLACK_MANAGER_CHANNEL: "CMGR", RECHECK_LIVE_DAYS: "7" }, clock);
    await database.db.programSetting.create({ data: { key: "recheck-live", value: { onRemoved: "reverse" } } });
    const m = await mission(database.db, { title: "Spring", deadline: new Date("2026-03-10Z"), points: 40 });
    const stays = await submit("ann", "https://x.com/ann/status/1", m);
    const deleted = await submit("bob", "https://x.com/bob/status/2", m);
    const checker = new FakeChecker(
      { [stays.url]: { decision: "verified" }, [deleted.url]: { decision: "verified" } },
      { [stays.url]: "live", [deleted.url]: "removed" },
    );
    await runVerifySubmissions(deps, clock.now(), checker);
    expect((await runRecheckLive(deps, clock.now(), checker)).checked).toBe(0); // not 7 days yet
    clock.advance(7 * DAY + MINUTE);
    expect(await runRecheckLive(deps, clock.now(), checker)).toEqual({ checked: 2, live: 1, removed: 1, reversed: 1, unknown: 0, policy: "reverse" });
    expect((await database.db.submission.findUniqueOrThrow({ where: { id: deleted.id } })).status).toBe("removed");
    expect((await database.db.submission.findUniqueOrThrow({ where: { id: stays.id } })).liveCheckedAt).not.toBeNull();
    const reversal = await database.db.ledgerEntry.findUniqueOrThrow({ where: { idempotencyKey: `reversal:submission:${deleted.id}` } });
    expect(reversal).toMatchObject({ amount: -40, kind: "reversal", influencerId: deleted.influencerId });
    expect(await database.db.outboxMessage.count({ where: { purpose: "review.removed", recipient: "CMGR" } })).toBe(1);
    expect((await runRecheckLive(deps, clock.now(), checker)).checked).toBe(0);
  });
});
