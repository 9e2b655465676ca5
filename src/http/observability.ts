// GET /metrics (Prometheus text; with METRICS_TOKEN set, only with `Authorization: Bearer <token>`,
// compared in constant time) and GET /readyz (200 when the database answers and every started
// platform says it is reachable, 503 otherwise, with the reason per check). /healthz stays the
// fast liveness probe (health.ts).
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";

export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

export interface ObservabilityDeps {
  scrape(): Promise<{ contentType: string; body: string }>;
  /** METRICS_TOKEN */
  token?: string | undefined;
  /** evaluated on every /readyz */
  checks(): ReadinessCheck[];
  /** per check; a hanging platform must not hang the probe (default 3 s) */
  checkTimeoutMs?: number;
}

export function observabilityRoutes(deps: ObservabilityDeps): Hono {
  const app = new Hono();
  app.get("/metrics", async (c) => {
    if (deps.token && !bearerMatches(c.req.header("authorization"), deps.token)) {
      return c.text("unauthorized", 401, { "www-authenticate": 'Bearer realm="metrics"' });
    }
    const { contentType, body } = await deps.scrape();
    return c.body(body, 200, { "content-type": contentType, "cache-control": "no-store" });
  });
  app.get("/readyz", async (c) => {
    const results = await Promise.all(deps.checks().map(async (k) => [k.name, await within(k.check(), deps.checkTimeoutMs ?? 3000)] as const));
    const ready = results.every(([, ok]) => ok);
    const checks = Object.fromEntries(results.map(([name, ok]) => [name, ok ? "ok" : "unavailable"]));
    return c.json({ status: ready ? "ready" : "not ready", checks }, ready ? 200 : 503);
  });
  return app;
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1] ?? "";
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

async function within(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A probe asked at most once per `ttlMs` (a platform API must not be called on every /readyz). */
export function cachedCheck(check: () => Promise<boolean>, ttlMs = 15_000): () => Promise<boolean> {
  let last: { at: number; value: Promise<boolean> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > ttlMs) last = { at: now, value: check().catch(() => false) };
    return last.value;
  };
}
