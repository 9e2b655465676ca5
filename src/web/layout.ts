// Server-rendered HTML for the dashboard: template strings, every value escaped, a little CSS
// that works on a phone, no JavaScript needed.
import type { Locale } from "../config.js";
import { t } from "../i18n/translate.js";

export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CSS = `body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem}
nav a,nav button{margin-right:1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}
form.inline{display:inline}nav{display:flex;flex-wrap:wrap;gap:.3rem 0}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem}div.figure{border:1px solid #ddd;padding:.5rem}dd{font-size:1.4rem;margin:0}
.chart svg{max-width:100%;height:auto}figure{margin:1rem 0}td{overflow-wrap:anywhere}
@media(max-width:40rem){table,tr,td,th{display:block}tr{border-bottom:2px solid #bbb}}`;

const NAV = [
  ["/dashboard", "web.nav.overview"], ["/dashboard/review", "web.nav.review"], ["/dashboard/missions", "web.nav.missions"], ["/dashboard/influencers", "web.nav.influencers"],
  ["/dashboard/rewards", "web.nav.rewards"], ["/dashboard/cycles", "web.nav.cycles"], ["/dashboard/audit", "web.nav.audit"], ["/dashboard/exports", "web.nav.exports"],
] as const;

/** `nav.may`: whether the reader's role opens a page; links to pages it would refuse are left out. */
export function page(locale: Locale, title: string, body: string, nav?: { csrf: string; may?: (path: string) => boolean }): string {
  const menu = nav
    ? `<nav>${NAV.filter(([href]) => nav.may?.(href) ?? true).map(([href, id]) => `<a href="${href}">${esc(t(locale, id))}</a>`).join("")}` +
      `<form class="inline" method="post" action="/dashboard/signout">${csrfField(nav.csrf)}<button>${esc(t(locale, "web.nav.signout"))}</button></form></nav>`
    : "";
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>${menu}<h1>${esc(title)}</h1>${body}</body></html>`;
}

export function csrfField(token: string): string {
  return `<input type="hidden" name="csrf" value="${esc(token)}">`;
}

/** A stored status word (active, published, needs_review …) as the manager reads it, escaped. */
export function statusText(locale: Locale, status: string | null | undefined): string {
  return status ? esc(t(locale, "status.word", { status })) : "";
}
