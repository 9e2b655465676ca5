// Webhook signatures, checked on the raw body bytes before anything parses them; comparisons are
// constant-time and every configured secret is tried (rotation: old and new side by side).
import { createHmac, timingSafeEqual } from "node:crypto";

const MAX_SKEW_SECONDS = 5 * 60;

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Advo's own scheme: `X-Advo-Timestamp: <unix seconds>` and
 * `X-Advo-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`, ±5 minutes.
 */
export function verifyAdvoSignature(secrets: string[], raw: Buffer, timestamp: string | undefined, signature: string | undefined, nowMs: number): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  const m = /^sha256=([0-9a-f]{64})$/.exec(signature.trim());
  if (!m) return false;
  const given = Buffer.from(m[1]!, "hex");
  const signed = Buffer.concat([Buffer.from(`${timestamp}.`), raw]);
  return secrets.some((s) => safeEqual(createHmac("sha256", s).update(signed).digest(), given));
}

/** Shopify (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`): base64 HMAC-SHA256 of the raw body. */
export function verifyBase64BodySignature(secrets: string[], raw: Buffer, signature: string | undefined): boolean {
  if (!signature || !/^[A-Za-z0-9+/]{43}=$/.test(signature.trim())) return false;
  const given = Buffer.from(signature.trim(), "base64");
  return secrets.some((s) => safeEqual(createHmac("sha256", s).update(raw).digest(), given));
}

/** For tests, docs and shop-side scripts: the headers a sender puts on a body. */
export function signAdvo(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return { "x-advo-timestamp": String(timestamp), "x-advo-signature": `sha256=${sig}` };
}
