// The influencers export reads each page in ONE query (src/exports/sources.ts). Its CSV must be
// the one the former reading gave — Prisma's findMany with handles and invitation included, under
// the directory's Prisma where (directoryWhere) — byte for byte, on both databases: names with
// commas, quotes and formula starts, no name, several handles, tags, a referrer, dates, erased
// people, and with each of the directory's filters, over several small pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvStream } from "../../src/exports/csv.js";
import { exportSource } from "../../src/exports/sources.js";
import type { Db } from "../../src/db/client.js";
import { directoryWhere, type DirectoryQuery } from "../../src/web/directory.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";

/** The former page read and row, kept here as the rule the new query is held to. */
async function* formerRows(db: Db, query: Omit<DirectoryQuery, "page">, take: number): AsyncGenerator<unknown[]> {
  const where = directoryWhere(db, { ...query, page: 1 });
  for (let after = 0; ;) {
    const page = await db.influencer.findMany({ where: { ...where, id: { gt: after } }, orderBy: { id: "asc" }, take, include: { handles: { select: { network: true, handle: true }, orderBy: { id: "asc" } }, invitation: { select: { referrerId: true } } } });
    for (const r of page) yield [r.id, r.displayName, r.status, r.locale ?? r.platformLocale, r.timezone, r.region, r.handles.map((h) => `${h.network}:@${h.handle}`).join(" "), r.tags, r.activatedAt, r.createdAt, r.invitation?.referrerId ?? null];
    if (page.length < take) return;
    after = page[page.length - 1]!.id;
  }
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = "";
  for await (const chunk of stream) out += String(chunk);
  return out;
}

const FILTERS: Array<Omit<DirectoryQuery, "page">> = [{}, { q: "anna" }, { q: "@insta" }, { status: "active", network: "tiktok" }, { language: "it" }, { q: "zzz" }];

describe.each(testProviders())("influencers export on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    const referrer = await t.db.influencer.create({ data: { displayName: "Anna, \"the\" referrer", status: "active", locale: "it", tags: ["vip", "milano"], activatedAt: new Date("2026-11-02T10:00:00Z"), handles: { create: [{ network: "instagram", handle: "insta_anna" }, { network: "tiktok", handle: "anna.tt" }] } } });
    const code = await t.db.invitation.create({ data: { code: "REF-ANNA", referrerId: referrer.id } });
    const plain = await t.db.invitation.create({ data: { code: "PLAIN" } });
    for (let n = 0; n < 23; n++) {
      await t.db.influencer.create({
        data: {
          displayName: n % 7 === 0 ? null : n % 5 === 0 ? `=cmd ${n}` : `Person ${n}${n % 3 === 0 ? " Anna" : ""}`,
          status: n % 4 === 0 ? "onboarding" : "active", locale: n % 2 ? "it" : null, platformLocale: n % 3 ? "fr" : null, timezone: n % 2 ? "Europe/Rome" : null, region: n % 6 ? "EU" : null,
          tags: n % 2 ? ["a", "b c"] : [], activatedAt: n % 4 === 0 ? null : new Date(Date.UTC(2026, 10, 1 + n)), deletedAt: n === 9 ? new Date() : null,
          invitationId: n % 3 === 0 ? code.id : n % 3 === 1 ? plain.id : null,
          handles: { create: n % 2 ? [{ network: "tiktok", handle: `tt${n}` }, { network: "instagram", handle: `insta${n}` }] : [] },
        },
      });
    }
  });
  afterAll(async () => t?.destroy());

  it("given each directory filter and pages of 4 then the CSV equals the former reading's byte for byte", async () => {
    let rows = 0;
    for (const directory of FILTERS) {
      const source = exportSource(t.db, "influencers", { pageSize: 4, directory });
      const [now, before] = await Promise.all([text(csvStream(source.header, source.rows)), text(csvStream(source.header, formerRows(t.db, directory, 4)))]);
      expect(now, JSON.stringify(directory)).toBe(before);
      rows += before.split("\r\n").length - 2;
    }
    expect(rows).toBeGreaterThan(30); // the filters do keep people
  });
});
