// Manager features through the real engine (router, intake, context): commands, buttons and
// forms as any adapter delivers them, on a real database.
import { describe, expect, it } from "vitest";
import { testProviders } from "../../helpers/db.js";
import { engineOnTestDatabase } from "../../helpers/engine.js";
import type { InboundEvent, InboundPayload } from "../../../src/engine/events.js";
import { toPlainText, type OutboundMessage } from "../../../src/engine/message.js";
import { missionValues, seedInfluencer, seedSubmission } from "../../services/manage/fixtures.js";

let seq = 0;
function event(userId: string, payload: InboundPayload, channel = "CMANAGERS"): InboundEvent {
  return { id: `slack:test:${++seq}`, platform: "slack", conversation: `slack:${channel}:${userId}`, chatType: "group", author: { id: userId, isBot: false }, payload, receivedAt: new Date() };
}
const advo = (text: string): InboundPayload => ({ type: "command", name: "advo", args: text.split(/\s+/).filter(Boolean), argText: text });
const action = (id: string, payload: string): InboundPayload => ({ type: "action", id, payload });
const form = (formId: string, values: Record<string, string>): InboundPayload => ({ type: "form", formId, values });
const text = (replies: OutboundMessage[]) => replies.map(toPlainText).join("\n---\n");

describe.each(testProviders())("manager handlers in the engine on %s", (provider) => {
  const M1 = "UMANAGER";
  const M2 = "UOTHER";
  const { deps, engine } = engineOnTestDatabase(provider, { MANAGERS: `slack:${M1},slack:${M2}` }, { journey: false });

  it("given a non-manager then /advo, buttons and forms are refused and audited", async () => {
    expect(text(await engine.handle(event("USTRANGER", advo("mission new"))))).toBe("Only program managers can do that.");
    expect(text(await engine.handle(event("USTRANGER", action("review.approve", "1"))))).toBe("Only program managers can do that.");
    expect(text(await engine.handle(event("USTRANGER", form("mission.form", missionValues()))))).toBe("Only program managers can do that.");
    expect(await deps.db.auditLog.count({ where: { actor: "slack:USTRANGER", outcome: "refused" } })).toBe(3);
    expect(await deps.db.mission.count()).toBe(0);
  });

  it("given /advo mission new then the form comes pre-filled; bad values come back with per-field errors; good values preview and publish once", async () => {
    await seedInfluencer(deps.db, {});
    await seedInfluencer(deps.db, {});
    const [opened] = await engine.handle(event(M1, advo("mission new")));
    expect(opened?.form?.id).toBe("mission.form");
    expect(opened?.form?.state).toBe("new");
    expect(opened?.form?.fields.find((f) => f.id === "hashtags")?.initial).toBe("#ad");

    const [again] = await engine.handle(event(M1, form("mission.form", { ...missionValues({ points: "many", hashtags: "#spring" }), _state: "new" })));
    const errors = Object.fromEntries((again?.form?.fields ?? []).filter((f) => f.error).map((f) => [f.id, f.error]));
    expect(errors).toEqual({ points: "Enter a whole number." });
    expect(again?.form?.fields.find((f) => f.id === "title")?.initial).toBe("Spring launch");
    const [third] = await engine.handle(event(M1, form("mission.form", { ...missionValues({ hashtags: "#spring" }), _state: "new" })));
    expect(third?.form?.fields.find((f) => f.id === "hashtags")?.error).toBe("The sponsorship disclosure tag is required among the hashtags.");

    const saved = await engine.handle(event(M1, form("mission.form", { ...missionValues(), _state: "new" })));
    const mission = await deps.db.mission.findFirstOrThrow();
    expect(toPlainText(saved[0]!)).toBe(`Draft mission #${mission.id} saved. This is exactly what influencers will see:`);
    expect(toPlainText(saved[1]!)).toContain("Spring launch");
    expect(saved[1]!.buttons?.[0]?.map((b) => b.action)).toEqual(["mission.publish", "mission.edit", "mission.duplicate", "mission.close"]);

    expect(text(await engine.handle(event(M1, action("mission.publish", String(mission.id)))))).toBe(`Mission #${mission.id} published and announced to 2 influencers.`);
    expect(text(await engine.handle(event(M2, action("mission.publish", String(mission.id)))))).toBe(`Mission ${mission.id} is already published.`);
    expect(await deps.db.outboxMessage.count({ where: { batchKey: `mission:${mission.id}:announce` } })).toBe(2);

    const [edit] = await engine.handle(event(M1, action("mission.edit", String(mission.id))));
    expect(edit?.form?.state).toBe(`edit:${mission.id}`);
    const edited = await engine.handle(event(M1, form("mission.form", { ...missionValues({ points: "120" }), _state: `edit:${mission.id}` })));
    expect(toPlainText(edited[0]!)).toBe(`Mission #${mission.id} updated (Points); 0 participants were told.`);
  });

  it("given a submission in review then the queue shows evidence with buttons; two approvals: one wins, the other hears who decided", async () => {
    const m = await deps.db.mission.create({ data: { title: "Bottle", brief: "b", points: 70, deadline: new Date("2026-03-01"), segment: {}, status: "published" } });
    const inf = await seedInfluencer(deps.db, { name: "Ana" });
    const s = await seedSubmission(deps.db, m.id, inf.id);
    const queue = await engine.handle(event(M1, advo("review")));
    const card = queue.find((r) => toPlainText(r).includes(`Submission #${s.id}`))!;
    expect(toPlainText(card)).toContain("caption unreadable");
    expect(card.buttons?.[0]?.map((b) => [b.action, b.payload])).toEqual([["review.approve", String(s.id)], ["review.reject", String(s.id)]]);

    const [a, b] = await Promise.all([engine.handle(event(M1, action("review.approve", String(s.id)), "C1")), engine.handle(event(M2, action("review.approve", String(s.id)), "C2"))]);
    const answers = [text(a), text(b)].sort();
    expect(answers.filter((x) => x.includes("approved by"))).toHaveLength(1);
    expect(answers.find((x) => x.includes("already decided"))).toMatch(/Submission \d+ was already decided \(approved\) by slack:U(MANAGER|OTHER)\./);
    expect(await deps.db.ledgerEntry.count({ where: { idempotencyKey: `participation:${s.participationId}`, reference: `submission:${s.id}` } })).toBe(1);
  });

  it("given Reject then a reason form; an empty reason comes back with an error; a reason rejects and tells the influencer", async () => {
    const m = await deps.db.mission.findFirstOrThrow({ where: { title: "Bottle" } });
    const inf = await seedInfluencer(deps.db, {});
    const s = await seedSubmission(deps.db, m.id, inf.id);
    const [f] = await engine.handle(event(M1, action("review.reject", String(s.id))));
    expect(f?.form).toMatchObject({ id: "review.reject", state: String(s.id) });
    const [again] = await engine.handle(event(M1, form("review.reject", { reason: " ", _state: String(s.id) })));
    expect(again?.form?.fields[0]?.error).toBe("Give a reason for the rejection.");
    expect(text(await engine.handle(event(M1, form("review.reject", { reason: "No #ad", _state: String(s.id) }))))).toBe(`Submission #${s.id} rejected by slack:${M1}; the influencer was told why.`);
    expect(await deps.db.outboxMessage.count({ where: { dedupeKey: `submission:${s.id}:rejected` } })).toBe(1);
  });

  it("given CLI-style sub-commands then they run as the chat manager, with usage help on missing arguments", async () => {
    const invited = text(await engine.handle(event(M1, advo("invite create --uses 2 --tags vip"))));
    expect(invited).toMatch(/^[A-Z2-9]{8} {2}uses 2/);
    expect(await deps.db.auditLog.count({ where: { actor: `slack:${M1}`, action: "invitation.create", outcome: "ok" } })).toBe(1);
    expect(text(await engine.handle(event(M1, advo("points adjust 1 5"))))).toBe("Usage: /advo points adjust INFLUENCER POINTS --reason TEXT [--id REQUEST_ID]");
    expect(text(await engine.handle(event(M1, advo("frobnicate now"))))).toBe("Unknown command: /advo frobnicate now. Type /advo help.");
    expect(text(await engine.handle(event(M1, advo(""))))).toContain("/advo mission new");
    expect(text(await engine.handle(event(M1, { type: "command", name: "stats", args: [], argText: "" })))).toMatch(/^Cycle \d{4}-Q\d: \d+ active influencers/);
  });

  it("given /advo points adjust typed in chat then a small one applies at once and one that breaks the balance asks first and lands once on Confirm", async () => {
    const inf = await seedInfluencer(deps.db, {});
    const entries = () => deps.db.ledgerEntry.count({ where: { influencerId: inf.id, kind: "adjustment" } });
    const small = text(await engine.handle(event(M1, { type: "command", name: "advo", args: ["points", "adjust", String(inf.id), "20", "--reason", "bonus"], argText: "" })));
    expect(small).toMatch(/balance now 20/);
    expect(await entries()).toBe(1);
    const [asked] = await engine.handle(event(M1, { type: "command", name: "advo", args: ["points", "adjust", String(inf.id), "-50", "--reason", "typo"], argText: "" }));
    expect(toPlainText(asked!)).toMatch(/-50/);
    expect(await entries()).toBe(1);
    const confirm = (asked!.buttons ?? []).flat().find((b) => b.action === "points.confirm")!;
    expect(text(await engine.handle(event(M1, action(confirm.action, confirm.payload!))))).toMatch(/balance now -30/);
    expect(text(await engine.handle(event(M1, action(confirm.action, confirm.payload!))))).not.toMatch(/balance now/);
    expect(await entries()).toBe(2);
  });

  it("given the broadcast form then a preview with the recipient count, and Send queues once", async () => {
    await seedInfluencer(deps.db, { tags: ["vip"] });
    const [f] = await engine.handle(event(M1, advo("broadcast")));
    expect(f?.form?.id).toBe("broadcast.form");
    const [header, preview] = await engine.handle(event(M1, form("broadcast.form", { text: "Party on Friday", tags: "vip", regions: "", interests: "", networks: "" })));
    expect(toPlainText(header!)).toBe("1 influencer will receive this message:");
    expect(toPlainText(preview!)).toBe("Party on Friday");
    const send = preview!.buttons![0]![0]!;
    expect(send.action).toBe("broadcast.send");
    expect(text(await engine.handle(event(M1, action("broadcast.send", send.payload!))))).toBe("Broadcast queued for 1 influencer.");
    expect(text(await engine.handle(event(M2, action("broadcast.send", send.payload!))))).toBe(`Broadcast ${send.payload} was already sent or cancelled.`);
  });

  it("given mission and redemption buttons then duplicate, close and cancel-with-refund work once", async () => {
    const m = await deps.db.mission.create({ data: { title: "Old", brief: "b", points: 5, deadline: new Date("2026-03-01"), segment: {}, status: "published" } });
    const dup = await engine.handle(event(M1, action("mission.duplicate", String(m.id))));
    const copy = await deps.db.mission.findFirstOrThrow({ where: { sourceMissionId: m.id } });
    expect(text(dup)).toBe(`Draft mission #${copy.id} created as a copy of #${m.id}.`);
    expect(text(await engine.handle(event(M1, action("mission.close", String(m.id)))))).toBe(`Mission #${m.id} closed.`);
    expect(text(await engine.handle(event(M2, action("mission.close", String(m.id)))))).toBe(`Mission ${m.id} is already closed.`);
    expect(text(await engine.handle(event(M1, action("mission.close", "not-a-number"))))).toBe("That button or command is missing a valid id.");

    const inf = await seedInfluencer(deps.db, { name: "Zoe" });
    const reward = await deps.db.reward.create({ data: { name: "Mug", cost: 30, stock: 0 } });
    const cycle = await deps.db.cycle.findFirstOrThrow({ where: { status: "open" } });
    const red = await deps.db.redemption.create({ data: { rewardId: reward.id, influencerId: inf.id, cycleId: cycle.id, cost: 30 } });
    const cards = await engine.handle(event(M1, advo("redemptions")));
    const card = cards.find((c) => toPlainText(c).includes(`#${red.id} Mug for Zoe`))!;
    expect(card.buttons?.[0]?.map((b) => b.action)).toEqual(["redemption.fulfil", "redemption.cancel"]);
    expect(text(await engine.handle(event(M1, action("redemption.cancel", String(red.id)))))).toBe(`Redemption #${red.id} cancelled; 30 points refunded.`);
    expect(text(await engine.handle(event(M2, action("redemption.fulfil", String(red.id)))))).toBe(`Redemption ${red.id} was already cancelled by slack:${M1}.`);
    expect((await deps.db.reward.findUniqueOrThrow({ where: { id: reward.id } })).stock).toBe(1);
  });
});
