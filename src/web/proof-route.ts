// GET /dashboard/proofs/<id>: a screenshot sent as proof (issue 13), streamed from the platform that
// keeps it to a signed-in manager who may see the review queue (access.ts). Served inline under a
// sandboxing CSP with the content type checked at intake, so a file can't run as a page here.
import { Hono } from "hono";
import { z } from "zod";
import { t } from "../i18n/translate.js";
import { openProofFile } from "../services/proof-files.js";
import type { Deps } from "../services/deps.js";
import { esc, page } from "./layout.js";
import type { WebEnv } from "./routes.js";

const proofId = z.coerce.number().int().positive().max(2_147_483_647);

export function proofRoutes(deps: Deps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get("/dashboard/proofs/:id", async (c) => {
    const reader = c.get("reader");
    const refuse = (status: 404 | 502, id: "web.not_found" | "measure.proof.unavailable") => c.html(page(reader.locale, t(reader.locale, "web.title"), `<p>${esc(t(reader.locale, id))}</p>`, reader), status);
    const id = proofId.safeParse(c.req.param("id"));
    const proof = id.success ? await deps.db.submissionProof.findUnique({ where: { id: id.data } }) : null;
    if (!proof) return refuse(404, "web.not_found");
    const file = await openProofFile(deps.config, proof);
    if (!file.ok) return refuse(502, "measure.proof.unavailable");
    const name = (proof.fileName ?? `proof-${proof.id}`).replace(/[^\w.-]+/g, "_").slice(0, 100);
    return new Response(file.value.body, {
      headers: {
        "content-type": proof.mimeType,
        "content-disposition": `inline; filename="${name}"`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        "cache-control": "private, no-store",
        ...(file.value.length !== undefined ? { "content-length": String(file.value.length) } : {}),
      },
    });
  });
  return app;
}
