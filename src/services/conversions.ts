// Conversions (orders and refunds) reported by shops. Idempotent: an order id (or an order's
// refund id) is recorded once; a retry answers duplicate. Attribution, in this order:
//   1. the discount code used (a mission's per-influencer code, or a tracking link code),
//   2. else the click id the landing page passed on (advo_click),
//   3. else recorded as unattributed ("none") — counted in the totals, never an error to the shop.
// A refund takes the attribution of its order when the order is known.
import { z } from "zod";
import type { Db } from "../db/client.js";
import { currencyExponent, toMinorUnits } from "../domain/tracking.js";
import { settleConversionPoints } from "./conversion-points.js";
import { isUniqueViolation, type Deps } from "./deps.js";

const idText = z.string().trim().min(1).max(200);

export const conversionSchema = z.object({
  orderId: z.union([idText, z.number().int().nonnegative().transform(String)]),
  amount: z.union([z.string().trim().max(30), z.number().positive()]),
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/).transform((s) => s.toUpperCase()),
  clickId: z.string().trim().max(64).optional(),
  code: z.string().trim().max(100).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  refundId: z.union([idText, z.number().int().nonnegative().transform(String)]).optional(),
});
export type ConversionInput = z.input<typeof conversionSchema>;

export interface ConversionRecord {
  orderId: string;
  refundId?: string | undefined;
  amountMinor: number;
  currency: string;
  clickId?: string | undefined;
  /** discount codes used in the order (the first one that matches wins) */
  codes: string[];
  at: Date;
  source: "postback" | "shopify" | "woocommerce" | "csv";
}

export type Parsed = { ok: true; value: ConversionRecord } | { ok: false; field: string };

/** Validates a postback/CSV row: the field of the first problem, or the record. */
export function parseConversion(input: unknown, source: ConversionRecord["source"], now: Date): Parsed {
  const r = conversionSchema.safeParse(input);
  if (!r.success) return { ok: false, field: String(r.error.issues[0]?.path[0] ?? "body") };
  const v = r.data;
  if (currencyExponent(v.currency) === null) return { ok: false, field: "currency" };
  const amountMinor = toMinorUnits(v.amount, v.currency);
  if (amountMinor === null) return { ok: false, field: "amount" };
  return {
    ok: true,
    value: { orderId: v.orderId, refundId: v.refundId, amountMinor, currency: v.currency, clickId: v.clickId || undefined, codes: v.code ? [v.code] : [], at: v.at ? new Date(v.at) : now, source },
  };
}

interface Attribution {
  attribution: "code" | "click" | "none";
  trackingLinkId: number | null;
  missionId: number | null;
  influencerId: number | null;
  discountCode: string | null;
}

async function attribute(db: Db, rec: ConversionRecord): Promise<Attribution> {
  const codes = rec.codes.map((c) => c.trim().toUpperCase()).filter(Boolean);
  if (codes.length) {
    const dc = await db.discountCode.findFirst({ where: { code: { in: codes }, participationId: { not: null } }, select: { code: true, missionId: true, influencerId: true, participationId: true } });
    if (dc) {
      const link = await db.trackingLink.findUnique({ where: { participationId: dc.participationId! }, select: { id: true } });
      return { attribution: "code", trackingLinkId: link?.id ?? null, missionId: dc.missionId, influencerId: dc.influencerId, discountCode: dc.code };
    }
    const link = await db.trackingLink.findFirst({ where: { code: { in: codes } }, select: { id: true, missionId: true, influencerId: true, code: true } });
    if (link) return { attribution: "code", trackingLinkId: link.id, missionId: link.missionId, influencerId: link.influencerId, discountCode: link.code };
  }
  if (rec.clickId) {
    const click = await db.click.findUnique({ where: { clickId: rec.clickId }, select: { trackingLink: { select: { id: true, missionId: true, influencerId: true } } } });
    if (click) return { attribution: "click", trackingLinkId: click.trackingLink.id, missionId: click.trackingLink.missionId, influencerId: click.trackingLink.influencerId, discountCode: null };
  }
  return { attribution: "none", trackingLinkId: null, missionId: null, influencerId: null, discountCode: null };
}

type ConversionDeps = Pick<Deps, "db" | "clock" | "config">;

/**
 * Records one order or refund; `duplicate` when it was already recorded (shops retry). Then settles
 * its per-conversion points (src/services/conversion-points.ts) — on a duplicate too, so a crash
 * between the two is repaired by the shop's retry; the ledger and outbox keys keep it to once.
 */
export async function recordConversion(deps: ConversionDeps, rec: ConversionRecord): Promise<{ duplicate: boolean }> {
  const db = deps.db;
  const externalId = rec.refundId ? `refund:${rec.orderId}:${rec.refundId}` : `order:${rec.orderId}`;
  const known = await db.conversion.findUnique({ where: { externalId } });
  if (known) {
    await settleConversionPoints(deps, known);
    return { duplicate: true };
  }
  let a: Attribution | null = null;
  if (rec.refundId) {
    const order = await db.conversion.findUnique({ where: { externalId: `order:${rec.orderId}` } });
    if (order) a = { attribution: order.attribution as Attribution["attribution"], trackingLinkId: order.trackingLinkId, missionId: order.missionId, influencerId: order.influencerId, discountCode: order.discountCode };
  }
  a ??= await attribute(db, rec);
  try {
    const saved = await db.conversion.create({
      data: {
        externalId, kind: rec.refundId ? "refund" : "order", orderId: rec.orderId, refundId: rec.refundId ?? null,
        amountMinor: rec.amountMinor, currency: rec.currency, clickId: rec.clickId ?? null, at: rec.at, source: rec.source, ...a,
      },
    });
    await settleConversionPoints(deps, saved);
    return { duplicate: false };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // the same order arriving twice at once: the winner's row settles the points (once, by key)
    const winner = await db.conversion.findUnique({ where: { externalId } });
    if (winner) await settleConversionPoints(deps, winner);
    return { duplicate: true };
  }
}

/** All rows or none: a CSV import is one transaction after every row validated. */
export async function recordConversions(deps: ConversionDeps, recs: ConversionRecord[]): Promise<{ recorded: number; duplicates: number }> {
  let recorded = 0;
  let duplicates = 0;
  await deps.db.$transaction(async (tx) => {
    for (const r of recs) {
      if ((await recordConversion({ ...deps, db: tx as unknown as Db }, r)).duplicate) duplicates++;
      else recorded++;
    }
  }, { timeout: 120_000 });
  return { recorded, duplicates };
}
