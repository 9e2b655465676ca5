// `advo mission create --file` with segment.languages (issue 15), run from the command table as
// the CLI runs it, on SQLite and PostgreSQL: the four locales are accepted (stored lower-case);
// anything else is refused on the languages field and creates nothing.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { OPERATOR } from "../../src/services/managers.js";
import { readSegment } from "../../src/domain/segment.js";
import { t as translate } from "../../src/i18n/translate.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";

const mission = (languages: unknown) => ({
  title: "Lanzamiento", brief: "Show it", hashtags: ["#ad"], networks: ["instagram"], points: 50, deadline: "2099-01-01T00:00:00Z", segment: { regions: ["MX"], languages },
});

describe.each(testProviders())("advo mission create with languages on %s", (provider) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  const dir = mkdtempSync(join(tmpdir(), "advo-lang-"));
  const file = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = testDeps(t);
  });
  afterAll(async () => t?.destroy());
  const create = (path: string) => COMMANDS["mission create"]!.run(deps, parseArgs(["mission", "create", "--file", path]), OPERATOR);

  it("given segment.languages of known locales then the draft is for those languages", async () => {
    const r = await create(file("good.json", mission(["ES", "fr"])));
    if (!r.ok) throw new Error(JSON.stringify(r));
    const stored = await t.db.mission.findFirstOrThrow({ where: { title: "Lanzamiento" }, orderBy: { id: "desc" } });
    expect(readSegment(stored.segment)).toMatchObject({ regions: ["MX"], languages: ["es", "fr"] });
  });

  it("given an unknown language or a language that is not a list of codes then it is refused on the languages field and nothing is created", async () => {
    const before = await t.db.mission.count();
    for (const languages of [["es", "de"], "spanish", [7]]) {
      const r = await create(file("bad.json", mission(languages)));
      expect(r).toMatchObject({ ok: false, error: "manage.form.invalid" });
      const fields = (r as { fieldErrors?: { field: string; messageId: string }[] }).fieldErrors ?? [];
      expect(fields.map((f) => f.field)).toEqual(["languages"]);
    }
    const unknown = await create(file("bad.json", mission(["de"])));
    expect(translate("en", (unknown as { fieldErrors: { messageId: string }[] }).fieldErrors[0]!.messageId)).toBe("Unknown language in languages: use en, es, fr or it.");
    expect(await t.db.mission.count()).toBe(before);
  });
});
