// Missions (eligibility, card, atomic cap) and submitting links (every rule's answer, one link
// submitted twice at once), then awarding points once even when called concurrently.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { DAY } from "../../src/clock.js";
import { acceptMission } from "../../src/services/missions.js";
import { submitLink } from "../../src/services/submissions.js";
import { awardForSubmission } from "../../src/services/points.js";
import { eraseInfluencer } from "../../src/services/privacy.js";
import { missionCard } from "../../src/engine/mission-card.js";
import { toPlainText } from "../../src/engine/message.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedMission } from "../engine/seed.js";

describe.each(testProviders())("missions and submissions on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);

  it("given missions with segments, windows and caps then /missions lists only the open ones this influencer fits", async () => {
    await seedMember(deps, "ana", [{ network: "instagram", handle: "ana" }], { region: "es", interests: ["fashion"] });
    const now = deps.clock.now();
    await seedMission(deps, { title: "For everyone" });
    await seedMission(deps, { title: "Spain fashion", segment: { regions: ["ES"], interests: ["fashion"], networks: ["instagram"], tags: [] } });
    await seedMission(deps, { title: "Italy only", segment: { regions: ["it"], interests: [], networks: [], tags: [] } });
    await seedMission(deps, { title: "VIP only", segment: { regions: [], interests: [], networks: [], tags: ["vip"] } });
    await seedMission(deps, { title: "YouTubers", segment: { regions: [], interests: [], networks: ["youtube"], tags: [] } });
    await seedMission(deps, { title: "Not yet", startsAt: new Date(now.getTime() + DAY) });
    await seedMission(deps, { title: "Over", deadline: new Date(now.getTime() - 1) });
    await seedMission(deps, { title: "Draft", status: "draft" });
    const full = await seedMission(deps, { title: "Full", cap: 1 });
    await deps.db.mission.update({ where: { id: full.id }, data: { acceptedCount: 1 } });
    const user = new FakeUser(engine, "ana");
    await user.command("/missions");
    expect(user.last[0]?.buttons.map((b) => b.label.split(" · ")[0])).toEqual(["For everyone", "Spain fashion"]);
  });

  it("given a mission card then it shows brief, do's, don'ts, required tags, networks, points, deadline and Accept/Decline — the same builder managers preview", async () => {
    const m = await seedMission(deps, { title: "Card test", points: 250 });
    const user = new FakeUser(engine, "ana");
    await user.action("mission.view", String(m.id));
    const text = user.lastText();
    for (const part of ["Card test", "Show the new summer collection", "Natural light", "No competitor brands", "#ad #summerdrop @brand", "Instagram, TikTok", "250", "Jan 19, 2026, 09:00 AM UTC"]) expect(text).toContain(part);
    expect(user.last[0]?.buttons.map((b) => b.action)).toEqual(["mission.accept", "mission.decline"]);
    expect(user.last[0]?.message).toEqual(missionCard(m, "en"));
    expect(toPlainText(missionCard(m, "fr"))).toContain("À éviter");
  });

  it("given the last place of a capped mission taken twice at once then exactly one influencer gets it", async () => {
    const a = await seedMember(deps, "cap-a");
    const b = await seedMember(deps, "cap-b");
    const m = await seedMission(deps, { title: "Last place", cap: 1 });
    const results = await Promise.all([acceptMission(deps, a.id, m.id), acceptMission(deps, b.id, m.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: "journey.missions.full" });
    expect((await deps.db.mission.findUniqueOrThrow({ where: { id: m.id } })).acceptedCount).toBe(1);
    expect(await deps.db.participation.count({ where: { missionId: m.id, status: "accepted" } })).toBe(1);
  });

  it("given a capped mission whose only place holder erases their data then the place is given back and another influencer can accept", async () => {
    const a = await seedMember(deps, "cap-gone", [{ network: "tiktok", handle: "cap_gone" }]);
    const b = await seedMember(deps, "cap-next", [{ network: "tiktok", handle: "cap_next" }]);
    const c = await seedMember(deps, "cap-third", [{ network: "tiktok", handle: "cap_third" }]);
    const m = await seedMission(deps, { title: "One place", cap: 1, networks: ["tiktok"] });
    expect(await acceptMission(deps, a.id, m.id)).toMatchObject({ ok: true });
    const sub = await submitLink(deps, a.id, m.id, "https://www.tiktok.com/@cap_gone/video/7400000000000000777");
    expect(sub).toMatchObject({ ok: true });
    expect(await acceptMission(deps, b.id, m.id)).toMatchObject({ ok: false, error: "journey.missions.full" });
    await eraseInfluencer(deps, a.id);
    expect((await deps.db.mission.findUniqueOrThrow({ where: { id: m.id } })).acceptedCount).toBe(0);
    expect(await acceptMission(deps, b.id, m.id)).toMatchObject({ ok: true });
    // The place went to B only: the cap still holds for everyone else.
    expect(await acceptMission(deps, c.id, m.id)).toMatchObject({ ok: false, error: "journey.missions.full" });
    expect((await deps.db.mission.findUniqueOrThrow({ where: { id: m.id } })).acceptedCount).toBe(1);
  });

  it("given each broken rule then the answer names it; a valid link is recorded pending with a check due now", async () => {
    await seedMember(deps, "bea", [{ network: "instagram", handle: "bea.posts" }, { network: "tiktok", handle: "bea_tt" }]);
    const m = await seedMission(deps, { title: "Rules", networks: ["tiktok", "youtube"] });
    const user = new FakeUser(engine, "bea");
    await user.command("/submit");
    expect(user.lastText()).toContain("You have no accepted mission waiting for a link");
    await user.action("mission.view", String(m.id));
    await user.press("mission.accept");
    expect(user.lastText()).toContain("You accepted Rules");
    await user.press("submit.start");
    expect(user.lastText()).toContain('Send me the link of your post for "Rules"');
    const cases: [string, string][] = [
      ["not a link", "That does not look like a link"],
      ["https://example.com/post/1", "Links from example.com are not supported"],
      ["https://www.instagram.com/p/Cabc123/", "This mission does not accept posts on instagram. Allowed: tiktok, youtube."],
      ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "You have no youtube account registered"],
      ["https://www.tiktok.com/@someone_else/video/7234567890123456789", "This post was published by @someone_else, which is not one of your registered accounts."],
    ];
    for (const [link, answer] of cases) {
      await user.say(link);
      expect(user.lastText()).toContain(answer);
      expect(user.lastText()).toContain("Send another link, or /cancel.");
    }
    await user.say("https://www.tiktok.com/@bea_tt/video/7234567890123456789?is_from_webapp=1");
    expect(user.lastText()).toContain("pending verification");
    const s = await deps.db.submission.findFirstOrThrow({ where: { missionId: m.id } });
    expect(s).toMatchObject({ status: "pending", network: "tiktok", authorHandle: "bea_tt" });
    expect(s.nextCheckAt?.getTime()).toBe(deps.clock.now().getTime());
    await user.command("/submit");
    expect(user.lastText()).toContain("You have no accepted mission waiting for a link");

    // Someone else submitting the same post (even in another shape) is refused.
    await seedMember(deps, "cleo", [{ network: "tiktok", handle: "bea_tt2" }]);
    const cleo = new FakeUser(engine, "cleo");
    await cleo.action("mission.accept", String(m.id));
    await cleo.command("/submit https://m.tiktok.com/@bea_tt/video/7234567890123456789");
    expect(cleo.lastText()).toContain("This post was published by @bea_tt");
    const m2 = await seedMission(deps, { title: "Closed soon", networks: [] });
    await cleo.action("mission.accept", String(m2.id));
    deps.clock.advance(15 * DAY);
    expect(await submitLink(deps, (await deps.db.influencer.findFirstOrThrow({ where: { displayName: "cleo" } })).id, m2.id, "https://www.tiktok.com/@bea_tt2/video/7234567890123456780"))
      .toMatchObject({ ok: false, error: "journey.submit.mission_closed" });
    deps.clock.advance(-15 * DAY);
  });

  it("given one link submitted by two influencers at once then exactly one wins and the other hears it was already submitted", async () => {
    const a = await seedMember(deps, "dup-a", [{ network: "youtube", handle: "dupa" }]);
    const b = await seedMember(deps, "dup-b", [{ network: "youtube", handle: "dupb" }]);
    const m = await seedMission(deps, { title: "Dup", networks: ["youtube"] });
    await acceptMission(deps, a.id, m.id);
    await acceptMission(deps, b.id, m.id);
    const results = await Promise.all([
      submitLink(deps, a.id, m.id, "https://youtu.be/abcdefghijk"),
      submitLink(deps, b.id, m.id, "https://www.youtube.com/watch?v=abcdefghijk"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: "journey.submit.duplicate_link" });
    expect(await deps.db.submission.count({ where: { missionId: m.id } })).toBe(1);
  });

  it("given awardForSubmission called twice concurrently and again later then the points land once", async () => {
    const inf = await seedMember(deps, "earner", [{ network: "youtube", handle: "earner" }]);
    const m = await seedMission(deps, { title: "Pay once", networks: ["youtube"], points: 120 });
    await acceptMission(deps, inf.id, m.id);
    const s = await submitLink(deps, inf.id, m.id, "https://www.youtube.com/watch?v=zzzzzzzzzzz");
    if (!s.ok) throw new Error(s.error);
    const [x, y] = await Promise.all([awardForSubmission(deps, s.value.id), awardForSubmission(deps, s.value.id)]);
    expect([x.awarded, y.awarded].filter(Boolean)).toHaveLength(1);
    expect((await awardForSubmission(deps, s.value.id)).awarded).toBe(false);
    const entries = await deps.db.ledgerEntry.findMany({ where: { influencerId: inf.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ amount: 120, kind: "mission", idempotencyKey: `participation:${s.value.participationId}`, reference: `submission:${s.value.id}` });
    expect(await deps.db.submission.findUniqueOrThrow({ where: { id: s.value.id } })).toMatchObject({ status: "approved" });
    expect(await deps.db.participation.findFirstOrThrow({ where: { influencerId: inf.id, missionId: m.id } })).toMatchObject({ status: "approved" });
  });
});
