// The operator CLI as a user runs it: the real bin/advo.js in a child process against a fresh
// database, checking output, --json, exit codes and the audit trail.
import { execFile, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";

// Each command is a child process (tsx start-up): generous time on a busy 2-core machine.
vi.setConfig({ testTimeout: 420_000 });

const BIN = join(import.meta.dirname, "../../bin/advo.js");

function advo(url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: url, NODE_ENV: "test", LOG_LEVEL: "silent", MANAGERS: "" }, cwd: tmpdir() }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** The CLI on a pseudo-terminal (util-linux `script`), typing `answer` to its question. */
function advoOnTerminal(url: string, args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const line = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const child = spawn("script", ["-qec", line, "/dev/null"], { env: { ...process.env, DATABASE_URL: url, NODE_ENV: "test", LOG_LEVEL: "silent", MANAGERS: "" }, cwd: tmpdir() });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stdin.write(answer);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

describe.each(testProviders())("advo CLI on %s", (provider) => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database;
  const dir = mkdtempSync(join(tmpdir(), "advo-cli-"));
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl(provider));
    database = await openDatabase(url);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("given invite commands then codes are created, listed as JSON and revoked, audited as operator", async () => {
    const created = await advo(url, ["invite", "create", "--uses", "3", "--tags", "vip,fr", "--json"]);
    expect(created.code).toBe(0);
    const { data } = JSON.parse(created.stdout) as { data: { code: string; maxUses: number; tags: string[] }[] };
    expect(data[0]).toMatchObject({ maxUses: 3, tags: ["vip", "fr"] });
    const code = data[0]!.code;
    const listed = await advo(url, ["invite", "list"]);
    expect(listed.stdout).toMatch(/^CODE\s+USED\s+MAX\s+EXPIRES\s+STATE\s+TAGS$/m);
    expect(listed.stdout).toMatch(new RegExp(`^${code}\\s+0\\s+3\\s+-\\s+active\\s+vip,fr$`, "m"));
    expect((await advo(url, ["invite", "revoke", code])).stdout).toContain(`revoked ${code}`);
    const again = await advo(url, ["invite", "revoke", code]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Invitation ${code} was already revoked.`);
    expect(await database.db.auditLog.count({ where: { actor: "operator", action: { in: ["invitation.create", "invitation.revoke"] }, outcome: "ok" } })).toBe(2);
  });

  it("given a mission file then bad values name the field, a good file creates a draft, publish twice refuses the second", async () => {
    const bad = join(dir, `bad-${provider}.yaml`);
    writeFileSync(bad, "title: Launch\nbrief: Show it\nhashtags: ['#ad']\nnetworks: [myspace]\npoints: 0\ndeadline: 2099-01-01\n");
    const r1 = await advo(url, ["mission", "create", "--file", bad, "--json"]);
    expect(r1.stderr).toBe("");
    expect(r1.code).toBe(1);
    expect(JSON.parse(r1.stdout)).toMatchObject({ ok: false, error: { code: "manage.form.invalid", message: expect.any(String), fieldErrors: [{ field: "networks" }, { field: "points", message: "Points must be between 1 and 1,000,000." }] } });

    const good = join(dir, `good-${provider}.json`);
    writeFileSync(good, JSON.stringify({ title: "Launch", brief: "Show it", hashtags: ["#ad", "#new"], networks: ["instagram"], points: 50, deadline: "2099-01-01T00:00:00Z", segment: { regions: ["FR"] } }));
    const r2 = await advo(url, ["mission", "create", "--file", good, "--json"]);
    expect(r2.code).toBe(0);
    const mission = JSON.parse(r2.stdout).data as { id: number; segment: unknown };
    expect(mission.segment).toEqual({ regions: ["FR"], interests: [], networks: [], tags: [], tiers: [], languages: [] });
    expect((await advo(url, ["mission", "publish", String(mission.id)])).stdout).toContain(`mission ${mission.id} published, announced to 0`);
    const twice = await advo(url, ["mission", "publish", String(mission.id)]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`Mission ${mission.id} is already published.`);
    expect((await advo(url, ["mission", "list"])).stdout).toMatch(new RegExp(`^\\s*${mission.id}\\s+published\\s+50\\s+2099-01-01 \\d\\d:\\d\\d\\s+Launch$`, "m"));
    expect((await advo(url, ["mission", "publish"])).code).toBe(2);
  });

  it("given a submission in review and an influencer then approve, reject, adjust points, stats and cycle close work", async () => {
    const db = database.db;
    const inf = await db.influencer.create({ data: { displayName: "Ana", status: "active" } });
    const m = await db.mission.create({ data: { title: "M", brief: "b", points: 30, deadline: new Date("2099-01-01"), segment: {}, status: "published" } });
    const p = await db.participation.create({ data: { missionId: m.id, influencerId: inf.id, status: "submitted" } });
    const s1 = await db.submission.create({ data: { participationId: p.id, missionId: m.id, influencerId: inf.id, url: `https://x.com/a/status/1${provider}`, originalUrl: "u", network: "x", status: "needs_review" } });
    const s2 = await db.submission.create({ data: { participationId: p.id, missionId: m.id, influencerId: inf.id, url: `https://x.com/a/status/2${provider}`, originalUrl: "u", network: "x", status: "needs_review" } });

    const queue = await advo(url, ["submission", "list"]);
    expect(queue.stderr).toBe("");
    expect(queue.stdout).toMatch(new RegExp(`^\\s*${s1.id}\\s+needs_review\\s`, "m"));
    expect((await advo(url, ["submission", "approve", String(s1.id)])).stdout).toContain("30 points awarded");
    expect((await advo(url, ["submission", "reject", String(s2.id)])).code).toBe(2);
    expect((await advo(url, ["submission", "reject", String(s2.id), "--reason", "Wrong account"])).code).toBe(0);
    expect((await db.submission.findUniqueOrThrow({ where: { id: s2.id } })).rejectionReason).toBe("Wrong account");

    const adj = await advo(url, ["points", "adjust", String(inf.id), "-5", "--reason", "typo", "--json"]);
    expect(JSON.parse(adj.stdout)).toMatchObject({ ok: true, data: { created: true, balance: 25 } });
    expect((await advo(url, ["points", "adjust", String(inf.id), "5"])).code).toBe(2);

    const stats = await advo(url, ["stats"]);
    expect(stats.stdout).toMatch(/1 active influencers, \d+ submissions, 25 points earned/);

    // Without a terminal the close is refused unless --yes; with --yes a cycle not due is refused.
    const noTty = await advo(url, ["cycle", "close", "--force", "--json"]);
    expect(noTty.code).toBe(1);
    expect(JSON.parse(noTty.stdout)).toMatchObject({ ok: false, error: { code: "cli.confirm.needs_yes" } });
    expect((await advo(url, ["cycle", "close", "--yes"])).code).toBe(1);
    const closed = await advo(url, ["cycle", "close", "--force", "--yes", "--json"]);
    expect(JSON.parse(closed.stdout)).toMatchObject({ ok: true, data: { participants: 1, expired: 25 } });
    expect(await db.auditLog.count({ where: { actor: "operator", action: "cycle.close", outcome: "ok" } })).toBe(1);
  });

  it.skipIf(!hasScript)("given a terminal then cycle close shows what it will do and asks; no closes nothing, yes closes", async () => {
    const open = (await database.db.cycle.findFirst({ where: { status: "open" } })) ??
      (await database.db.cycle.create({ data: { name: "2099-Q1", startsAt: new Date("2099-01-01"), endsAt: new Date("2099-04-01") } }));
    const no = await advoOnTerminal(url, ["cycle", "close", "--force"], "n\n");
    expect(no.output).toContain(`Closing ${open.name} will:`);
    expect(no.output).toMatch(/expire [\d,]+ points and roll [\d,]+ over to the next cycle/);
    expect(no.output).toContain("Proceed? [y/N]");
    expect(no.output).toContain("Cancelled; nothing was changed.");
    expect(no.code).toBe(1);
    expect(await database.db.cycle.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ status: "open" });
    const yes = await advoOnTerminal(url, ["cycle", "close", "--force"], "y\n");
    expect(yes.code).toBe(0);
    expect(yes.output).toMatch(new RegExp(`closed ${open.name.replace(/[()]/g, "\\$&")}: .* opened (.+)`));
    expect(await database.db.cycle.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ status: "closed" });
    const next = await database.db.cycle.findFirstOrThrow({ where: { status: "open" } });
    expect(next.name).not.toBe(open.name);
  });

  it("given an unknown command then a readable message and exit 2; job run delegates to the job runner", async () => {
    const r = await advo(url, ["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stdout).toBe("");
    const job = await advo(url, ["job", "run", "close-cycle"]);
    expect(job.code).toBe(0);
    expect(JSON.parse(job.stdout)).toMatchObject({ job: "close-cycle", status: "ran", outcome: "ok" });
    expect((await advo(url, ["job", "run", "no-such-job"])).code).toBe(2);
  });
});
