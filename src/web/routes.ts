// The manager dashboard (issue 14) as one Hono sub-app under /dashboard. GET of a sign-in link only
// shows a button (link scanners must not spend it); the POST spends it and sets the cookie. Every
// other page needs a live session of a manager; every POST checks the session's CSRF token.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { readForm } from "../http/body.js";
import { t } from "../i18n/translate.js";
import { audit } from "../services/audit.js";
import { requireManager } from "../services/managers.js";
import { dashboardAction } from "./access.js";
import type { Deps } from "../services/deps.js";
import { fulfilNoteSchema, fulfilRedemption } from "../services/catalog-admin.js";
import { approveSubmission, rejectReasonSchema, rejectSubmission } from "../services/review.js";
import { auditBody, auditQuery } from "./audit-page.js";
import { directoryBody, directoryQuery } from "./directory.js";
import { exportRoutes } from "./export-routes.js";
import { proofRoutes } from "./proof-route.js";
import { influencerProfileBody } from "./influencer-profile.js";
import { esc, page } from "./layout.js";
import { missionDetailBody, missionsBody, type PageBody } from "./missions-page.js";
import { overviewBody, overviewQuery } from "./overview.js";
import { readerOf, type Reader } from "./reader.js";
import { reviewBody } from "./review-page.js";
import { cyclesBody, rewardsBody } from "./rewards-cycles.js";
import { csrfMatches, findSession, redeemSignInLink, revokeSessions, SESSION_COOKIE, SESSION_IDLE_MS, signInLinkUsable, type DashboardSession } from "./sessions.js";

/** `form`: the POST body, read once by the guard (a request body can be read only once). */
export type WebEnv = { Variables: { session: DashboardSession; reader: Reader; form: Record<string, unknown> } };
const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const csrfForm = z.object({ csrf: z.string().max(200).optional() }).catchall(z.string());
const positiveId = z.coerce.number().int().positive().max(2_147_483_647);

export function dashboardRoutes(deps: Deps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const locale = deps.config.DEFAULT_LOCALE;
  const secure = deps.config.PUBLIC_URL.startsWith("https:");
  const refuse = (c: Context, status: 400 | 401 | 403, id: Parameters<typeof t>[1]) => c.html(page(locale, t(locale, "web.title"), `<p>${esc(t(locale, id))}</p>`), status);

  app.get("/dashboard/signin/:token", async (c) => {
    const tok = token.safeParse(c.req.param("token"));
    if (!tok.success || !(await signInLinkUsable(deps, tok.data))) return refuse(c, 403, "web.signin.invalid");
    const form = `<form method="post" action="/dashboard/signin"><input type="hidden" name="token" value="${esc(tok.data)}"><button>${esc(t(locale, "web.signin.button"))}</button></form>`;
    return c.html(page(locale, t(locale, "web.signin.heading"), form));
  });

  app.post("/dashboard/signin", async (c) => {
    const form = await readForm(c, z.object({ token: z.string().max(200) }));
    const tok = token.safeParse(form.token);
    const r = tok.success ? await redeemSignInLink(deps, tok.data) : undefined;
    if (!r) return refuse(c, 403, "web.signin.invalid");
    setCookie(c, SESSION_COOKIE, r.cookie, { httpOnly: true, sameSite: "Lax", secure, path: "/dashboard", maxAge: SESSION_IDLE_MS / 1000 });
    return c.redirect("/dashboard", 303);
  });

  // Everything below (also /dashboard itself, which "/dashboard/*" matches): a live manager session, and a matching CSRF token on every POST.
  app.use("/dashboard/*", async (c, next) => {
    const session = await findSession(deps, getCookie(c, SESSION_COOKIE));
    if (!session) return refuse(c, 401, "web.signin.required");
    if (c.req.method === "POST") {
      const form = await readForm(c, csrfForm);
      if (!csrfMatches(session, form.csrf)) {
        await audit(deps.db, { actor: session.actor, action: `dashboard.post:${c.req.path}`, outcome: "refused", targetType: "dashboardSession", targetId: session.id });
        return refuse(c, 403, "web.csrf.refused");
      }
      c.set("form", form);
    }
    c.set("session", session);
    const reader = await readerOf(deps, session.actor, session.csrfToken, session.role);
    c.set("reader", reader);
    // The role, per page and form, from one table (access.ts), through the same check as the services.
    const action = dashboardAction(c.req.method, c.req.path);
    const refused = action === null ? undefined : await requireManager(deps, session.actor, action, { type: "dashboard", id: c.req.path });
    if (refused) return c.html(page(reader.locale, t(reader.locale, "web.title"), `<p>${esc(t(reader.locale, refused.error as never, (refused.params ?? {}) as never))}</p>`, reader), 403);
    await next();
  });

  // Pages in the manager's own language and time zone (the reader), refusals before sign-in in the program's.
  const show = (c: Context<WebEnv>, p: PageBody) => {
    const reader = c.get("reader");
    return c.html(page(reader.locale, p.title, p.body, reader), p.status ?? 200);
  };
  const notFound = (c: Context<WebEnv>) => show(c, { title: t(c.get("reader").locale, "web.title"), body: `<p>${esc(t(c.get("reader").locale, "web.not_found"))}</p>`, status: 404 });

  app.get("/dashboard", async (c) => {
    const reader = c.get("reader");
    return show(c, { title: t(reader.locale, "web.nav.overview"), body: await overviewBody(deps, reader, overviewQuery.parse(c.req.query())) });
  });

  app.get("/dashboard/missions", async (c) => show(c, await missionsBody(deps, c.get("reader"))));
  app.get("/dashboard/missions/:id", async (c) => {
    const id = positiveId.safeParse(c.req.param("id"));
    return id.success ? show(c, await missionDetailBody(deps, c.get("reader"), id.data)) : notFound(c);
  });

  app.get("/dashboard/influencers", async (c) => {
    const reader = c.get("reader");
    return show(c, { title: t(reader.locale, "web.nav.influencers"), body: await directoryBody(deps, reader, directoryQuery.parse(c.req.query())) });
  });
  app.get("/dashboard/influencers/:id", async (c) => {
    const id = positiveId.safeParse(c.req.param("id"));
    return id.success ? show(c, await influencerProfileBody(deps, c.get("reader"), id.data)) : notFound(c);
  });

  app.get("/dashboard/rewards", async (c) => show(c, await rewardsBody(deps, c.get("reader"))));
  app.post("/dashboard/rewards/redemptions/:id/fulfil", async (c) => {
    const reader = c.get("reader");
    const id = positiveId.safeParse(c.req.param("id"));
    const note = fulfilNoteSchema.safeParse(c.get("form").note);
    if (!id.success || !note.success) return show(c, { title: t(reader.locale, "web.nav.rewards"), body: `<p>${esc(t(reader.locale, "web.rewards.note_invalid"))}</p>`, status: 400 });
    const r = await fulfilRedemption(deps, reader.actor, id.data, { note: note.data });
    if (!r.ok) return show(c, { title: t(reader.locale, "web.nav.rewards"), body: `<p>${esc(t(reader.locale, r.error as never, r.params ?? {}))}</p>`, status: 400 });
    return c.redirect("/dashboard/rewards", 303);
  });

  app.get("/dashboard/cycles", async (c) => show(c, await cyclesBody(deps, c.get("reader"))));

  app.get("/dashboard/audit", async (c) => {
    const reader = c.get("reader");
    return show(c, { title: t(reader.locale, "web.nav.audit"), body: await auditBody(deps, reader, auditQuery.parse(c.req.query())) });
  });

  app.route("/", exportRoutes(deps));
  app.route("/", proofRoutes(deps));

  app.get("/dashboard/review", async (c) => show(c, await reviewBody(deps, c.get("reader"))));

  // Approve/reject through the same services as Slack: they audit and queue the influencer's notice.
  app.post("/dashboard/review/:id/:decision{approve|reject}", async (c) => {
    const reader = c.get("reader");
    const failed = (body: string) => show(c, { title: t(reader.locale, "web.nav.review"), body: `<p>${esc(body)}</p>`, status: 400 });
    const id = positiveId.safeParse(c.req.param("id"));
    if (!id.success) return failed(t(reader.locale, "web.review.empty"));
    if (c.req.param("decision") === "approve") {
      const r = await approveSubmission(deps, reader.actor, id.data);
      if (!r.ok) return failed(t(reader.locale, r.error as never, r.params ?? {}));
    } else {
      const reason = rejectReasonSchema.safeParse(c.get("form").reason);
      if (!reason.success) return failed(t(reader.locale, "web.review.reason"));
      const r = await rejectSubmission(deps, reader.actor, id.data, reason.data);
      if (!r.ok) return failed(t(reader.locale, r.error as never, r.params ?? {}));
    }
    return c.redirect("/dashboard/review", 303);
  });

  app.post("/dashboard/signout", async (c) => {
    const session = c.get("session");
    await revokeSessions(deps, session.actor, { sessionId: session.id });
    deleteCookie(c, SESSION_COOKIE, { path: "/dashboard" });
    return c.redirect("/dashboard", 303);
  });

  return app;
}
