// Screenshots as proof of posts without a public link (issue 13), through the real engine on both
// databases: a photo with its reach in the caption goes straight to review, self-reported, with the
// file reference, the figure and a review card linking the file; a photo alone asks for the figure
// (bad answers told in the person's language); several missions ask which; refused files store
// nothing; erasing the person erases the proofs.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import type { InboundFile } from "../../src/engine/events.js";
import { toPlainText, type OutboundMessage } from "../../src/engine/message.js";
import { eraseInfluencer } from "../../src/services/privacy.js";
import { t } from "../../src/i18n/translate.js";
import { FakeUser } from "./harness.js";
import { seedMember, seedMission } from "./seed.js";

const photo = (ref: string, sizeBytes = 180_000): InboundFile => ({ ref, kind: "photo", mimeType: "image/jpeg", sizeBytes });

describe.each(testProviders())("proof screenshots on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider, { SLACK_MANAGER_CHANNEL: "C0MANAGERS", PUBLIC_URL: "https://advo.example" });

  const sendFiles = (user: FakeUser, files: InboundFile[], caption = "") => user.sendEvent({ ...user.event({ type: "text", text: caption }), attachments: files });

  async function memberWithMission(id: string, title: string, locale?: string) {
    const inf = await seedMember(deps, id);
    if (locale) await deps.db.influencer.update({ where: { id: inf.id }, data: { locale } });
    const m = await seedMission(deps, { title });
    const user = new FakeUser(engine, id);
    await user.action("mission.accept", String(m.id));
    return { inf, m, user };
  }

  it("given a photo captioned with its reach then it is in review, self-reported, with the file, the figure and a review card linking the file", async () => {
    const { inf, m, user } = await memberWithMission("proof-ana", "Story drop");
    await sendFiles(user, [photo("AgAC-story-1")], "12,400 views · 310 likes");
    expect(user.lastText()).toBe(t("en", "measure.proof.received", { title: "Story drop", views: "12,400" }));
    const s = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id, missionId: m.id }, include: { proofs: true, metrics: true } });
    expect(s).toMatchObject({ status: "needs_review", network: "screenshot", evidence: { selfReported: true } });
    expect(s.url).toMatch(/^proof:[\w-]{16}$/);
    expect(s.liveCheckedAt).not.toBeNull(); // a Story vanishes by design: never re-checked as "removed"
    expect(s.proofs).toMatchObject([{ platform: "console", fileRef: "AgAC-story-1", kind: "photo", mimeType: "image/jpeg", sizeBytes: 180_000 }]);
    expect(s.metrics).toMatchObject([{ views: 12_400, likes: 310, comments: null, source: "self_reported" }]);
    expect((await deps.db.participation.findFirstOrThrow({ where: { influencerId: inf.id, missionId: m.id } })).status).toBe("submitted");
    const card = await deps.db.outboxMessage.findFirstOrThrow({ where: { recipient: "C0MANAGERS", dedupeKey: `submission:${s.id}:review` } });
    const text = toPlainText((card.payload as unknown as { message: OutboundMessage }).message);
    expect(text).toContain(t("en", "measure.proof.card_self_reported", { count: 1 }));
    expect(JSON.stringify(card.payload)).toContain(`https://advo.example/dashboard/proofs/${s.proofs[0]!.id}`);
    expect(text).toContain("12,400 views · 310 likes"); // the engagement line, marked self-reported
    expect(text).toContain(t("en", "measurement.engagement.source.self_reported"));
  });

  it("given a photo alone then the figure is asked for, a bad answer is told in Spanish, and a number completes it", async () => {
    const { inf, user } = await memberWithMission("proof-lucia", "Historias", "es");
    await sendFiles(user, [photo("AgAC-lucia")]);
    expect(user.lastText()).toBe(t("es", "measure.proof.ask_figures", { title: "Historias" }));
    expect(await deps.db.submission.count({ where: { influencerId: inf.id } })).toBe(0);
    await user.say("muchas");
    expect(user.lastText()).toBe(t("es", "measure.proof.figures_invalid"));
    await user.say("1,5 visualizaciones");
    expect(user.lastText()).toBe(t("es", "measure.proof.figures_invalid"));
    await user.say("8.400 visualizaciones");
    expect(user.lastText()).toBe(t("es", "measure.proof.received", { title: "Historias", views: "8400" }));
    const s = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id }, include: { metrics: true, proofs: true } });
    expect(s.metrics[0]?.views).toBe(8_400);
    expect(s.proofs.map((p) => p.fileRef)).toEqual(["AgAC-lucia"]);
  });

  it("given two missions waiting then the person picks one for the kept file", async () => {
    const { inf, user } = await memberWithMission("proof-bo", "First story");
    const second = await seedMission(deps, { title: "Second story" });
    await user.action("mission.accept", String(second.id));
    await sendFiles(user, [photo("AgAC-bo")], "reach 2.5k");
    expect(user.lastText()).toBe(t("en", "measure.proof.pick_mission"));
    await user.press("proof.mission", String(second.id));
    expect(user.lastText()).toBe(t("en", "measure.proof.received", { title: "Second story", views: "2,500" }));
    const s = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id }, include: { proofs: true } });
    expect(s.missionId).toBe(second.id);
    expect(s.proofs).toHaveLength(1);
  });

  it("given a video or a file over 10 MB then it is refused with the reason and nothing is stored", async () => {
    const { inf, user } = await memberWithMission("proof-cy", "Big files");
    await sendFiles(user, [{ ref: "vid", kind: "document", mimeType: "video/mp4", fileName: "story.mp4", sizeBytes: 3_000_000 }], "9000 views");
    expect(user.lastText()).toBe(t("en", "measure.proof.wrong_type", { name: "story.mp4" }));
    await sendFiles(user, [photo("huge", 11 * 1024 * 1024)], "9000 views");
    expect(user.lastText()).toBe(t("en", "measure.proof.too_big", { name: "image/jpeg", max: 10 }));
    expect(await deps.db.submission.count({ where: { influencerId: inf.id } })).toBe(0);
    expect(await deps.db.submissionProof.count({ where: { fileRef: { in: ["vid", "huge"] } } })).toBe(0);
  });

  it("given a person with a proof in review is erased then the proof files are gone and the review card is cancelled", async () => {
    const { inf, user } = await memberWithMission("proof-del", "Erase me");
    await sendFiles(user, [photo("AgAC-del")], "500 views");
    const s = await deps.db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    expect(await deps.db.submissionProof.count({ where: { submissionId: s.id } })).toBe(1);
    await eraseInfluencer(deps, inf.id);
    expect(await deps.db.submissionProof.count({ where: { submissionId: s.id } })).toBe(0);
    expect((await deps.db.submission.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("withdrawn");
    expect((await deps.db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: `submission:${s.id}:review` } })).status).toBe("cancelled");
  });
});
