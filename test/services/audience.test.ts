// Who a program message reaches: filtered in the query, one preferred account per person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { audience } from "../../src/services/audience.js";

describe.each(testProviders())("audience on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given two influencers and one id asked for, then only that one is returned, on their most recent reachable account", async () => {
    const ana = await t.db.influencer.create({ data: { status: "active", locale: "es" } });
    const bo = await t.db.influencer.create({ data: { status: "active" } });
    await t.db.platformAccount.create({ data: { influencerId: ana.id, platform: "telegram", externalId: "a1", chatId: "a1", updatedAt: new Date("2026-01-01") } });
    await t.db.platformAccount.create({ data: { influencerId: ana.id, platform: "discord", externalId: "a2", chatId: "dm-a2", updatedAt: new Date("2026-02-01") } });
    await t.db.platformAccount.create({ data: { influencerId: ana.id, platform: "slack", externalId: "a3", updatedAt: new Date("2026-03-01"), unreachableAt: new Date() } });
    await t.db.platformAccount.create({ data: { influencerId: bo.id, platform: "telegram", externalId: "b1", chatId: "b1" } });

    const deps = testDeps(t);
    expect(await audience(deps, { influencerIds: [ana.id] })).toEqual([{ influencerId: ana.id, platform: "discord", recipient: "dm-a2", locale: "es", timeZone: "UTC" }]);
    expect((await audience(deps)).map((r) => r.influencerId).sort()).toEqual([ana.id, bo.id].sort());
  });
});
