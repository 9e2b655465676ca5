// GET /t/<code> (and HEAD): redirects (302) at once to the link's landing page with a click id
// and UTM tags; the Click row is written right after the response (AfterResponse), grouped with
// the clicks that arrive while an insert is in flight (ClickWriter: no timer, awaited on stop).
// Unknown codes → 404. Known links are cached for a few seconds (LinkCache), so a repeat visit
// does no database work before its redirect. Targets come only from links a manager set up, so
// nothing here can send a visitor to an address taken from the request (no open redirect).
import { Hono } from "hono";
import type { HttpBindings } from "@hono/node-server";
import type { Deps } from "../services/deps.js";
import { clientAddress } from "../domain/client-address.js";
import { ClickWriter } from "../services/click-writer.js";
import { dailySalt, resolveVisit } from "../services/tracking.js";
import { LinkCache } from "../services/link-cache.js";
import { AfterResponse } from "./after-response.js";
import type { HttpServer } from "./server.js";

export interface TrackingRoutesDeps extends Pick<Deps, "db" | "clock" | "config" | "log"> {
  /** shared with the app so shutdown waits for clicks still being written */
  after?: AfterResponse;
  metrics?: { click(): void } | undefined;
  /** code → link, shared by the requests of this app (default: 5000 codes for 10 s) */
  links?: LinkCache;
  /** group commit of the clicks (default: one writer for this app's redirects) */
  clicks?: ClickWriter;
}

export function trackingRoutes(deps: TrackingRoutesDeps): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  const after = deps.after ?? new AfterResponse(deps.log);
  const salt = dailySalt(deps.db);
  const links = deps.links ?? new LinkCache(); // a repeat visit reads nothing before its 302
  const clicks = deps.clicks ?? new ClickWriter(deps.db, deps.log); // clicks arriving during an insert share the next one
  const countryHeader = deps.config.TRACKING_COUNTRY_HEADER?.toLowerCase();
  app.on(["GET", "HEAD"], "/t/:code", async (c) => {
    const incoming = c.env?.incoming;
    const visit = await resolveVisit(deps, c.req.param("code"), {
      method: c.req.method,
      userAgent: c.req.header("user-agent"),
      purpose: c.req.header("purpose"),
      secPurpose: c.req.header("sec-purpose"),
      // behind TRUST_PROXY proxies, the client they forwarded for; the header is ignored when off
      ip: clientAddress(incoming?.socket.remoteAddress, deps.config.TRUST_PROXY ? c.req.header("x-forwarded-for") : undefined, deps.config.TRUST_PROXY),
      country: countryHeader ? c.req.header(countryHeader) : undefined,
    }, salt, links);
    if (!visit) return c.text("not found", 404, { "cache-control": "no-store" });
    after.schedule(c, "click", () => clicks.add(visit.click));
    if (!visit.click.preview) deps.metrics?.click();
    return c.body(null, 302, { location: visit.location, "cache-control": "no-store", "referrer-policy": "no-referrer" });
  });
  return app;
}

/** Mounts the tracking redirects on the server (tests and app.ts). */
export function mountTracking(http: Pick<HttpServer, "mount">, deps: TrackingRoutesDeps): void {
  http.mount(trackingRoutes(deps));
}
