// Networks (issue 12, dead end 4): a mission is offered only to people with a handle on one of its
// networks — in the eligibility rule (/missions, accept) and in the publish audience query — and
// /accounts adds, changes and removes handles after onboarding with onboarding's validation.
import { describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { engineOnTestDatabase } from "../helpers/engine.js";
import { announceMission } from "../../src/services/missions-admin.js";
import { audience } from "../../src/services/audience.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedMission } from "../engine/seed.js";

describe.each(testProviders())("networks and /accounts on %s", (provider) => {
  const { deps, engine } = engineOnTestDatabase(provider);

  const handlesOf = async (id: number) => (await deps.db.socialHandle.findMany({ where: { influencerId: id }, orderBy: { id: "asc" } })).map((h) => `${h.network}:${h.handle}`);

  it("given a YouTube-only mission then it is not listed nor acceptable without YouTube, and its announcement reaches only people with YouTube", async () => {
    const ig = await seedMember(deps, "igonly", [{ network: "instagram", handle: "igonly" }]);
    const yt = await seedMember(deps, "ytuser", [{ network: "youtube", handle: "ytuser" }, { network: "instagram", handle: "ytuser_ig" }]);
    const mission = await seedMission(deps, { title: "Unboxing video", networks: ["youtube"] });
    await seedMission(deps, { title: "Any network", networks: [] });

    const igUser = new FakeUser(engine, "igonly");
    await igUser.command("/missions");
    expect(igUser.last[0]?.buttons.map((b) => b.label.split(" · ")[0])).toEqual(["Any network"]);
    await igUser.action("mission.accept", String(mission.id));
    expect(igUser.lastText()).toContain("YouTube");
    expect(igUser.lastText()).toContain("/accounts");
    expect(await deps.db.participation.count({ where: { influencerId: ig.id } })).toBe(0);

    const ytUser = new FakeUser(engine, "ytuser");
    await ytUser.command("/missions");
    expect(ytUser.last[0]?.buttons.map((b) => b.label.split(" · ")[0])).toEqual(["Unboxing video", "Any network"]);

    expect((await audience(deps, { networks: ["youtube"] })).map((r) => r.influencerId)).toEqual([yt.id]);
    await announceMission(deps, mission, deps.clock.now());
    const announced = await deps.db.outboxMessage.findMany({ where: { purpose: "mission.announce", dedupeKey: { startsWith: `mission:${mission.id}:` } } });
    expect(announced.map((m) => m.influencerId)).toEqual([yt.id]);
  });

  it("given /accounts then a network is added by button and typed handle, and the mission for it becomes eligible", async () => {
    const m = await seedMember(deps, "carla", [{ network: "instagram", handle: "carla" }]);
    const mission = await seedMission(deps, { title: "TikTok dance", networks: ["tiktok"] });
    const user = new FakeUser(engine, "carla");
    await user.command("/missions");
    expect(user.lastText()).not.toContain("TikTok dance");

    await user.command("/accounts");
    expect(user.lastText()).toContain("Instagram @carla");
    await user.press("acc.add", "tiktok");
    expect(user.lastText()).toContain("TikTok");
    await user.say("not a handle!!");
    expect(user.lastText()).not.toContain("Added");
    await user.say("@carla.dances");
    expect(user.lastText()).toContain("Added: TikTok @carla.dances");
    expect(await handlesOf(m.id)).toEqual(["instagram:carla", "tiktok:carla.dances"]);
    await user.press("acc.done");
    expect(await deps.db.conversation.findUniqueOrThrow({ where: { key: "console:carla" } })).toMatchObject({ flow: null });

    await user.command("/missions");
    expect(user.last[0]?.buttons.map((b) => b.label.split(" · ")[0])).toContain("TikTok dance");
    await user.action("mission.accept", String(mission.id));
    expect(await deps.db.participation.findFirst({ where: { influencerId: m.id, missionId: mission.id } })).toMatchObject({ status: "accepted" });
  });

  it("given /accounts then typed input adds, a handle is changed and removed, the last one is kept, and someone else's handle is refused", async () => {
    await seedMember(deps, "taken_by_other", [{ network: "x", handle: "famous" }]);
    const m = await seedMember(deps, "dario", [{ network: "instagram", handle: "dario" }]);
    const user = new FakeUser(engine, "dario");
    await user.command("/accounts x @famous");
    expect(user.lastText()).toContain("already registered by another");
    await user.say("youtube @dario_tube");
    expect(await handlesOf(m.id)).toEqual(["instagram:dario", "youtube:dario_tube"]);

    const [ig] = await deps.db.socialHandle.findMany({ where: { influencerId: m.id, network: "instagram" } });
    await user.press("acc.pick", String(ig!.id));
    await user.press("acc.change");
    expect(user.lastText()).toContain("@dario");
    await user.say("https://www.instagram.com/dario.new/");
    expect(user.lastText()).toContain("@dario → @dario.new");
    expect(await handlesOf(m.id)).toEqual(["instagram:dario.new", "youtube:dario_tube"]);

    await user.press("acc.pick", String(ig!.id));
    await user.press("acc.remove");
    expect(await handlesOf(m.id)).toEqual(["youtube:dario_tube"]);
    const [last] = await deps.db.socialHandle.findMany({ where: { influencerId: m.id } });
    await user.action("acc.remove", String(last!.id));
    expect(user.lastText()).toContain("only account");
    expect(await handlesOf(m.id)).toEqual(["youtube:dario_tube"]);
  });

  it("given someone in the middle of onboarding then /accounts says to finish the sign-up first", async () => {
    await deps.db.influencer.create({ data: { status: "onboarding", accounts: { create: { platform: "console", externalId: "newbie", chatId: "newbie" } } } });
    const user = new FakeUser(engine, "newbie");
    await user.command("/accounts");
    expect(user.lastText()).toContain("/start");
  });
});
