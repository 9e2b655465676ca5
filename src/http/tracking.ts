// GET /t/<code>: records the click and redirects (302) to the link's landing page; unknown codes
// get 404. Target URLs were validated (http/https) when the manager created the link.
import type { Deps } from "../services/deps.js";
import { recordClick } from "../services/tracking.js";
import type { HttpServer } from "./server.js";

export function mountTracking(http: HttpServer, deps: Pick<Deps, "db" | "clock">): void {
  http.route("GET", "/t/*", async (req, res) => {
    const code = decodeURIComponent((req.url ?? "").split("?")[0]!.slice("/t/".length));
    const ua = req.headers["user-agent"];
    const target = await recordClick(deps, code, { ...(req.socket.remoteAddress ? { ip: req.socket.remoteAddress } : {}), ...(typeof ua === "string" ? { userAgent: ua } : {}) });
    if (!target) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(302, { location: target, "cache-control": "no-store", "referrer-policy": "no-referrer" }).end();
  });
}
