// Referrals from the managers' side (issue 21): who referred whom (the dashboard profile, the
// directory, the export) and the program's referral figures (stats and `advo referral report`).
// Grouped queries, a fixed number whatever the number of people.
import type { Db } from "../db/client.js";
import { clientProvider } from "./bulk-insert.js";
import { ok, type Result } from "../result.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";

export interface PersonRef {
  id: number;
  name: string | null;
}

export interface ReferralFigures {
  /** personal codes members asked for */
  codes: number;
  /** people who joined with a member's code (erased people not counted) */
  joined: number;
  /** of them, who finished onboarding */
  onboarded: number;
  /** referral payments for a first approved post */
  firstPosts: number;
  /** points paid to referrers, both stages */
  points: number;
  top: (PersonRef & { referred: number })[];
}

/**
 * Referral ledger keys start with "referral:". Prisma's startsWith is a LIKE no SQLite index can
 * answer (a scan of the whole ledger on every overview), so on SQLite the same prefix is also
 * given as a key range, which under SQLite's byte-wise (BINARY) order holds exactly the keys with
 * that prefix (";" follows ":"). PostgreSQL answers the LIKE from a text_pattern_ops index
 * (migration overview_indexes), where a range would depend on the database's collation.
 */
function referralKeys(db: Db, endsWith?: string) {
  const range = clientProvider(db) === "sqlite" ? { gte: "referral:", lt: "referral;" } : {};
  return { idempotencyKey: { startsWith: "referral:", ...(endsWith ? { endsWith } : {}), ...range } };
}

/**
 * Who joined with a member's code (not erased) and how many of them finished onboarding, and the
 * five codes that brought the most: read from the codes (Invitation.referrerId, few) to the people
 * who used them (index on Influencer.invitationId), not by a pass over every person.
 */
async function referred(db: Db): Promise<{ joined: number; onboarded: number; byCode: { invitationId: number; referred: number }[] }> {
  const from = `FROM "Invitation" v JOIN "Influencer" i ON i."invitationId" = v."id" WHERE v."referrerId" IS NOT NULL AND i."deletedAt" IS NULL`;
  const [[totals], byCode] = await Promise.all([
    db.$queryRawUnsafe<{ joined: unknown; onboarded: unknown }[]>(`SELECT COUNT(*) AS "joined", SUM(CASE WHEN i."status" IN ('active', 'paused') THEN 1 ELSE 0 END) AS "onboarded" ${from}`),
    db.$queryRawUnsafe<{ invitationId: unknown; referred: unknown }[]>(`SELECT v."id" AS "invitationId", COUNT(*) AS "referred" ${from} GROUP BY v."id" ORDER BY COUNT(*) DESC, v."id" LIMIT 5`),
  ]);
  return {
    joined: Number(totals?.joined ?? 0), onboarded: Number(totals?.onboarded ?? 0),
    byCode: byCode.map((b) => ({ invitationId: Number(b.invitationId), referred: Number(b.referred) })),
  };
}

export async function referralFigures(db: Db): Promise<ReferralFigures> {
  const [codes, { joined, onboarded, byCode }, firstPosts, points] = await Promise.all([
    db.invitation.count({ where: { referrerId: { not: null } } }),
    referred(db),
    db.ledgerEntry.count({ where: referralKeys(db, ":first_post") }),
    db.ledgerEntry.aggregate({ where: referralKeys(db), _sum: { amount: true } }),
  ]);
  const invitations = byCode.length
    ? await db.invitation.findMany({ where: { id: { in: byCode.map((b) => b.invitationId) } }, select: { id: true, referrerId: true } })
    : [];
  const names = await namesOf(db, invitations.map((i) => i.referrerId!));
  const referrerOf = new Map(invitations.map((i) => [i.id, i.referrerId!]));
  const top = byCode.map((b) => {
    const id = referrerOf.get(b.invitationId)!;
    return { id, name: names.get(id) ?? null, referred: b.referred };
  });
  return { codes, joined, onboarded, firstPosts, points: points._sum.amount ?? 0, top };
}

export async function referralReport(deps: Deps, actor: Actor): Promise<Result<ReferralFigures>> {
  const refused = await requireManager(deps, actor, "report.view");
  if (refused) return refused;
  return ok(await referralFigures(deps.db));
}

/** Who brought this person, and whom they brought (newest first, at most 100). */
export async function referralsOf(db: Db, influencerId: number): Promise<{ referredBy: PersonRef | null; referred: (PersonRef & { status: string; joinedAt: Date })[] }> {
  const [me, code] = await Promise.all([
    db.influencer.findUnique({ where: { id: influencerId }, select: { invitation: { select: { referrerId: true } } } }),
    db.invitation.findUnique({ where: { referrerId: influencerId }, select: { id: true } }),
  ]);
  const referrerId = me?.invitation?.referrerId ?? null;
  const [referrer, referred] = await Promise.all([
    referrerId ? db.influencer.findUnique({ where: { id: referrerId }, select: { id: true, displayName: true, deletedAt: true } }) : null,
    code ? db.influencer.findMany({ where: { invitationId: code.id, deletedAt: null }, orderBy: { id: "desc" }, take: 100, select: { id: true, displayName: true, status: true, createdAt: true } }) : [],
  ]);
  return {
    referredBy: referrer && !referrer.deletedAt ? { id: referrer.id, name: referrer.displayName } : null,
    referred: referred.map((r) => ({ id: r.id, name: r.displayName, status: r.status, joinedAt: r.createdAt })),
  };
}

/** Referrer per person for a page of people (directory, export): two queries. */
export async function referrersOf(db: Db, people: { id: number; invitationId: number | null }[]): Promise<Map<number, PersonRef>> {
  const invitationIds = [...new Set(people.flatMap((p) => (p.invitationId ? [p.invitationId] : [])))];
  if (!invitationIds.length) return new Map();
  const codes = await db.invitation.findMany({ where: { id: { in: invitationIds }, referrerId: { not: null } }, select: { id: true, referrerId: true } });
  const names = await namesOf(db, codes.map((c) => c.referrerId!));
  const byCode = new Map(codes.map((c) => [c.id, c.referrerId!]));
  const out = new Map<number, PersonRef>();
  for (const p of people) {
    const referrerId = p.invitationId ? byCode.get(p.invitationId) : undefined;
    if (referrerId && names.has(referrerId)) out.set(p.id, { id: referrerId, name: names.get(referrerId) ?? null });
  }
  return out;
}

/** Display names of people not erased (an erased referrer is shown as nobody). */
async function namesOf(db: Db, ids: number[]): Promise<Map<number, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db.influencer.findMany({ where: { id: { in: [...new Set(ids)] }, deletedAt: null }, select: { id: true, displayName: true } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** For a profile card: who brought this person, and how many (not erased) joined with their code. */
export async function referralSummary(db: Db, influencerId: number): Promise<{ referredBy: PersonRef | null; referredCount: number }> {
  const [me, code] = await Promise.all([
    db.influencer.findUnique({ where: { id: influencerId }, select: { invitation: { select: { referrerId: true } } } }),
    db.invitation.findUnique({ where: { referrerId: influencerId }, select: { id: true } }),
  ]);
  const referrerId = me?.invitation?.referrerId ?? null;
  const [names, referredCount] = await Promise.all([
    referrerId ? namesOf(db, [referrerId]) : new Map<number, string | null>(),
    code ? db.influencer.count({ where: { invitationId: code.id, deletedAt: null } }) : 0,
  ]);
  return { referredBy: referrerId && names.has(referrerId) ? { id: referrerId, name: names.get(referrerId) ?? null } : null, referredCount };
}
