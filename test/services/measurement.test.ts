// Measurement services over real HTTP and a real database: Shopify and WooCommerce webhooks
// (their signatures, matched by discount code), the CSV import (line-numbered, all or nothing),
// discount code pools under concurrency, "your links" in /points and `/advo report`.
import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { HttpServer } from "../../src/http/server.js";
import { conversionRoutes } from "../../src/http/conversions.js";
import { silentLogger } from "../../src/logger.js";
import { parseArgs } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { OPERATOR } from "../../src/services/managers.js";
import { acceptMission } from "../../src/services/missions.js";
import { createEngine } from "../../src/engine/engine.js";
import { FakeUser } from "../engine/harness.js";
import { seedMember, seedMission } from "../engine/seed.js";

const b64 = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("base64");
const dir = mkdtempSync(join(tmpdir(), "advo-measure-"));

describe.each(testProviders())("measurement services on %s", (provider) => {
  let t: TestDatabase;
  let http: HttpServer;
  let base: string;
  const config = { SHOPIFY_WEBHOOK_SECRET: "shp", WOOCOMMERCE_WEBHOOK_SECRET: "wc", MANAGERS: "console:boss", PUBLIC_URL: "https://go.example" };
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    http = new HttpServer(silentLogger);
    http.mount(conversionRoutes(testDeps(t, config)));
    base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await http?.close();
    await t?.destroy();
  });

  it("given an imported pool then concurrent accepts each get a different code, once, and an exhausted pool falls back to the prefix", async () => {
    const deps = testDeps(t, config);
    const m = await seedMission(deps, { title: "Pool" });
    await t.db.mission.update({ where: { id: m.id }, data: { discountPrefix: "POOL" } });
    const file = join(dir, `codes-${provider}.csv`);
    writeFileSync(file, "code\nshop-a1\nSHOP-B2\nbad code!\n");
    const refused = await COMMANDS["codes import"]!.run(deps, parseArgs(["codes", "import", "--mission", String(m.id), file]), OPERATOR);
    expect(refused).toMatchObject({ ok: false, error: "manage.codes.invalid_rows", params: { rows: "4" } });
    expect(await t.db.discountCode.count()).toBe(0);
    writeFileSync(file, "code\nshop-a1\nSHOP-B2\n");
    expect(await COMMANDS["codes import"]!.run(deps, parseArgs(["codes", "import", "--mission", String(m.id), file]), OPERATOR)).toMatchObject({ ok: true, value: { data: { imported: 2 } } });
    const people = await Promise.all(["p1", "p2", "p3"].map((id) => seedMember(deps, `pool-${id}-${provider}`)));
    const accepted = await Promise.all(people.map((p) => acceptMission(deps, p.id, m.id)));
    const codes = accepted.map((r) => (r.ok ? r.value.discountCode : null));
    expect(codes.filter((c) => c === "SHOP-A1" || c === "SHOP-B2").sort()).toEqual(["SHOP-A1", "SHOP-B2"]);
    expect(codes.filter((c) => c?.startsWith("POOL-"))).toHaveLength(1);
    const again = await acceptMission(deps, people[0]!.id, m.id); // already accepted: no second code
    expect(again.ok).toBe(false);
    expect(await t.db.discountCode.count({ where: { missionId: m.id } })).toBe(3);
  });

  it("given Shopify and WooCommerce webhooks then only their signatures are accepted and orders match by discount code", async () => {
    const deps = testDeps(t, config);
    const inf = await seedMember(deps, `shopper-${provider}`);
    const m = await seedMission(deps, { title: "Shops" });
    await t.db.mission.update({ where: { id: m.id }, data: { discountPrefix: "SHOPS" } });
    const r = await acceptMission(deps, inf.id, m.id);
    const code = r.ok ? r.value.discountCode! : "";
    const order = JSON.stringify({ id: 820982911946154500, total_price: "199.00", currency: "USD", created_at: "2026-01-05T10:00:00-05:00", discount_codes: [{ code: code.toLowerCase(), amount: "10.00" }] });
    const send = (path: string, body: string, headers: Record<string, string>) => fetch(`${base}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
    expect((await send("/conversions/shopify", order, { "x-shopify-hmac-sha256": b64("wrong", order), "x-shopify-topic": "orders/create" })).status).toBe(401);
    expect(await (await send("/conversions/shopify", order, { "x-shopify-hmac-sha256": b64("shp", order), "x-shopify-topic": "orders/create" })).json()).toEqual({ ok: true, duplicate: false });
    expect(await (await send("/conversions/shopify", order, { "x-shopify-hmac-sha256": b64("shp", order), "x-shopify-topic": "orders/create" })).json()).toEqual({ ok: true, duplicate: true });
    const refund = JSON.stringify({ id: 509562969, order_id: 820982911946154500, transactions: [{ kind: "refund", amount: "41.94", currency: "USD" }] });
    expect(await (await send("/conversions/shopify", refund, { "x-shopify-hmac-sha256": b64("shp", refund), "x-shopify-topic": "refunds/create" })).json()).toEqual({ ok: true, duplicate: false });
    const saved = await t.db.conversion.findMany({ where: { orderId: "820982911946154500" }, orderBy: { id: "asc" } });
    expect(saved.map((c) => [c.kind, c.amountMinor, c.attribution, c.influencerId, c.source])).toEqual([["order", 19900, "code", inf.id, "shopify"], ["refund", 4194, "code", inf.id, "shopify"]]);

    const woo = JSON.stringify({ id: 727, total: "29.35", currency: "EUR", date_created_gmt: "2026-01-05T10:00:00", coupon_lines: [{ code }], refunds: [{ id: 1, total: "-5.00" }] });
    expect((await send("/conversions/woocommerce", woo, { "x-wc-webhook-signature": b64("shp", woo) })).status).toBe(401);
    expect(await (await send("/conversions/woocommerce", woo, { "x-wc-webhook-signature": b64("wc", woo) })).json()).toEqual({ ok: true, duplicate: false });
    expect(await t.db.conversion.count({ where: { orderId: "727", influencerId: inf.id } })).toBe(2);
    const bad = JSON.stringify({ id: 728, total: "abc", currency: "EUR" });
    const res = await send("/conversions/woocommerce", bad, { "x-wc-webhook-signature": b64("wc", bad) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: "total" });
    // the postback without CONVERSION_SECRET does not exist
    expect((await send("/conversions", "{}", {})).status).toBe(404);
  });

  it("given an orders CSV then bad rows are listed by line and nothing is imported; a clean file imports once", async () => {
    const deps = testDeps(t, config);
    const file = join(dir, `orders-${provider}.csv`);
    writeFileSync(file, 'orderId,amount,currency,code\nC-1,10.50,EUR,\nC-2,"1,5",EUR,\nC-3,12,XXX,\n');
    const r = await COMMANDS["conversions import"]!.run(deps, parseArgs(["conversions", "import", file]), OPERATOR);
    expect(r).toMatchObject({ ok: false, error: "conversions.csv_invalid_rows", params: { rows: "3:amount, 4:currency" } });
    expect(await t.db.conversion.count({ where: { source: "csv" } })).toBe(0);
    writeFileSync(file, "orderId,amount,currency\r\nC-1,10.50,EUR\r\nC-1,10.50,EUR\r\nC-2,3,JPY\r\n");
    expect(await COMMANDS["conversions import"]!.run(deps, parseArgs(["conversions", "import", file]), OPERATOR)).toMatchObject({ ok: true, value: { data: { recorded: 2, duplicates: 1 } } });
    expect(await COMMANDS["conversions import"]!.run(deps, parseArgs(["conversions", "import", file]), OPERATOR)).toMatchObject({ ok: true, value: { data: { recorded: 0, duplicates: 3 } } });
    expect(await COMMANDS["report"]!.run(deps, parseArgs(["report", "--cycle", "424242"]), OPERATOR)).toMatchObject({ ok: false, error: "report.cycle_not_found" });
  });

  it("given clicks and sales then /points shows the influencer their links and /advo report shows managers the figures", async () => {
    const deps = testDeps(t, config);
    const engine = createEngine(deps);
    const inf = await seedMember(deps, `linker-${provider}`);
    const m = await seedMission(deps, { title: "Linked" });
    await t.db.mission.update({ where: { id: m.id }, data: { landingUrl: "https://shop.example/l" } });
    const r = await acceptMission(deps, inf.id, m.id);
    const link = await t.db.trackingLink.findFirstOrThrow({ where: { influencerId: inf.id, missionId: m.id } });
    expect(r.ok && r.value.trackingUrl).toBe(`https://go.example/t/${link.code}`);
    await t.db.click.createMany({ data: [{ trackingLinkId: link.id, clickId: `c1-${provider}` }, { trackingLinkId: link.id, clickId: `c2-${provider}` }, { trackingLinkId: link.id, preview: true }] });
    await t.db.conversion.create({ data: { externalId: `order:L-${provider}`, orderId: `L-${provider}`, amountMinor: 1000, currency: "EUR", attribution: "click", trackingLinkId: link.id, missionId: m.id, influencerId: inf.id } });
    const user = new FakeUser(engine, `linker-${provider}`);
    await user.command("/points");
    expect(user.last.map((x) => x.text).join("\n")).toContain("Linked: 2 clicks · 1 sale");
    const boss = new FakeUser(engine, "boss");
    await boss.command(`/advo report --mission ${m.id}`);
    const text = boss.last.map((x) => x.text).join("\n");
    expect(text).toContain(`Linked (#${m.id}): accepted 1, approved 0 · clicks 2 (unique 0), previews 1 · sales 1, revenue €10.00`);
    expect(text).toContain("sum of daily unique visitors");
  });
});
