// The manager dashboard (issue 14) as one Hono sub-app under /dashboard. GET of a sign-in link only
// shows a button (link scanners must not spend it); the POST spends it and sets the cookie. Every
// other page needs a live session of a manager; every POST checks the session's CSRF token.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { readForm } from "../http/body.js";
import { t } from "../i18n/translate.js";
import { audit } from "../services/audit.js";
import type { Deps } from "../services/deps.js";
import { approveSubmission, rejectReasonSchema, rejectSubmission, reviewQueue } from "../services/review.js";
import { auditBody, auditQuery } from "./audit-page.js";
import { directoryBody, directoryQuery } from "./directory.js";
import { csrfField, esc, page } from "./layout.js";
import { csrfMatches, findSession, redeemSignInLink, revokeSessions, SESSION_COOKIE, SESSION_IDLE_MS, signInLinkUsable, type DashboardSession } from "./sessions.js";

/** `form`: the POST body, read once by the guard (a request body can be read only once). */
type WebEnv = { Variables: { session: DashboardSession; form: Record<string, unknown> } };
const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const csrfForm = z.object({ csrf: z.string().max(200).optional() }).catchall(z.string());
const DAY_MS = 86_400_000;

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
    await next();
  });

  app.get("/dashboard", async (c) => {
    const now = deps.clock.now();
    const [pending, failing, ending] = await Promise.all([
      deps.db.submission.count({ where: { status: "needs_review" } }),
      deps.db.outboxMessage.count({ where: { status: { in: ["failed", "unreachable"] } } }),
      deps.db.mission.count({ where: { status: "published", deadline: { gte: now, lte: new Date(now.getTime() + 3 * DAY_MS) } } }),
    ]);
    const body = `<ul><li><a href="/dashboard/review">${esc(t(locale, "web.overview.pending_reviews", { count: pending }))}</a></li>` +
      `<li>${esc(t(locale, "web.overview.failing_deliveries", { count: failing }))}</li><li>${esc(t(locale, "web.overview.missions_ending", { count: ending }))}</li></ul>` +
      // Slot for the charts (src/reports/charts.ts, another branch): nothing is drawn until it lands.
      `<section id="charts"><p>${esc(t(locale, "web.overview.charts_later"))}</p></section>`;
    return c.html(page(locale, t(locale, "web.nav.overview"), body, { csrf: c.get("session").csrfToken }));
  });

  app.get("/dashboard/influencers", async (c) => {
    const body = await directoryBody(deps, locale, directoryQuery.parse(c.req.query()));
    return c.html(page(locale, t(locale, "web.nav.influencers"), body, { csrf: c.get("session").csrfToken }));
  });

  app.get("/dashboard/audit", async (c) => {
    const body = await auditBody(deps, locale, auditQuery.parse(c.req.query()));
    return c.html(page(locale, t(locale, "web.nav.audit"), body, { csrf: c.get("session").csrfToken }));
  });

  app.get("/dashboard/review", async (c) => {
    const session = c.get("session");
    const r = await reviewQueue(deps, session.actor, { limit: 50 });
    const items = r.ok ? r.value : [];
    const rows = items.map((s) =>
      `<tr><td>${esc(s.missionTitle)}</td><td>${esc(s.influencerName ?? s.influencerId)}</td><td><a href="${esc(s.url)}" rel="noreferrer">${esc(s.url)}</a></td><td>${esc(s.status)}</td><td>` +
      `<form class="inline" method="post" action="/dashboard/review/${s.id}/approve">${csrfField(session.csrfToken)}<button>${esc(t(locale, "web.review.approve"))}</button></form> ` +
      `<form class="inline" method="post" action="/dashboard/review/${s.id}/reject">${csrfField(session.csrfToken)}<input name="reason" required maxlength="500" aria-label="${esc(t(locale, "web.review.reason"))}"><button>${esc(t(locale, "web.review.reject"))}</button></form></td></tr>`).join("");
    const body = items.length ? `<table>${rows}</table>` : `<p>${esc(t(locale, "web.review.empty"))}</p>`;
    return c.html(page(locale, t(locale, "web.nav.review"), body, { csrf: session.csrfToken }));
  });

  // Approve/reject through the same services as Slack: they audit and queue the influencer's notice.
  app.post("/dashboard/review/:id/:decision{approve|reject}", async (c) => {
    const id = z.coerce.number().int().positive().safeParse(c.req.param("id"));
    if (!id.success) return refuse(c, 400, "web.review.empty");
    const actor = c.get("session").actor;
    if (c.req.param("decision") === "approve") {
      const r = await approveSubmission(deps, actor, id.data);
      if (!r.ok) return c.html(page(locale, t(locale, "web.nav.review"), `<p>${esc(t(locale, r.error as never, r.params ?? {}))}</p>`, { csrf: c.get("session").csrfToken }), 400);
    } else {
      const form = c.get("form");
      const reason = rejectReasonSchema.safeParse(form.reason);
      if (!reason.success) return refuse(c, 400, "web.review.reason");
      const r = await rejectSubmission(deps, actor, id.data, reason.data);
      if (!r.ok) return c.html(page(locale, t(locale, "web.nav.review"), `<p>${esc(t(locale, r.error as never, r.params ?? {}))}</p>`, { csrf: c.get("session").csrfToken }), 400);
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
