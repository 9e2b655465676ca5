// `advo tier import FILE` (issue 21): a program's tiers from a YAML or JSON file, run from the
// command table as the CLI runs it, on SQLite and PostgreSQL — names per language, perks, the
// multiplier as the flag takes it, the basis; a bad file is refused naming the field and changes
// nothing; a reviewer is refused (audited); /advo never reads a file on the server.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { OPERATOR } from "../../src/services/managers.js";
import { readTierProgram } from "../../src/services/tiers.js";
import { DEFAULT_TIER_PROGRAM } from "../../src/domain/tiers.js";
import { createEngine } from "../../src/engine/engine.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { FakeUser } from "../engine/harness.js";

const YAML = `basis: cycle
tiers:
  - key: rookie
    names: { en: Rookie, es: Novato }
    threshold: 0
  - key: star
    names: { en: Star, es: Estrella, fr: Étoile, it: Stella }
    threshold: 800
    perks: { en: Early access, es: Acceso anticipado }
    multiplier: 1.25
`;

describe.each(testProviders())("advo tier import on %s", (provider) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  const dir = mkdtempSync(join(tmpdir(), "advo-tiers-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = testDeps(t, { MANAGERS: "slack:UADMIN,console:boss" });
  });
  afterAll(async () => t?.destroy());
  const run = (line: string, actor: string = OPERATOR) => {
    const args = parseArgs(line.split(" "));
    return COMMANDS[`${args.positionals[0]} ${args.positionals[1]}`]!.run(deps, args, actor);
  };

  it("given a YAML file then the program's tiers are replaced, listed and audited", async () => {
    const r = await run(`tier import ${file("tiers.yaml", YAML)}`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.text).toContain("star         from     800 points  ×1.25");
    const program = await readTierProgram(t.db);
    expect(program.basis).toBe("cycle");
    expect(program.tiers).toEqual([
      { key: "rookie", names: { en: "Rookie", es: "Novato" }, threshold: 0, multiplierPercent: 100 },
      { key: "star", names: { en: "Star", es: "Estrella", fr: "Étoile", it: "Stella" }, threshold: 800, perks: { en: "Early access", es: "Acceso anticipado" }, multiplierPercent: 125 },
    ]);
    expect(await t.db.auditLog.count({ where: { action: "tiers.set", targetId: "tiers", actor: OPERATOR } })).toBe(1);
  });

  it("given a JSON file with a mistake then nothing changes and the field is named", async () => {
    const before = await readTierProgram(t.db);
    const twice = await run(`tier import ${file("twice.json", JSON.stringify({ tiers: [{ key: "a", names: { en: "A" }, threshold: 0 }, { key: "b", names: { en: "B" }, threshold: 0 }] }))}`);
    expect(twice).toMatchObject({ ok: false, error: "growth.tier.invalid", params: { field: "tiers.1.threshold" } });
    const multiplier = await run(`tier import ${file("mult.json", JSON.stringify({ tiers: [{ key: "a", names: { en: "A" }, threshold: 0, multiplier: 9 }] }))}`);
    expect(multiplier).toMatchObject({ ok: false, params: { field: "tiers.0.multiplier", reason: "1 to 5 (1.5 = +50%)" } });
    expect(await run(`tier import ${file("none.json", "{}")}`)).toMatchObject({ ok: false, params: { field: "tiers" } });
    expect(await run(`tier import ${join(dir, "missing.yaml")}`)).toMatchObject({ ok: false, error: "manage.cli.file_not_found" });
    expect(await readTierProgram(t.db)).toEqual(before);
  });

  it("given a reviewer then the import is refused and audited; /advo does not offer it", async () => {
    await t.db.manager.create({ data: { platform: "slack", externalId: "UREV", role: "reviewer" } });
    const before = await readTierProgram(t.db);
    expect(await run(`tier import ${file("t.yaml", YAML.replace("800", "900"))}`, "slack:UREV")).toMatchObject({ ok: false, error: "manage.refused_role" });
    expect(await t.db.auditLog.count({ where: { actor: "slack:UREV", action: "tiers.set", outcome: "refused" } })).toBe(1);
    expect(await readTierProgram(t.db)).toEqual(before);
    expect(before).not.toEqual(DEFAULT_TIER_PROGRAM);
    // In chat the same words are not a command: the chat never reads the server's files.
    const boss = new FakeUser(createEngine(deps), "boss");
    await boss.command(`/advo tier import ${join(dir, "t.yaml")}`);
    expect(boss.lastText()).toContain("tier import");
    expect(boss.lastText()).not.toContain("Rookie");
    expect(await readTierProgram(t.db)).toEqual(before);
  });
});
