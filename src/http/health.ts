// GET /healthz: 200 when the database answers, 503 otherwise; also the last job runs. It stays
// fast and never asks the chat platforms (that is /readyz, src/http/observability.ts).
import { Hono } from "hono";
import type { Database } from "../db/client.js";

export type HealthExtra = () => Promise<Record<string, unknown>>;

export function healthRoutes(database: Pick<Database, "ping" | "provider">, extras: Record<string, HealthExtra> = {}): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    const dbOk = await database.ping();
    const body: Record<string, unknown> = {
      status: dbOk ? "ok" : "degraded",
      database: { provider: database.provider, status: dbOk ? "ok" : "unreachable" },
    };
    for (const [name, fn] of Object.entries(extras)) {
      try {
        body[name] = await fn();
      } catch {
        body[name] = { status: "unavailable" };
      }
    }
    return c.json(body, dbOk ? 200 : 503);
  });
  return app;
}
