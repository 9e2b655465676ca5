// Long lists shown a page at a time, with ◀ ▶ buttons that edit the list message in place.
// The page number travels in the button's payload; the list is read again on every click, so an
// old page button still works: a page past the end (the list got shorter) shows the last page.
import type { Block, Button } from "./message.js";
import { paragraph } from "./message.js";
import type { Context } from "./context.js";

/** Items per page: with the ◀ ▶ row this stays within Discord's 5 rows of buttons. */
export const PAGE_SIZE = 4;

export interface Page<T> {
  items: T[];
  /** 1-based, clamped to 1..pages */
  page: number;
  pages: number;
}

export function pageOf<T>(all: readonly T[], requested: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const page = Math.min(Math.max(1, Number.isSafeInteger(requested) ? requested : 1), pages);
  return { items: all.slice((page - 1) * size, page * size), page, pages };
}

/** The page asked for by a page button (its payload), or 1 for the command itself. */
export function requestedPage(ctx: Context, action: string): number {
  const p = ctx.event.payload;
  if (p.type !== "action" || p.id !== action) return 1;
  const n = Number(p.payload);
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
}

/** True when this event is a click on the list's own page button (its answer edits the list). */
export function isPageClick(ctx: Context, action: string): boolean {
  const p = ctx.event.payload;
  return p.type === "action" && p.id === action;
}

/** The ◀ ▶ row (only the directions that exist), or no row for a single page. */
export function pageButtons(action: string, page: Page<unknown>): Button[][] {
  if (page.pages <= 1) return [];
  const row: Button[] = [];
  if (page.page > 1) row.push({ action, payload: String(page.page - 1), label: "◀" });
  if (page.page < page.pages) row.push({ action, payload: String(page.page + 1), label: "▶" });
  return [row];
}

/** "Page 2 of 3", shown only when there is more than one page. */
export function pageLine(ctx: Context, page: Page<unknown>): Block[] {
  return page.pages > 1 ? [paragraph(ctx.t("core.page", { page: page.page, pages: page.pages }))] : [];
}
