// THE rule for where a program message reaches someone: of their reachable platform accounts,
// the one used most recently (updatedAt; a tie goes to the older account). It lives in SQL only,
// so the cycle close's set-based notices, the audience of broadcasts and the jobs' contacts
// cannot drift apart.
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";
import { clientProvider } from "./bulk-insert.js";
import { inChunks } from "./deps.js";

/**
 * One row per influencer with a reachable account: "influencerId", "platform", "recipient"
 * (the remembered chat id, else the platform user id). Use as a derived table. `accountFilter`
 * is an extra condition on the accounts (alias a), written inside so every database can use it
 * before the window function runs.
 */
export const preferredAccountsSql = (accountFilter = "TRUE") => `(SELECT r."influencerId", r."platform", r."recipient" FROM (
    SELECT a."influencerId" AS "influencerId", a."platform" AS "platform", COALESCE(a."chatId", a."externalId") AS "recipient",
           ROW_NUMBER() OVER (PARTITION BY a."influencerId" ORDER BY a."updatedAt" DESC, a."id" ASC) AS "n"
    FROM "PlatformAccount" a WHERE a."unreachableAt" IS NULL AND (${accountFilter})) r WHERE r."n" = 1)`;

export interface PreferredAccount {
  platform: Platform;
  recipient: string;
}

/**
 * The preferred account of each of these influencers, in chunks of 1,000 bound ids; "all" reads
 * the whole program in one query (a broadcast to everyone).
 */
export async function preferredAccounts(db: Db, influencerIds: number[] | "all"): Promise<Map<number, PreferredAccount>> {
  const out = new Map<number, PreferredAccount>();
  const read = async (filter: string, args: number[]) => {
    const rows = await db.$queryRawUnsafe<{ influencerId: number | bigint; platform: string; recipient: string }[]>(
      `SELECT p."influencerId" AS "influencerId", p."platform" AS "platform", p."recipient" AS "recipient" FROM ${preferredAccountsSql(filter)} p`,
      ...args,
    );
    for (const r of rows) out.set(Number(r.influencerId), { platform: r.platform as Platform, recipient: r.recipient });
  };
  if (influencerIds === "all") {
    await read("TRUE", []);
    return out;
  }
  const pg = clientProvider(db) === "postgresql";
  await inChunks([...new Set(influencerIds)], 1000, (ids) =>
    read(`a."influencerId" IN (${ids.map((_, i) => (pg ? `$${i + 1}` : "?")).join(", ")})`, ids));
  return out;
}
