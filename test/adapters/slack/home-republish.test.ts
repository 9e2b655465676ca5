// The other managers' Homes stay current (issue 15): a change that concerns managers — here a
// decision taken outside Slack, whose card edit the outbox delivers to the managers' channel —
// republishes the Home of every manager who opened theirs, and only theirs. Requests coalesce: a
// burst of changes is one run (HomeRepublisher driven by hand-fired timers, no waiting on time).
import { describe, expect, it } from "vitest";
import { slackAdapterFor } from "../../../adapters/slack/index.js";
import { HomeRepublisher, type Timers } from "../../../adapters/slack/home-republisher.js";
import { approveSubmission } from "../../../src/services/review.js";
import { enqueue } from "../../../src/services/outbox.js";
import { testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { seedInfluencer, seedSubmission } from "../../services/manage/fixtures.js";
import { appDispatcher, drainAll } from "../../delivery/helpers.js";
import { slackAppPerSuite } from "./slack-app.js";

let seq = 0;
const homeOpened = (user: string) => ({
  token: "legacy-verification-token", team_id: "T0001", api_app_id: "A0001", type: "event_callback", event_id: `EvRepublish${++seq}`, event_time: Math.floor(Date.now() / 1000),
  event: { type: "app_home_opened", user, channel: `D${user}`, tab: "home", event_ts: "1700000009.000100" },
});

describe.each(testProviders())("republishing the managers' Homes on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }),
    prepare: (slack) => {
      slack.members = ["UMANAGER1", "UMANAGER2", "UMANAGER3", "UBOT"];
      slack.userLocales.set("UMANAGER2", "es-ES");
    },
  });

  it("given a decision taken from the CLI then every manager who opened their Home sees it in their language, with names and handles, and one who never opened it gets nothing", async () => {
    const { app, slack, clock } = harness;
    const db = app.database.db;
    clock.set(new Date(Date.now() + 1000)); // rows enqueued at the database's wall-clock "now" are due
    const mission = await seedMission(app.deps, { title: "Republish", networks: ["instagram"] });
    const ana = await seedInfluencer(db, { name: "Ana", platform: "slack" });
    const handle = (await db.socialHandle.findFirstOrThrow({ where: { influencerId: ana.id } })).handle;
    const [first, second] = [await seedSubmission(db, mission.id, ana.id), await seedSubmission(db, mission.id, (await seedInfluencer(db, { name: "Bea", platform: "slack" })).id)];

    for (const user of ["UMANAGER1", "UMANAGER2"]) {
      await harness.event(homeOpened(user));
      await slack.waitFor("views.publish", (c) => c.args.user_id === user);
    }
    const adapter = slackAdapterFor(app)!;
    await adapter.homes!.flush();
    expect(JSON.stringify(slack.homes.get("UMANAGER1"))).toContain(`Ana (@${handle})`);
    expect(JSON.stringify(slack.homes.get("UMANAGER2"))).toContain("2 envíos pendientes de revisión");

    // The card the verifier would have posted, then a decision from the CLI: the outbox edits the
    // card in the channel, which is a change every manager's Home shows.
    await enqueue(db, [{ platform: "slack", recipient: "CMANAGERS", purpose: "review.needed", dedupeKey: `submission:${first.id}:review`, payload: { kind: "message", message: { blocks: [{ type: "paragraph", content: ["card"] }] } }, notBefore: clock.now() }]);
    await drainAll(app.database, clock, appDispatcher(app, clock, [adapter]));
    await adapter.homes!.flush(); // the card's own republish
    const before = slack.callsTo("views.publish").length;
    expect(await approveSubmission(app.deps, "operator", first.id)).toMatchObject({ ok: true });
    await drainAll(app.database, clock, appDispatcher(app, clock, [adapter]));
    await adapter.homes!.flush();

    const after = slack.callsTo("views.publish").slice(before);
    expect(after.map((c) => c.args.user_id).sort()).toEqual(["UMANAGER1", "UMANAGER2"]); // one run, each opened Home once
    expect(JSON.stringify(slack.homes.get("UMANAGER1"))).toContain("1 submission waiting for review");
    expect(JSON.stringify(slack.homes.get("UMANAGER1"))).toContain(`*#${second.id}*`);
    expect(JSON.stringify(slack.homes.get("UMANAGER1"))).not.toContain(`*#${first.id}*`);
    expect(JSON.stringify(slack.homes.get("UMANAGER2"))).toContain("1 envío pendiente de revisión");
    expect(slack.callsTo("views.publish").some((c) => c.args.user_id === "UMANAGER3")).toBe(false);
    expect((await db.manager.findMany({ where: { homeOpenedAt: { not: null } }, orderBy: { externalId: "asc" } })).map((m) => m.externalId)).toEqual(["UMANAGER1", "UMANAGER2"]);
  });
});

describe("HomeRepublisher", () => {
  function manualTimers() {
    const pending = new Set<() => void>();
    const timers: Timers = { set: (fn) => (pending.add(fn), fn), clear: (h) => void pending.delete(h as () => void) };
    const fireAll = () => {
      const fns = [...pending];
      pending.clear();
      for (const fn of fns) fn();
    };
    return { timers, pending, fireAll };
  }

  it("given a burst of 300 changes then one run publishes each reader once; a change during a run makes exactly one more run", async () => {
    const { timers, pending, fireAll } = manualTimers();
    let readerQueries = 0;
    let summaries = 0;
    const published: string[] = [];
    let release: (() => void) | undefined;
    const gate = () => new Promise<void>((r) => (release = r));
    let blockNext = false;
    const republisher = new HomeRepublisher({
      readers: async () => (readerQueries++, ["U1", "U2", "U3", "U4", "U5", "U6"]),
      views: async () => {
        summaries++;
        if (blockNext) await gate();
        return async (user) => ({ type: "home", user });
      },
      publish: async (user) => void published.push(user),
    }, (err) => { throw err; }, { timers, concurrency: 2 });

    for (let i = 0; i < 300; i++) republisher.schedule();
    expect(pending.size).toBe(1);
    await republisher.flush();
    expect({ runs: republisher.runs, readerQueries, summaries }).toEqual({ runs: 1, readerQueries: 1, summaries: 1 });
    expect(published.sort()).toEqual(["U1", "U2", "U3", "U4", "U5", "U6"]);

    blockNext = true;
    republisher.schedule();
    fireAll(); // the run starts and waits inside views()
    await Promise.resolve();
    for (let i = 0; i < 50; i++) republisher.schedule(); // changes while it runs
    expect(pending.size).toBe(0);
    blockNext = false;
    release!();
    await republisher.flush();
    expect(republisher.runs).toBe(3); // the blocked run, then one more for the 50 changes
    await republisher.stop();
    republisher.schedule();
    expect(pending.size).toBe(0);
  });
});
