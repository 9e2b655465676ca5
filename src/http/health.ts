// GET /healthz: 200 when the database answers, 503 otherwise; also the last job runs.
import type { Database } from "../db/client.js";
import { sendJson, type HttpServer } from "./server.js";

export type HealthExtra = () => Promise<Record<string, unknown>>;

export function mountHealth(http: HttpServer, database: Database, extras: Record<string, HealthExtra> = {}): void {
  http.route("GET", "/healthz", async (_req, res) => {
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
    sendJson(res, dbOk ? 200 : 503, body);
  });
}
