// GET /t/<code>: records the click and redirects (302) to the link's landing page; unknown codes
// get 404. Target URLs were validated (http/https) when the manager created the link.
import { Hono } from "hono";
import type { HttpBindings } from "@hono/node-server";
import type { Deps } from "../services/deps.js";
import { recordClick } from "../services/tracking.js";
import type { HttpServer } from "./server.js";

export function trackingRoutes(deps: Pick<Deps, "db" | "clock"> & { metrics?: { click(): void } | undefined }): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.get("/t/:code", async (c) => {
    const code = c.req.param("code");
    const ua = c.req.header("user-agent");
    const ip = c.env?.incoming?.socket.remoteAddress;
    const target = await recordClick(deps, code, { ...(ip ? { ip } : {}), ...(ua ? { userAgent: ua } : {}) });
    if (!target) return c.text("not found", 404);
    deps.metrics?.click();
    return c.body(null, 302, { location: target, "cache-control": "no-store", "referrer-policy": "no-referrer" });
  });
  return app;
}

/** Mounts the tracking redirects on the server (tests and app.ts). */
export function mountTracking(http: Pick<HttpServer, "mount">, deps: Parameters<typeof trackingRoutes>[0]): void {
  http.mount(trackingRoutes(deps));
}
