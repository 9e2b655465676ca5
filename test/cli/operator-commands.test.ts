// The commands operators reached for (issue 18), run from the shared table as the CLI runs them
// (operator) and as /advo runs them (a chat manager; a reviewer or stranger is refused), on a real
// database: influencer list/search/show, submission show, mission edit, reward edit, cycle show,
// audit log, redemption list with and without --status.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { COMMANDS, type CliResult } from "../../src/cli/commands.js";
import { createReward } from "../../src/services/catalog-admin.js";
import { currentCycle } from "../../src/services/ledger.js";
import { OPERATOR } from "../../src/services/managers.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { MANAGER, STRANGER, managerConfig, seedInfluencer, seedSubmission } from "../services/manage/fixtures.js";

describe.each(testProviders())("operator commands on %s", (provider) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  const dir = mkdtempSync(join(tmpdir(), "advo-opcmd-"));
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = testDeps(t, managerConfig);
    deps.clock.set("2026-12-07T10:00:00Z");
  });
  afterAll(async () => t?.destroy());

  const run = async (line: string, actor = OPERATOR): Promise<CliResult> => {
    const args = parseArgs(line.split(" "));
    const [a, b] = args.positionals;
    const entry = COMMANDS[`${a} ${b}`] ?? COMMANDS[a!];
    if (!entry) throw new Error(`no command ${line}`);
    return entry.run(deps, { ...args, flags: { ...args.flags, tz: "Europe/Paris" } }, actor);
  };
  const text = (r: CliResult) => (r.ok ? r.value.text : `ERR ${r.error}`);

  it("given influencers then list (newest first, by status), search by name or handle (any case) and show a card", async () => {
    const ana = await seedInfluencer(t.db, { name: "Ana Lopez", networks: ["instagram", "tiktok"] });
    const bo = await seedInfluencer(t.db, { name: "Bo", status: "paused" });
    const listed = await run("influencer list");
    expect(text(listed).split("\n")[0]).toMatch(/^\s*ID\s+STATUS\s+NAME\s+LANG\s+REGION\s+JOINED\s+HANDLES$/);
    expect(listed.ok && (listed.value.data as { id: number }[]).map((i) => i.id)).toEqual([bo.id, ana.id]);
    const paused = await run("influencer list --status paused");
    expect(paused.ok && (paused.value.data as { id: number }[]).map((i) => i.id)).toEqual([bo.id]);
    expect(text(await run("influencer search ANA"))).toContain("Ana Lopez");
    expect(text(await run(`influencer search @h${ana.id}TIK`))).toContain(`tiktok:@h${ana.id}tiktok`);
    expect(text(await run("influencer search nobody"))).toBe("(no influencers)");
    expect((await run("influencer search")).ok).toBe(false);

    const card = await run(`influencer show ${ana.id}`);
    expect(text(card)).toMatch(new RegExp(`^Influencer: +${ana.id} Ana Lopez$`, "m"));
    expect(text(card)).toMatch(/^Points: +0 in .+, 0 lifetime$/m);
    expect(text(card)).toContain("Latest submissions:");
    expect(await run("influencer show 99999")).toMatchObject({ ok: false, error: "manage.influencer.not_found" });
    expect(await run(`influencer show ${ana.id}`, STRANGER)).toMatchObject({ ok: false, error: "manage.refused" });
    expect((await run(`influencer show ${ana.id}`, MANAGER)).ok).toBe(true);
  });

  it("given a submission then show gives its mission, person, link and decision; submission list without --status lists every status", async () => {
    const inf = await seedInfluencer(t.db, { name: "Cy" });
    const m = await t.db.mission.create({ data: { title: "Winter", brief: "b", points: 1500, deadline: new Date("2099-01-01"), segment: {}, status: "published" } });
    const s1 = await seedSubmission(t.db, m.id, inf.id, { status: "approved" });
    const s2 = await seedSubmission(t.db, m.id, inf.id, { status: "needs_review" });
    const shown = await run(`submission show ${s1.id}`);
    expect(text(shown)).toMatch(new RegExp(`^Mission: +${m.id} Winter \\(1,500 points\\)$`, "m"));
    expect(text(shown)).toMatch(/^Status: +approved$/m);
    const all = await run("submission list");
    expect(all.ok && (all.value.data as { id: number }[]).map((s) => s.id)).toEqual(expect.arrayContaining([s1.id, s2.id]));
    const queue = await run("submission list --status needs_review");
    expect(queue.ok && (queue.value.data as { id: number; status: string }[]).every((s) => s.status === "needs_review")).toBe(true);
    expect(await run("submission show 99999")).toMatchObject({ ok: false, error: "manage.review.not_found" });
  });

  it("given a mission and a file with only the deadline then mission edit changes just that", async () => {
    const m = await t.db.mission.create({ data: { title: "Edit me", brief: "b", points: 10, hashtags: ["#ad"], networks: ["instagram"], deadline: new Date("2099-01-01T00:00:00Z"), segment: {}, status: "draft" } });
    const file = join(dir, `deadline-${provider}.yaml`);
    writeFileSync(file, "deadline: 2099-02-01T00:00:00Z\n");
    const r = await run(`mission edit ${m.id} --file ${file}`);
    expect(r).toMatchObject({ ok: true, value: { data: { changed: ["deadline"] } } });
    expect(await t.db.mission.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ title: "Edit me", points: 10, deadline: new Date("2099-02-01T00:00:00Z") });
    writeFileSync(file, "points: 0\n");
    expect(await run(`mission edit ${m.id} --file ${file}`)).toMatchObject({ ok: false, fieldErrors: [{ field: "points" }] });
    expect(await t.db.auditLog.count({ where: { action: "mission.edit", actor: OPERATOR, targetId: String(m.id) } })).toBe(1);
  });

  it("given a reward then reward edit changes the given fields only; redemption list shows every status unless --status", async () => {
    const created = await createReward(deps, OPERATOR, { name: "Mug", cost: 100, stock: 5 });
    if (!created.ok) throw new Error(created.error);
    const id = created.value.id;
    expect(text(await run(`reward edit ${id} --cost 1200 --active false`))).toBe(`reward ${id}: Mug, 1,200 pts, stock 5, inactive`);
    expect(await t.db.reward.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Mug", cost: 1200, stock: 5, active: false });
    expect(await run(`reward edit ${id} --cost -3`)).toMatchObject({ ok: false, error: "manage.reward.invalid", params: { field: "cost" } });
    const inf = await seedInfluencer(t.db, {});
    const cycle = await currentCycle(t.db, deps.clock);
    await t.db.redemption.create({ data: { rewardId: id, influencerId: inf.id, cycleId: cycle.id, cost: 1200, status: "pending" } });
    await t.db.redemption.create({ data: { rewardId: id, influencerId: inf.id, cycleId: cycle.id, cost: 1200, status: "fulfilled" } });
    const all = await run("redemption list");
    expect(all.ok && (all.value.data as { status: string }[]).map((r) => r.status).sort()).toEqual(["fulfilled", "pending"]);
    expect(text(all).split("\n")[0]).toMatch(/^\s*ID\s+STATUS\s+COST\s+REQUESTED\s+INFLUENCER\s+REWARD$/);
    const pending = await run("redemption list --status pending");
    expect(pending.ok && (pending.value.data as { status: string }[]).map((r) => r.status)).toEqual(["pending"]);
  });

  it("given activity then cycle show gives the open cycle's figures and audit log filters by actor, action prefix and date", async () => {
    const shown = await run("cycle show");
    expect(text(shown)).toMatch(/^Status: +open$/m);
    expect(text(shown)).toMatch(/^Participants: +\d+$/m);
    expect(await run("cycle show 99999")).toMatchObject({ ok: false, error: "manage.cycle.not_found" });
    const log = await run("audit log --actor operator --action reward.");
    expect(log.ok && (log.value.data as { action: string; actor: string }[]).every((e) => e.actor === "operator" && e.action.startsWith("reward."))).toBe(true);
    expect(log.ok && (log.value.data as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect(text(await run("audit log --since 2999-01-01"))).toBe("(no audit entries)");
    expect(await run("audit log --since yesterday-ish")).toMatchObject({ ok: false, error: "cli.audit.invalid", params: { field: "since" } });
    expect(await run("audit log", MANAGER)).toMatchObject({ ok: true });
  });
});
