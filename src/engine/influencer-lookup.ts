// Who is talking: the influencer behind a platform account, read once per event. The common case
// is ONE statement by primary key: this process remembers which influencer an account belonged to,
// and the read checks in SQL that the account still belongs to them (EXISTS on the account's
// index), so a stale memory can never give a wrong answer — it only costs the two-statement path.
// (Prisma reads `account include influencer` in two statements, and a lookup from the influencer
// side by account alone makes SQLite scan every influencer.)
import type { Db } from "../db/client.js";
import type { Influencer } from "../db/generated/sqlite/client.js";
import { BoundedMap } from "../bounded-map.js";

const REMEMBERED_MAX = 10_000;
const remembered = new WeakMap<Db, BoundedMap<string, number>>();

export async function influencerOfAccount(db: Db, platform: string, externalId: string): Promise<Influencer | null> {
  let ids = remembered.get(db);
  if (!ids) remembered.set(db, (ids = new BoundedMap(REMEMBERED_MAX)));
  const key = `${platform}:${externalId}`;
  const id = ids.get(key);
  if (id !== undefined) {
    const inf = await db.influencer.findFirst({ where: { id, status: { not: "deleted" }, accounts: { some: { platform, externalId } } } });
    if (inf) return inf;
  }
  const account = await db.platformAccount.findUnique({ where: { platform_externalId: { platform, externalId } }, include: { influencer: true } });
  const inf = account?.influencer;
  if (!inf || inf.status === "deleted") {
    ids.delete(key);
    return null;
  }
  ids.set(key, inf.id);
  return inf;
}
