// The per-person cap on social handles (HANDLES_PER_PERSON = 8): /accounts refuses a ninth in the
// person's own language and writes nothing; below the cap adding works, and every handle held has
// its button in the menu.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { createEngine, type Engine } from "../../src/engine/engine.js";
import type { Deps } from "../../src/services/deps.js";
import { HANDLES_PER_PERSON } from "../../src/domain/handles.js";
import { addHandle } from "../../src/services/social-handles.js";
import { t } from "../../src/i18n/translate.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember } from "../engine/seed.js";

const seven = ["instagram", "tiktok", "youtube", "x", "facebook", "twitch", "linkedin"];

describe.each(testProviders())("handles cap on %s", (provider) => {
  let database: TestDatabase;
  let deps: Deps;
  let engine: Engine;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    deps = testDeps(database);
    engine = createEngine(deps);
  });
  afterAll(() => database.destroy());

  it("given a person with 7 handles then an eighth is added, and a ninth is refused in their language with nothing written", async () => {
    const m = await seedMember(deps, "lucia", seven.map((network) => ({ network, handle: `lucia_${network}` })));
    await deps.db.influencer.update({ where: { id: m.id }, data: { locale: "es" } });
    const user = new FakeUser(engine, "lucia");
    await user.command("/accounts instagram @lucia_second");
    expect(await deps.db.socialHandle.count({ where: { influencerId: m.id } })).toBe(HANDLES_PER_PERSON);
    // every handle held stays reachable from the menu
    expect(user.last.flatMap((r) => r.buttons).filter((b) => b.action.startsWith("acc.pick"))).toHaveLength(HANDLES_PER_PERSON);

    await user.command("/accounts tiktok @lucia_third");
    expect(user.lastText()).toContain(t("es", "accounts.too_many", { max: HANDLES_PER_PERSON }));
    expect(await deps.db.socialHandle.count({ where: { influencerId: m.id } })).toBe(HANDLES_PER_PERSON);
    expect(await deps.db.socialHandle.count({ where: { handle: "lucia_third" } })).toBe(0);
  });

  it("given the cap reached then the service refuses with the cap as parameter, and after removing one the add works", async () => {
    const m = await seedMember(deps, "marco", [...seven, "instagram"].map((network, i) => ({ network, handle: `marco_${i}` })));
    expect(await addHandle(deps, m.id, "youtube", "@marco_more")).toEqual({ ok: false, error: "accounts.too_many", params: { max: HANDLES_PER_PERSON } });
    const first = await deps.db.socialHandle.findFirstOrThrow({ where: { influencerId: m.id }, orderBy: { id: "asc" } });
    await deps.db.socialHandle.delete({ where: { id: first.id } });
    expect((await addHandle(deps, m.id, "youtube", "@marco_more")).ok).toBe(true);
  });

  it("given the message in all four languages then each names the cap", () => {
    for (const locale of ["en", "es", "fr", "it"] as const) expect(t(locale, "accounts.too_many", { max: 8 })).toContain("8");
  });
});
