// The journey's closed loops on Slack (issue 12, "prove it"): the real app and Bolt (signed HTTP
// events) against the fake Slack Web API, the real database and the outbox dispatcher (virtual
// timer). Reject → a pasted new link (Slack's `<url|label>` markup) → approve → told with the
// balance; two accepted missions and one pasted `<url>` (asked which, the link kept); /accounts adds
// a network, then its mission is offered.
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { slackAdapterFor } from "../../../adapters/slack/index.js";
import { acceptMission } from "../../../src/services/missions.js";
import { approveSubmission, rejectSubmission } from "../../../src/services/review.js";
import { testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { appDispatcher, drainAll } from "../../delivery/helpers.js";
import { decodeActionId } from "../../../adapters/slack/render.js";
import type { SlackCall } from "../../fakes/slack-web-api.js";
import { blockAction, dmEvent, slashCommand } from "./slack-requests.js";
import { callText as text, slackAppPerSuite, type SlackApp } from "./slack-app.js";

const MANAGER = "slack:UMANAGER";
type Element = { action_id?: string; value?: string };

/** One person in their DM with the bot: typed text, slash commands and presses on the bot's buttons. */
function slackDm(harness: SlackApp, user: string) {
  const channel = `D${user}`;
  const posts = () => harness.slack.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);
  // A button's answer may edit the message it was on (chat.update) instead of posting.
  const answers = () => harness.slack.calls.filter((c) => ["chat.postMessage", "chat.update"].includes(c.method) && c.args.channel === channel);
  /** Sends, then waits for a new DM post or edit matching `want`; returns everything since, as text. */
  const act = async (send: () => Promise<Response>, want: string | RegExp): Promise<string> => {
    const seen = new Set<SlackCall>(answers());
    const res = await send();
    expect(res.status).toBe(200);
    const matches = (c: SlackCall) => (typeof want === "string" ? text(c).includes(want) : want.test(text(c)));
    await harness.slack.waitFor(["chat.postMessage", "chat.update"], (c) => c.args.channel === channel && !seen.has(c) && matches(c));
    return answers().filter((c) => !seen.has(c)).map(text).join("\n");
  };
  /** The newest DM message with a button for this engine action (and payload, if given). */
  const find = (action: string, value?: string) => {
    for (const [key, message] of [...harness.slack.messages.entries()].reverse()) {
      if (!key.startsWith(`${channel}:`)) continue;
      const blocks = (message.blocks ?? []) as { elements?: Element[] }[];
      const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id && decodeActionId(e.action_id)?.replace(/!\d+$/, "") === action && (value === undefined || e.value === value));
      if (button) return { button, ts: key.slice(channel.length + 1) };
    }
    throw new Error(`no ${action} button in ${channel}`);
  };
  return {
    type: (typed: string, want: string | RegExp) => act(() => harness.event(dmEvent(typed, { user, channel })), want),
    command: (name: string, want: string | RegExp) => act(() => harness.command(slashCommand("", { command: `/${name}`, user, channel })), want),
    press: (action: string, value: string | undefined, want: string | RegExp) => {
      const { button, ts } = find(action, value);
      return act(() => harness.interact(blockAction(button.action_id!, button.value, { user, channel, messageTs: ts })), want);
    },
    /** every message the bot posted in this DM (direct replies and outbox notices) */
    received: () => posts().map(text).join("\n"),
  };
}

describe.each(testProviders())("slack journey loops on %s", (provider) => {
  // Outbox rows are stamped with the database's wall-clock time: a fake clock starting now keeps
  // the drain's jumps to them short (missions seeded on this clock stay open).
  const harness = slackAppPerSuite(provider, { clock: new FakeClock(new Date()), env: () => ({ MANAGERS: MANAGER }) });
  const deliver = () => drainAll(harness.app.database, harness.clock, appDispatcher(harness.app, harness.clock, [slackAdapterFor(harness.app)!]));

  /** An active member on Slack (their DM known) with these handles. */
  async function member(user: string, handles: { network: string; handle: string }[]) {
    const { app, clock } = harness;
    const inf = await app.database.db.influencer.create({
      data: {
        status: "active", displayName: user, locale: "en", consentAt: clock.now(), activatedAt: clock.now(),
        accounts: { create: { platform: "slack", externalId: user, chatId: `D${user}` } },
        handles: { create: handles },
      },
    });
    return { inf, you: slackDm(harness, user), db: app.database.db, deps: app.deps };
  }

  it("given a rejected post then a pasted `<url|label>` is taken as attempt 2, approved, and the approval is told with the balance", async () => {
    const { inf, you, db, deps } = await member("UDANA1", [{ network: "instagram", handle: "dana.posts" }]);
    const m = await seedMission(deps, { title: "Autumn", networks: ["instagram"], points: 80 });
    await you.command("missions", "Autumn");
    await you.press("mission.view", String(m.id), "Autumn");
    await you.press("mission.accept", String(m.id), "You accepted");
    await you.type("<https://www.instagram.com/p/DanaFirst1/>", "pending verification");
    const first = await db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    expect(first.url).toBe("https://www.instagram.com/p/DanaFirst1/");
    await db.submission.update({ where: { id: first.id }, data: { status: "needs_review" } });
    expect(await rejectSubmission(deps, MANAGER, first.id, "No #ad in the caption")).toMatchObject({ ok: true });
    await deliver();
    expect(you.received()).toContain("No #ad in the caption");

    await you.type("<https://www.instagram.com/p/DanaSecond2/|instagram.com/p/DanaSecond2>", "pending verification");
    const second = await db.submission.findFirstOrThrow({ where: { influencerId: inf.id, id: { not: first.id } } });
    expect(second).toMatchObject({ url: "https://www.instagram.com/p/DanaSecond2/", attempt: 2, previousReason: "No #ad in the caption", status: "pending" });
    expect(await approveSubmission(deps, MANAGER, second.id)).toEqual({ ok: true, value: { id: second.id, awarded: 80 } });
    expect(await approveSubmission(deps, MANAGER, first.id)).toMatchObject({ ok: false }); // the mission pays once
    expect(await deliver()).toMatchObject({ failed: 0 });
    expect(you.received()).toMatch(/Your post for \*Autumn\* was approved\. Points: \+80\. Your balance: 80 points\./);
    expect(await db.ledgerEntry.aggregate({ where: { influencerId: inf.id }, _sum: { amount: true } })).toMatchObject({ _sum: { amount: 80 } });
  });

  it("given two accepted missions then one pasted `<url>` asks which, keeps the link and submits it to the mission chosen", async () => {
    const { inf, you, db, deps } = await member("UDANA2", [{ network: "tiktok", handle: "dana" }]);
    const a = await seedMission(deps, { title: "Alpha", networks: ["tiktok"] });
    const b = await seedMission(deps, { title: "Beta", networks: ["tiktok"] });
    for (const m of [a, b]) expect(await acceptMission(deps, inf.id, m.id)).toMatchObject({ ok: true });
    const link = "https://www.tiktok.com/@dana/video/7620000000000000001";
    const asked = await you.type(`<${link}>`, "Which mission is this link for? I kept it");
    expect(asked).toContain("Alpha");
    expect(asked).toContain("Beta");
    expect(await db.submission.count({ where: { influencerId: inf.id } })).toBe(0);
    await you.press("submit.start", String(b.id), "pending verification");
    expect(await db.submission.findFirstOrThrow({ where: { influencerId: inf.id } })).toMatchObject({ missionId: b.id, url: link, status: "pending" });
    expect(await db.participation.findFirstOrThrow({ where: { influencerId: inf.id, missionId: a.id } })).toMatchObject({ status: "accepted" });
  });

  it("given /accounts adds YouTube then the YouTube-only mission is offered and can be accepted", async () => {
    const { inf, you, db, deps } = await member("UDANA3", [{ network: "linkedin", handle: "dana-l" }]);
    const yt = await seedMission(deps, { title: "YouTube review", networks: ["youtube"] });
    expect(await you.command("missions", /no open missions|Open missions for you/)).not.toContain("YouTube review");
    expect(await you.command("accounts", "Your social accounts")).toContain("LinkedIn @dana-l");
    await you.press("acc.add", "youtube", "Send your YouTube handle");
    await you.type("<https://www.youtube.com/@DanaReviews|youtube.com/@DanaReviews>", "Added: YouTube @danareviews");
    await you.press("acc.done", undefined, "Saved.");
    expect(await you.command("missions", "YouTube review")).toContain("Open missions for you");
    await you.press("mission.view", String(yt.id), "YouTube review");
    await you.press("mission.accept", String(yt.id), "You accepted");
    expect(await db.participation.findFirstOrThrow({ where: { influencerId: inf.id, missionId: yt.id } })).toMatchObject({ status: "accepted" });
  });
});
