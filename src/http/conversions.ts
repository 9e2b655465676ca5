// POST /conversions (Advo's signed postback), /conversions/shopify and /conversions/woocommerce.
// Each is 404 while its secret is unset. Order of checks: size → signature on the raw bytes
// (401, nothing stored) → JSON → fields (400 naming the field) → idempotent record (200).
import { Hono, type Context } from "hono";
import { fromShopify, fromWooCommerce } from "../domain/shop-webhooks.js";
import { parseConversion, recordConversion, type ConversionRecord } from "../services/conversions.js";
import type { Deps } from "../services/deps.js";
import { verifyAdvoSignature, verifyBase64BodySignature } from "./signatures.js";

const MAX_BODY = 256 * 1024;

async function rawBody(c: Context): Promise<Buffer | null> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > MAX_BODY) return null;
  const buf = Buffer.from(await c.req.arrayBuffer());
  return buf.length > MAX_BODY ? null : buf;
}

function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw.toString("utf8")) };
  } catch {
    return { ok: false };
  }
}

export function conversionRoutes(deps: Pick<Deps, "db" | "clock" | "config" | "log">): Hono {
  const app = new Hono();
  const bad = (c: Context, field: string) => c.json({ ok: false, error: "invalid", field }, 400);
  const unauthorized = (c: Context) => c.json({ ok: false, error: "unauthorized" }, 401);
  const tooLarge = (c: Context) => c.json({ ok: false, error: "too_large" }, 413);

  async function store(c: Context, recs: ConversionRecord[]) {
    let duplicate = recs.length > 0;
    for (const r of recs) if (!(await recordConversion(deps, r)).duplicate) duplicate = false;
    return c.json({ ok: true, duplicate });
  }

  app.post("/conversions", async (c) => {
    const secrets = deps.config.CONVERSION_SECRET;
    if (!secrets.length) return c.text("not found", 404);
    const raw = await rawBody(c);
    if (!raw) return tooLarge(c);
    if (!verifyAdvoSignature(secrets, raw, c.req.header("x-advo-timestamp"), c.req.header("x-advo-signature"), deps.clock.now().getTime())) return unauthorized(c);
    const json = parseJson(raw);
    if (!json.ok) return bad(c, "body");
    const parsed = parseConversion(json.value, "postback", deps.clock.now());
    if (!parsed.ok) return bad(c, parsed.field);
    return store(c, [parsed.value]);
  });

  const shop = (name: "shopify" | "woocommerce", secretsOf: () => string[], header: string, map: (c: Context, body: unknown) => ReturnType<typeof fromWooCommerce>) =>
    app.post(`/conversions/${name}`, async (c) => {
      const secrets = secretsOf();
      if (!secrets.length) return c.text("not found", 404);
      const raw = await rawBody(c);
      if (!raw) return tooLarge(c);
      if (!verifyBase64BodySignature(secrets, raw, c.req.header(header))) return unauthorized(c);
      if (!raw.length && name === "woocommerce") return c.json({ ok: true, duplicate: false }); // WooCommerce's ping on webhook creation
      const json = parseJson(raw);
      if (!json.ok) return bad(c, "body");
      const mapped = map(c, json.value);
      if (!mapped.ok) return bad(c, mapped.field);
      const now = deps.clock.now();
      return store(c, mapped.value.map((v) => ({ ...v, at: v.at ?? now, source: name })));
    });
  shop("shopify", () => deps.config.SHOPIFY_WEBHOOK_SECRET, "x-shopify-hmac-sha256", (c, body) => fromShopify(c.req.header("x-shopify-topic") ?? "orders/create", body));
  shop("woocommerce", () => deps.config.WOOCOMMERCE_WEBHOOK_SECRET, "x-wc-webhook-signature", (_c, body) => fromWooCommerce(body));
  return app;
}
