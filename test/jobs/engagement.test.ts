// Reach and engagement from the YouTube Data API v3 (a local fake over real HTTP): the verification
// and the live re-check store one PostMetric reading per YouTube post (one API request for the
// whole batch), hidden counts stay unknown, a failing API stores nothing and stops nothing, no key
// means no request, and the report shows the latest reading of each approved post.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DAY, FakeClock } from "../../src/clock.js";
import type { LiveOutcome, PostChecker, SubmissionToCheck, VerifyOutcome } from "../../src/jobs/post-checker.js";
import { runRecheckLive } from "../../src/jobs/recheck-live.js";
import { runVerifySubmissions } from "../../src/jobs/verify-submissions.js";
import { youtubeEngagement } from "../../src/jobs/verifier-checker.js";
import { silentLogger } from "../../src/logger.js";
import { measurementReport } from "../../src/services/report.js";
import { OPERATOR } from "../../src/services/managers.js";
import { reportText } from "../../src/reports/format.js";
import { reviewQueue } from "../../src/services/review.js";
import { reviewCard } from "../../src/engine/manage/cards.js";
import { testConfig } from "../../src/config.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { FakeYoutubeDataApi } from "../fakes/youtube-data-api.js";
import { influencer, mission, participation } from "./seed.js";

vi.setConfig({ testTimeout: 60_000 }); // two job runs and a report on a shared, loaded machine
const KEY = "yt-test-key";

/** Verdicts from a fake (the verifier is tested in test/verify); engagement from the real reader. */
function checker(engagement: PostChecker["engagement"], verdict: VerifyOutcome = { decision: "verified" }, live: LiveOutcome = "live"): PostChecker {
  return { verify: async (_s: SubmissionToCheck) => verdict, isLive: async () => live, ...(engagement ? { engagement } : {}) };
}

describe.each(testProviders())("engagement from the YouTube Data API on %s", (provider) => {
  let database: TestDatabase;
  const api = new FakeYoutubeDataApi(KEY);
  let apiUrl = "";
  beforeAll(async () => (apiUrl = await api.start()));
  afterAll(() => api.stop());
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    api.requests.length = 0;
    api.videos.clear();
    api.failWith = null;
  });
  afterEach(() => database.destroy());

  const reader = (key = KEY) => youtubeEngagement(testConfig({ YOUTUBE_API_KEY: key, YOUTUBE_API_URL: apiUrl }), silentLogger);

  async function submitVideo(name: string, videoId: string, m: { id: number }) {
    const i = await influencer(database.db, { name });
    await database.db.socialHandle.create({ data: { influencerId: i.id, network: "youtube", handle: name } });
    const p = await participation(database.db, m.id, i.id, "submitted");
    const url = `https://www.youtube.com/watch?v=${videoId}`;
    return database.db.submission.create({ data: { participationId: p.id, missionId: m.id, influencerId: i.id, url, originalUrl: url, network: "youtube", postId: videoId } });
  }

  it("given YouTube posts then verification and the live re-check store readings in one request each, and the report shows the latest", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const deps = testDeps(database, { RECHECK_LIVE_DAYS: "7", MANAGERS: "console:boss" }, clock);
    const m = await mission(database.db, { title: "Launch", deadline: new Date("2026-04-01Z") });
    const ann = await submitVideo("ann", "dQw4w9WgXcQ", m);
    const bob = await submitVideo("bob", "9bZkp7q19f0", m);
    const gone = await submitVideo("cyd", "aaaaaaaaaaa", m); // private: the API leaves it out
    api.videos.set("dQw4w9WgXcQ", { viewCount: "1200", likeCount: "80", commentCount: "7" });
    api.videos.set("9bZkp7q19f0", { viewCount: "300", commentCount: "2" }); // likes hidden

    await runVerifySubmissions(deps, clock.now(), checker(reader()));
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.searchParams.get("id")!.split(",").sort()).toEqual(["9bZkp7q19f0", "aaaaaaaaaaa", "dQw4w9WgXcQ"]);
    const first = await database.db.postMetric.findMany({ orderBy: { submissionId: "asc" } });
    expect(first.map((r) => [r.submissionId, r.views, r.likes, r.comments, r.source, r.seenAt.toISOString()])).toEqual([
      [ann.id, 1200, 80, 7, "youtube_api", "2026-03-02T10:00:00.000Z"],
      [bob.id, 300, null, 2, "youtube_api", "2026-03-02T10:00:00.000Z"],
    ]);
    expect(first.some((r) => r.submissionId === gone.id)).toBe(false);

    clock.set(new Date(clock.now().getTime() + 8 * DAY));
    api.videos.set("dQw4w9WgXcQ", { viewCount: "5000", likeCount: "200", commentCount: "31" });
    await runRecheckLive(deps, clock.now(), checker(reader()));
    expect(api.requests).toHaveLength(2);
    expect(await database.db.postMetric.count({ where: { submissionId: ann.id } })).toBe(2);

    const report = await measurementReport(deps, OPERATOR, { missionId: m.id });
    if (!report.ok) throw new Error(report.error);
    // latest readings only: ann 5000/200/31, bob 300/–/2; cyd has none
    expect(report.value.missions[0]).toMatchObject({ measuredPosts: 2, views: 5300, likes: 200, comments: 33 });
    expect(report.value.influencers.find((r) => r.influencerId === ann.influencerId)).toMatchObject({ measuredPosts: 1, views: 5000 });
    expect(reportText(report.value, "en")).toContain("engagement where known (2 posts): 5300 views, 200 likes, 33 comments");
  });

  it("given a failing API, a wrong key or no key then nothing is stored and the verification still decides", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const deps = testDeps(database, {}, clock);
    const m = await mission(database.db, { title: "Launch", deadline: new Date("2026-04-01Z") });
    const s = await submitVideo("dee", "dQw4w9WgXcQ", m);
    api.videos.set("dQw4w9WgXcQ", { viewCount: "1" });
    api.failWith = 500;
    expect(await runVerifySubmissions(deps, clock.now(), checker(reader()))).toMatchObject({ verified: 1 });
    await database.db.submission.update({ where: { id: s.id }, data: { status: "pending" } });
    api.failWith = null;
    await runVerifySubmissions(deps, clock.now(), checker(reader("wrong-key")));
    expect(await database.db.postMetric.count()).toBe(0);
    expect(youtubeEngagement(testConfig({ YOUTUBE_API_URL: apiUrl }), silentLogger)).toBeUndefined();
    expect(api.requests).toHaveLength(2);
  });

  it("given a post sent to review then the managers' card and the review queue show its reach with source and time", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const deps = testDeps(database, { SLACK_MANAGER_CHANNEL: "CMGR", MANAGERS: "console:boss" }, clock);
    const m = await mission(database.db, { title: "Launch", deadline: new Date("2026-04-01Z") });
    const s = await submitVideo("eve", "dQw4w9WgXcQ", m);
    api.videos.set("dQw4w9WgXcQ", { viewCount: "1200", commentCount: "7" });
    await runVerifySubmissions(deps, clock.now(), checker(reader(), { decision: "needs_review", notes: "#ad missing" }));
    const [card] = await database.db.outboxMessage.findMany({ where: { purpose: "review.needed" } });
    expect(JSON.stringify(card!.payload)).toContain("1,200 views · — likes · 7 comments · YouTube API");
    const queue = await reviewQueue(deps, "console:boss");
    if (!queue.ok) throw new Error(queue.error);
    const item = queue.value.find((x) => x.id === s.id)!;
    expect(item.engagement).toMatchObject({ views: 1200, likes: null, comments: 7, source: "youtube_api" });
    expect(JSON.stringify(reviewCard("fr", item))).toContain("1\u202f200 vues · — j’aime · 7 commentaires · API YouTube");
    // the reading time travels as a date (a time node), for each platform to show natively
    expect(JSON.stringify(reviewCard("fr", item))).toContain(`{"time":"2 mars 2026, 10:00 UTC","at":"2026-03-02T10:00:00.000Z","locale":"fr"}`);
  });
});
