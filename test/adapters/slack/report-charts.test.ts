// Charts in Slack, end to end with the real Bolt app against the fake Web API: `/advo report`
// answers with the figures as text and uploads a PNG chart (filesUploadV2: getUploadURLExternal →
// the bytes → completeUploadExternal) into the manager's DM with its figures as alt text; the daily
// manager digest goes through the outbox and carries the last 7 days' points and clicks as a PNG
// in the managers' channel plus the same figures as text.
import { beforeAll, describe, expect, it } from "vitest";
import { slackAdapterFor } from "../../../adapters/slack/index.js";
import { runManagerDigest } from "../../../src/jobs/manager-digest.js";
import { appendEntry, currentCycle } from "../../../src/services/ledger.js";
import { testProviders } from "../../helpers/db.js";
import { appDispatcher, drainAll } from "../../delivery/helpers.js";
import { seedInfluencer, seedSubmission } from "../../services/manage/fixtures.js";
import { slashCommand } from "./slack-requests.js";
import { callText, slackAppPerSuite } from "./slack-app.js";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(testProviders())("slack report charts on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }),
    prepare: (slack) => {
      slack.members = ["UMANAGER1"];
    },
  });

  beforeAll(async () => {
    const db = harness.app.deps.db;
    const now = harness.clock.now();
    const mission = await db.mission.create({ data: { title: "Winter drop", brief: "b", points: 30, deadline: new Date("2026-02-01T00:00:00Z"), segment: {}, status: "published", createdAt: now } });
    const star = await seedInfluencer(db, { name: "Star" });
    await seedSubmission(db, mission.id, star.id); // pending work for the digest
    const link = await db.trackingLink.create({ data: { code: `CHART${provider.length}AAAA`, missionId: mission.id, influencerId: star.id, targetUrl: "https://shop.example/" } });
    await db.click.createMany({ data: [1, 2, 3, 4].map((i) => ({ trackingLinkId: link.id, visitorHash: `v${i}`, at: new Date(now.getTime() - (i % 2) * 86_400_000) })) });
    await appendEntry(db, { influencerId: star.id, cycleId: (await currentCycle(db, harness.clock)).id, amount: 30, kind: "mission", idempotencyKey: "chart:star" });
    await db.ledgerEntry.updateMany({ data: { createdAt: now } }); // the database stamped real time
  });

  it("given /advo report then the figures come as text and a PNG chart is uploaded to the manager's DM with its figures as alt text", async () => {
    const { slack } = harness;
    const res = await harness.command(slashCommand("report", { responseUrl: slack.responseUrl("report") }));
    expect(res.status).toBe(200);
    const [complete] = await slack.waitFor("files.completeUploadExternal");
    const file = slack.files.get(String((complete!.args.files as { id: string }[])[0]!.id))!;
    expect(file.filename).toBe("advo-chart.png");
    expect(file.bytes!.subarray(0, 8)).toEqual(PNG);
    expect(file.bytes!.length).toBeGreaterThan(5_000); // a drawn chart, not an empty canvas
    expect(file.altText).toBe("Clicks per mission (top 10)\nWinter drop: 4");
    // The DM with the manager (conversations.open), never the channel the command came from.
    const [open] = await slack.waitFor("conversations.open", (c) => c.args.users === "UMANAGER1");
    expect(open).toBeDefined();
    expect(file.channel).not.toBe("CMANAGERS");
  });

  it("given pending work then the digest posts its text, the last 7 days as text, and the chart as a PNG in the managers' channel", async () => {
    const { app, slack, clock } = harness;
    const now = clock.now();
    expect(await runManagerDigest(app.deps, now)).toMatchObject({ posted: true, review: 1 });
    const before = slack.files.size;
    await drainAll(app.database, clock, appDispatcher(app, clock, [slackAdapterFor(app)!]));
    const [post] = await slack.waitFor("chat.postMessage", (c) => c.args.channel === "CMANAGERS" && callText(c).includes("last 7 days"));
    const today = now.toISOString().slice(0, 10);
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    expect(callText(post)).toContain(`${yesterday}: Points issued 0, Clicks 2`);
    expect(callText(post)).toContain(`${today}: Points issued 30, Clicks 2`);
    await slack.waitFor("files.completeUploadExternal", (c) => c.args.channel_id === "CMANAGERS");
    const chart = [...slack.files.values()].slice(before).find((f) => f.channel === "CMANAGERS")!;
    expect(chart.bytes!.subarray(0, 8)).toEqual(PNG);
    expect(chart.altText).toContain(`${today}: Points issued 30, Clicks 2`);
    expect((await app.database.db.outboxMessage.findFirstOrThrow({ where: { purpose: "manager.digest" } })).status).toBe("sent");
  });
});
