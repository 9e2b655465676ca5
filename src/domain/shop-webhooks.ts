// Shop webhook payloads → conversion records (pure). Only the fields Advo needs are read; an
// order is matched to an influencer by the discount codes used in it.
import { toMinorUnits } from "./tracking.js";

export interface ShopConversion {
  orderId: string;
  refundId?: string;
  amountMinor: number;
  currency: string;
  codes: string[];
  at?: Date;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | undefined => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);
const date = (v: unknown): Date | undefined => {
  const d = typeof v === "string" ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};

function minor(amount: unknown, currency: string): number | null {
  const a = str(amount)?.replace(/^-/, ""); // WooCommerce writes refunds as negative totals
  return a === undefined ? null : toMinorUnits(a, currency);
}

/**
 * Shopify `orders/create` (or `orders/paid`) and `refunds/create` (topic header). Refund amount =
 * the sum of its refund transactions. Errors name the field.
 */
export function fromShopify(topic: string, body: unknown): { ok: true; value: ShopConversion[] } | { ok: false; field: string } {
  const b = obj(body);
  if (topic.startsWith("refunds/")) {
    const orderId = str(b.order_id);
    const refundId = str(b.id);
    if (!orderId) return { ok: false, field: "order_id" };
    if (!refundId) return { ok: false, field: "id" };
    const txs = arr(b.transactions).filter((t) => t.kind === undefined || t.kind === "refund");
    const currency = str(txs[0]?.currency)?.toUpperCase();
    if (!currency) return { ok: false, field: "transactions" };
    let total = 0;
    for (const t of txs) {
      const m = minor(t.amount, currency);
      if (m === null) return { ok: false, field: "transactions.amount" };
      total += m;
    }
    const at = date(b.created_at);
    return { ok: true, value: total > 0 ? [{ orderId, refundId, amountMinor: total, currency, codes: [], ...(at ? { at } : {}) }] : [] };
  }
  const orderId = str(b.id);
  const currency = str(b.currency)?.toUpperCase();
  if (!orderId) return { ok: false, field: "id" };
  if (!currency) return { ok: false, field: "currency" };
  const amountMinor = minor(b.total_price, currency);
  if (amountMinor === null) return { ok: false, field: "total_price" };
  const codes = arr(b.discount_codes).map((d) => str(d.code)).filter((c): c is string => !!c);
  const at = date(b.created_at);
  return { ok: true, value: [{ orderId, amountMinor, currency, codes, ...(at ? { at } : {}) }] };
}

/** WooCommerce `order.created` / `order.updated`: the order, plus each refund listed in it. */
export function fromWooCommerce(body: unknown): { ok: true; value: ShopConversion[] } | { ok: false; field: string } {
  const b = obj(body);
  const orderId = str(b.id);
  const currency = str(b.currency)?.toUpperCase();
  if (!orderId) return { ok: false, field: "id" };
  if (!currency) return { ok: false, field: "currency" };
  const amountMinor = minor(b.total, currency);
  if (amountMinor === null) return { ok: false, field: "total" };
  const codes = arr(b.coupon_lines).map((c) => str(c.code)).filter((c): c is string => !!c);
  const at = date(b.date_created_gmt ? `${String(b.date_created_gmt).replace(/Z?$/, "Z")}` : undefined);
  const out: ShopConversion[] = [{ orderId, amountMinor, currency, codes, ...(at ? { at } : {}) }];
  for (const r of arr(b.refunds)) {
    const refundId = str(r.id);
    const m = minor(r.total, currency);
    if (!refundId || m === null) return { ok: false, field: "refunds" };
    out.push({ orderId, refundId, amountMinor: m, currency, codes });
  }
  return { ok: true, value: out };
}
