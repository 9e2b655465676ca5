// Mission titles and reward names in the reader's language everywhere they are shown (issue 17),
// for someone reading French in an English program: accepting and declining, the submit prompt
// (one mission, or the attempts used up), the /points history (an award and a redemption), "your
// links" in /points, and the Slack App Home's list of missions.
import { beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { appendEntry, currentCycle } from "../../src/services/ledger.js";
import { influencerHome } from "../../src/services/home-summary.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedMission } from "../engine/seed.js";

const FR = { title: "Collection d’été", brief: "Montrez la collection.", dos: ["Lumière naturelle"], donts: ["Pas de marques concurrentes"] };

describe.each(testProviders())("mission and reward text in the reader's language on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);
  let user: FakeUser;
  let influencerId: number;
  let missionId: number;
  beforeAll(async () => {
    const inf = await seedMember(deps, "texte-fr");
    influencerId = inf.id;
    await deps.db.influencer.update({ where: { id: inf.id }, data: { locale: "fr" } });
    missionId = (await seedMission(deps, { title: "Summer drop" })).id;
    await deps.db.mission.update({ where: { id: missionId }, data: { translations: { fr: FR } } });
    user = new FakeUser(engine, "texte-fr");
  });

  it("given a French reader then accepting, the submit prompt and declining name the mission in French", async () => {
    await user.action("mission.accept", String(missionId));
    expect(user.lastText()).toContain("Vous avez accepté Collection d’été");
    await user.command("/submit");
    expect(user.lastText()).toContain("Envoyez-moi le lien de votre publication pour « Collection d’été »");
    await user.action("submit.start", String(missionId));
    expect(user.lastText()).toContain("« Collection d’été »");
    expect(user.transcript.map((r) => r.text).join("\n")).not.toContain("Summer drop");

    const other = await seedMission(deps, { title: "Winter drop" });
    await deps.db.mission.update({ where: { id: other.id }, data: { translations: { fr: { ...FR, title: "Collection d’hiver" } } } });
    await user.action("mission.decline", String(other.id));
    expect(user.lastText()).toContain("Collection d’hiver");
    expect(user.lastText()).not.toContain("Winter drop");
  });

  it("given an award, a redemption and a tracking link then /points shows the French title and reward name, and the App Home lists the mission in French", async () => {
    const cycle = await currentCycle(deps.db, deps.clock);
    const part = await deps.db.participation.findFirstOrThrow({ where: { missionId, influencerId } });
    const sub = await deps.db.submission.create({ data: { participationId: part.id, missionId, influencerId, url: "https://www.instagram.com/p/texte-fr/", originalUrl: "https://www.instagram.com/p/texte-fr/", network: "instagram", status: "approved" } });
    await appendEntry(deps.db, { influencerId, cycleId: cycle.id, amount: 100, kind: "mission", idempotencyKey: `participation:${part.id}`, reference: `submission:${sub.id}`, reason: "Summer drop" });
    const reward = await deps.db.reward.create({ data: { name: "Tote bag", cost: 30, translations: { fr: { name: "Sac en toile", description: "" } } } });
    const red = await deps.db.redemption.create({ data: { rewardId: reward.id, influencerId, cycleId: cycle.id, cost: 30 } });
    await appendEntry(deps.db, { influencerId, cycleId: cycle.id, amount: -30, kind: "redemption", idempotencyKey: `redemption:${red.id}`, reference: `redemption:${red.id}`, reason: "Tote bag" });
    // A manager's note on an adjustment is shown as typed.
    await appendEntry(deps.db, { influencerId, cycleId: cycle.id, amount: 5, kind: "adjustment", idempotencyKey: "texte-fr:adj", reason: "Bonus live" });
    await deps.db.trackingLink.create({ data: { code: "textefr1", missionId, influencerId, participationId: part.id, targetUrl: "https://shop.example" } });

    await user.command("/points");
    const text = user.lastText();
    expect(text).toContain("+100 points · mission · Collection d’été");
    expect(text).toContain("-30 points · échange · Sac en toile");
    expect(text).toContain("Bonus live");
    expect(text).toContain("Collection d’été : 0 clic · 0 vente");
    expect(text).not.toMatch(/Summer drop|Tote bag/);

    const home = await influencerHome(deps, "console", "texte-fr");
    expect(home.missions.map((m) => m.title)).toEqual(["Collection d’été"]);
  });
});
