// Points per attributed conversion over real HTTP (signed postbacks) and a real database: an order
// through the influencer's code pays the mission's pointsPerConversion once, however often and
// however concurrently the shop sends it; refunds take the points back in proportion, each once;
// the influencer is told in their language; the CSV import and a crash between the conversion and
// its points are settled too; the report counts the points in the mission's cost.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { HttpServer } from "../../src/http/server.js";
import { conversionRoutes } from "../../src/http/conversions.js";
import { signAdvo } from "../../src/http/signatures.js";
import { renderPayload } from "../../src/delivery/render.js";
import { silentLogger } from "../../src/logger.js";
import { parseArgs } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { OPERATOR } from "../../src/services/managers.js";
import { acceptMission } from "../../src/services/missions.js";
import { measurementReport } from "../../src/services/report.js";
import { cycleBalance, currentCycle } from "../../src/services/ledger.js";
import { missionData, parseMissionForm } from "../../src/domain/mission-form.js";
import { missionCard } from "../../src/engine/mission-card.js";
import { seedMember, seedMission } from "../engine/seed.js";

const SECRET = "points-secret";
const dir = mkdtempSync(join(tmpdir(), "advo-cpoints-"));

describe.each(testProviders())("points per conversion on %s", (provider) => {
  let t: TestDatabase;
  let http: HttpServer;
  let base: string;
  const config = { CONVERSION_SECRET: SECRET, MANAGERS: "console:boss", PUBLIC_URL: "https://go.example", POINT_VALUE: "0.10", PROGRAM_CURRENCY: "EUR" };
  const deps = () => testDeps(t, config);
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    http = new HttpServer(silentLogger);
    http.mount(conversionRoutes(deps()));
    base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await http?.close();
    await t?.destroy();
  });

  const post = async (body: object) => {
    const raw = JSON.stringify(body);
    const res = await fetch(`${base}/conversions`, { method: "POST", body: raw, headers: { "content-type": "application/json", ...signAdvo(SECRET, raw, Math.floor(deps().clock.now().getTime() / 1000)) } });
    return (await res.json()) as { ok: boolean; duplicate: boolean };
  };

  /** A French-speaking influencer who accepted a mission paying `perSale` points per sale; their discount code. */
  async function participant(name: string, perSale: number) {
    const d = deps();
    const inf = await seedMember(d, `${name}-${provider}`);
    await t.db.influencer.update({ where: { id: inf.id }, data: { locale: "fr" } });
    const m = await seedMission(d, { title: `Soldes ${name}` });
    await t.db.mission.update({ where: { id: m.id }, data: { discountPrefix: "SALE", pointsPerConversion: perSale } });
    const r = await acceptMission(d, inf.id, m.id);
    if (!r.ok) throw new Error(r.error);
    return { inf, mission: m, code: r.value.discountCode! };
  }
  const entries = (influencerId: number) => t.db.ledgerEntry.findMany({ where: { influencerId, kind: "conversion" }, orderBy: { id: "asc" } });
  const notices = (influencerId: number) => t.db.outboxMessage.findMany({ where: { influencerId, purpose: { startsWith: "conversion." } }, orderBy: { id: "asc" } });

  it("given the same order posted ten times at once then it is one conversion paid once and told once, in French", async () => {
    const { inf, mission, code } = await participant("ana", 25);
    const order = { orderId: `A-${provider}`, amount: "80.00", currency: "EUR", code };
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(order)));
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(await t.db.conversion.count({ where: { orderId: order.orderId } })).toBe(1);
    const paid = await entries(inf.id);
    expect(paid.map((e) => [e.amount, e.idempotencyKey, e.reference])).toEqual([[25, `conversion:${order.orderId}`, `mission:${mission.id}`]]);
    const told = await notices(inf.id);
    expect(told).toHaveLength(1);
    const text = JSON.stringify(renderPayload(told[0]!.payload, "fr"));
    expect(text).toContain("Une vente est arrivée");
    expect(text).toContain("+25 points");
    expect(await cycleBalance(t.db, inf.id, (await currentCycle(t.db, deps().clock)).id)).toBe(25);

    const report = await measurementReport(deps(), OPERATOR, { missionId: mission.id });
    expect(report.ok && report.value.missions[0]).toMatchObject({ conversions: 1, revenue: 80, points: 25, conversionPoints: 25, cost: 2.5 });
  });

  it("given partial refunds then each takes back its share once, rounded on the running total, and a full refund takes back everything", async () => {
    const { inf, code } = await participant("bea", 25);
    const orderId = `B-${provider}`;
    await post({ orderId, amount: "100.00", currency: "EUR", code });
    expect(await post({ orderId, refundId: "r1", amount: "50.00", currency: "EUR" })).toEqual({ ok: true, duplicate: false });
    expect(await post({ orderId, refundId: "r1", amount: "50.00", currency: "EUR" })).toEqual({ ok: true, duplicate: true });
    // 25 × 50 / 100 = 12.5 → 13 taken back
    expect((await entries(inf.id)).map((e) => e.amount)).toEqual([25, -13]);
    await post({ orderId, refundId: "r2", amount: "30.00", currency: "EUR" }); // total 80 % → 20 → 7 more
    await post({ orderId, refundId: "r3", amount: "20.00", currency: "EUR" }); // total 100 % → 25 → 5 more
    await post({ orderId, refundId: "r4", amount: "5.00", currency: "EUR" }); // over-refunded: nothing more
    const rows = await entries(inf.id);
    expect(rows.map((e) => e.amount)).toEqual([25, -13, -7, -5]);
    expect(rows.map((e) => e.idempotencyKey).slice(1)).toEqual(["r1", "r2", "r3"].map((r) => `conversion:${orderId}:refund:${r}`));
    const told = await notices(inf.id);
    expect(told.map((n) => n.purpose)).toEqual(["conversion.points", "conversion.refunded", "conversion.refunded", "conversion.refunded"]);
    expect(JSON.stringify(renderPayload(told[1]!.payload, "fr"))).toContain("a été remboursée : −13 points");
  });

  it("given a conversion stored before a crash paid its points then the shop's retry pays them, and the CSV import pays inside its transaction", async () => {
    const { inf, mission, code } = await participant("cy", 7);
    const d = deps();
    // the row a crashed process left behind: recorded, not yet paid
    await t.db.conversion.create({ data: { externalId: `order:C-${provider}`, kind: "order", orderId: `C-${provider}`, amountMinor: 1000, currency: "EUR", attribution: "code", missionId: mission.id, influencerId: inf.id, discountCode: code, source: "postback" } });
    expect(await entries(inf.id)).toHaveLength(0);
    expect(await post({ orderId: `C-${provider}`, amount: "10.00", currency: "EUR", code })).toEqual({ ok: true, duplicate: true });
    expect((await entries(inf.id)).map((e) => e.amount)).toEqual([7]);

    const file = join(dir, `orders-${provider}.csv`);
    writeFileSync(file, `orderId,amount,currency,code\nC-${provider},10.00,EUR,${code}\nD-${provider},12.00,EUR,${code}\nE-${provider},3.00,EUR,NOBODY\n`);
    const imported = await COMMANDS["conversions import"]!.run(d, parseArgs(["conversions", "import", file]), OPERATOR);
    expect(imported).toMatchObject({ ok: true, value: { data: { recorded: 2, duplicates: 1 } } });
    expect((await entries(inf.id)).map((e) => e.amount)).toEqual([7, 7]);
    expect(await notices(inf.id)).toHaveLength(2);
  });

  it("given no points per sale, an unattributed order or an erased person then nothing is paid", async () => {
    const { inf: none, code: noneCode } = await participant("dee", 0);
    await post({ orderId: `F-${provider}`, amount: "10.00", currency: "EUR", code: noneCode });
    expect(await entries(none.id)).toHaveLength(0);
    const { inf: gone, code: goneCode } = await participant("eve", 9);
    await t.db.influencer.update({ where: { id: gone.id }, data: { deletedAt: deps().clock.now(), status: "deleted" } });
    await post({ orderId: `G-${provider}`, amount: "10.00", currency: "EUR", code: goneCode });
    expect(await entries(gone.id)).toHaveLength(0);
    const before = await t.db.ledgerEntry.count({ where: { kind: "conversion" } });
    await post({ orderId: `H-${provider}`, amount: "10.00", currency: "EUR", code: "UNKNOWN-CODE" });
    expect(await t.db.ledgerEntry.count({ where: { kind: "conversion" } })).toBe(before);
  });
});

describe("pointsPerConversion in the mission form and on the card", () => {
  const base = { title: "T", brief: "B", hashtags: "#ad", networks: "instagram", points: "10", deadline: "2030-01-01" };
  const ctx = { disclosureTag: "#ad", now: new Date("2026-01-05T09:00:00Z") };
  it("given a form or file value then a whole number from 0 is kept, blank is 0, anything else names the field", () => {
    const kept = parseMissionForm({ ...base, pointsPerConversion: "12" }, ctx);
    expect(kept.ok && missionData(kept.value).pointsPerConversion).toBe(12);
    const fromFile = parseMissionForm({ ...base, pointsPerConversion: 3 }, ctx);
    expect(fromFile.ok && missionData(fromFile.value).pointsPerConversion).toBe(3);
    const blank = parseMissionForm({ ...base, pointsPerConversion: "" }, ctx);
    expect(blank.ok && missionData(blank.value).pointsPerConversion).toBe(0);
    for (const bad of ["-1", "2.5", "lots", 2_000_000]) {
      expect(parseMissionForm({ ...base, pointsPerConversion: bad }, ctx)).toEqual({ ok: false, errors: [{ field: "pointsPerConversion", messageId: "manage.form.points_per_conversion" }] });
    }
  });
  it("given a mission paying per sale then its card says how much, in the reader's language, and a mission that does not says nothing", () => {
    const m = { id: 1, title: "T", brief: "B", dos: [], donts: [], hashtags: ["#ad"], mentions: [], networks: ["instagram"], points: 10, deadline: new Date("2030-01-01") };
    expect(JSON.stringify(missionCard({ ...m, pointsPerConversion: 5 }, "it"))).toContain("Per vendita tramite il tuo link o codice:");
    expect(JSON.stringify(missionCard({ ...m, pointsPerConversion: 5 }, "it"))).toContain("5 punti");
    expect(JSON.stringify(missionCard(m, "it"))).not.toContain("Per vendita");
  });
});
