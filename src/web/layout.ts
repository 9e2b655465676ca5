// Server-rendered HTML for the dashboard: template strings, every value escaped, a little CSS
// that works on a phone, no JavaScript needed.
import type { Locale } from "../config.js";
import { t } from "../i18n/translate.js";

export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CSS = `body{font:16px/1.4 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem}
nav a,nav button{margin-right:1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}
form.inline{display:inline}@media(max-width:40rem){table,tr,td,th{display:block}}`;

export function page(locale: Locale, title: string, body: string, nav?: { csrf: string }): string {
  const menu = nav
    ? `<nav><a href="/dashboard">${esc(t(locale, "web.nav.overview"))}</a><a href="/dashboard/review">${esc(t(locale, "web.nav.review"))}</a><a href="/dashboard/influencers">${esc(t(locale, "web.nav.influencers"))}</a><a href="/dashboard/audit">${esc(t(locale, "web.nav.audit"))}</a>` +
      `<form class="inline" method="post" action="/dashboard/signout">${csrfField(nav.csrf)}<button>${esc(t(locale, "web.nav.signout"))}</button></form></nav>`
    : "";
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>${menu}<h1>${esc(title)}</h1>${body}</body></html>`;
}

export function csrfField(token: string): string {
  return `<input type="hidden" name="csrf" value="${esc(token)}">`;
}
