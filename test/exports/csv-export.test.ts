// CSV exports on SQLite and PostgreSQL: cells that a spreadsheet would run are neutralised; the
// export reads the table page by page only as the reader takes bytes (the first bytes arrive
// after one page of 3,000 rows, so memory stays at a page); `advo export` writes the file (with a
// BOM on request); the dashboard download applies the directory's filter, and only admins export.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../helpers/db.js";
import { parseArgs } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { parseCsv } from "../../src/cli/csv-file.js";
import { csvCell, csvStream } from "../../src/exports/csv.js";
import { exportSource } from "../../src/exports/sources.js";
import { MANAGER, managerConfig } from "../services/manage/fixtures.js";
import { startDashboard, type Dashboard } from "../web/harness.js";

const ROWS = 3000;
const VIEWER = "slack:UVIEWER";

describe("csvCell", () => {
  it("prefixes formula starts with a quote and leaves numbers and plain text alone", () => {
    expect(["=1+1", "+33 6", "-2", "@cmd", "\tx", "plain", -2, 3.5, null].map(csvCell)).toEqual(["'=1+1", "'+33 6", "'-2", "'@cmd", "'\tx", "plain", "-2", "3.5", ""]);
  });
});

describe.each(testProviders())("CSV exports on %s", (provider) => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await startDashboard(provider, managerConfig);
    await d.t.db.influencer.createMany({ data: Array.from({ length: ROWS }, (_, i) => ({ displayName: i === 0 ? "=HYPERLINK(\"x\")" : `Person ${i}`, status: "active", locale: "en" })) });
    await d.t.db.influencer.create({ data: { displayName: "Erased Person", status: "deleted", deletedAt: new Date() } });
    await d.t.db.manager.create({ data: { platform: "slack", externalId: "UVIEWER", role: "viewer" } });
  }, 120_000);
  afterAll(async () => d?.close());

  it("reads one page before the first bytes and the rest only as they are taken", async () => {
    const pages: number[] = [];
    const source = exportSource(d.t.db, "influencers", { pageSize: 500, onPage: (n) => pages.push(n) });
    const stream = csvStream(source.header, source.rows);
    const it = stream[Symbol.asyncIterator]();
    const first = await it.next();
    expect(String(first.value)).toMatch(/^id,name,status/);
    expect(pages.length).toBeLessThanOrEqual(2); // of the 7 reads the whole table takes
    let text = String(first.value);
    for (let r = await it.next(); !r.done; r = await it.next()) text += String(r.value);
    expect(pages).toEqual([500, 500, 500, 500, 500, 500, 0]);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[1]!.cells[1]).toBe("'=HYPERLINK(\"x\")");
    expect(text).not.toContain("Erased Person");
    expect(text.split("\r\n").length).toBe(ROWS + 2); // RFC 4180 line breaks, trailing one included
  });

  it("writes the file from the CLI, with a BOM on request; refuses chat actors and bad arguments", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "advo-export-")), "people.csv");
    const run = (line: string, actor = "operator") => COMMANDS.export!.run(d.deps, parseArgs(line.split(" ")), actor);
    const r = await run(`export influencers --out ${out} --bom`);
    expect(r).toMatchObject({ ok: true, value: { data: { kind: "influencers", out } } });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bytes.toString("utf8").slice(1))).toHaveLength(ROWS + 1);
    expect(await d.t.db.auditLog.count({ where: { action: "export.influencers", actor: "operator" } })).toBe(1);
    expect(await run(`export influencers --out ${out}`, MANAGER)).toMatchObject({ ok: false, error: "manage.refused" });
    expect(await run(`export everything --out ${out}`)).toMatchObject({ ok: false, error: "manage.cli.usage" });
    expect(await run("export influencers")).toMatchObject({ ok: false, error: "manage.cli.usage" });
  });

  it("downloads from the dashboard with the directory's filter; a viewer is refused", async () => {
    const { cookie } = await d.signIn(MANAGER);
    const res = await d.get("/dashboard/export/influencers.csv?q=person%2029", cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="advo-influencers-/);
    const rows = parseCsv(await res.text());
    // "person 29" case-insensitively: Person 29, 290–299, 2900–2999.
    expect(rows.slice(1).map((r) => r.cells[1]).sort()).toHaveLength(1 + 10 + 100);
    expect(rows.every((r, i) => i === 0 || r.cells[1]!.startsWith("Person 29"))).toBe(true);
    expect((await d.get("/dashboard/export/nothing.csv", cookie)).status).toBe(404);
    expect(await (await d.get("/dashboard/exports", cookie)).text()).toContain('href="/dashboard/export/ledger.csv"');

    const viewer = await d.signIn(VIEWER);
    expect((await d.get("/dashboard/export/ledger.csv", viewer.cookie)).status).toBe(403);
    expect(await d.t.db.auditLog.count({ where: { action: "export.ledger", actor: VIEWER, outcome: "refused" } })).toBe(1);
  });
});
