// Screenshots as proof of a post without a stable public link (a Story that vanishes after 24 h, a
// private account; issue 13): which files are taken, and the reach figures a person types with
// them ("12,400 views", "reach 5.2k", "vues : 12 400 · 310 j'aime"). Pure, no I/O.
import { err, ok, type Result } from "../result.js";
import type { InboundFile } from "../engine/events.js";

/** Images and PDF only; 10 MiB each (Telegram's getFile stops at 20 MB, Discord's free uploads at 10 MiB). */
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;
export const PROOF_MAX_FILES = 5;
export const PROOF_TYPES: ReadonlySet<string> = new Set(["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "application/pdf"]);
/** the synthetic url of a submission whose proof is files, not a link */
export const PROOF_URL_PREFIX = "proof:";

export const isProofUrl = (url: string): boolean => url.startsWith(PROOF_URL_PREFIX);

/** The files of a message, or why they are refused (the first refusal, naming the file). */
export function checkProofFiles(files: readonly InboundFile[]): Result<InboundFile[]> {
  if (files.length > PROOF_MAX_FILES) return err("measure.proof.too_many", { max: PROOF_MAX_FILES });
  for (const f of files) {
    const name = f.fileName ?? f.mimeType;
    if (!PROOF_TYPES.has(f.mimeType.toLowerCase())) return err("measure.proof.wrong_type", { name });
    if (f.sizeBytes !== undefined && f.sizeBytes > PROOF_MAX_BYTES) return err("measure.proof.too_big", { name, max: PROOF_MAX_BYTES / 1024 / 1024 });
  }
  return ok([...files]);
}

export interface ReportedFigures {
  views: number;
  likes?: number;
  comments?: number;
}

export type FiguresParse = { kind: "figures"; figures: ReportedFigures } | { kind: "none" } | { kind: "invalid" };

/** Postgres INTEGER: the largest count a PostMetric holds. */
const MAX_COUNT = 2_147_483_647;
// "12,400" "12.400" "12 400" (thin and no-break spaces too), "1234", "1.2k", "3,5 M"
const NUMBER = /(\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?:\s?([kKmM])(?![\p{L}]))?/gu;
const LIKES = /\b(likes?|me gusta|j['’]aime|mi piace)\b/iu;
const COMMENTS = /(comment|comentario|commentaire|comment[io])/iu;
const VIEWS = /(view|reach|impression|vue|portée|visualiza|alcance|visualizzazion|copertura|impresion)/iu;

function count(digits: string, suffix: string | undefined): number | undefined {
  let value: number;
  if (suffix) {
    value = Number(digits.replace(",", ".")) * (suffix.toLowerCase() === "k" ? 1_000 : 1_000_000);
  } else if (/^\d+$/.test(digits) || /[ .,\u00a0\u202f]\d{3}$/u.test(digits)) {
    value = Number(digits.replace(/[ .,\u00a0\u202f]/gu, ""));
  } else return undefined; // "1.5" views: not a whole count
  return Number.isSafeInteger(Math.round(value)) && value >= 0 && value <= MAX_COUNT ? Math.round(value) : undefined;
}

/**
 * The figures in a caption or an answer. Each number is labelled by the words between it and the
 * next number, or — when the text starts with a label ("views 1200 likes 80") — by the words before
 * it; an unlabelled number is the views/reach when it is the only one. "none": no number at all; "invalid": numbers that are not whole counts, or a guess would be
 * needed (several unlabelled numbers, no views).
 */
export function parseReportedFigures(text: string): FiguresParse {
  const found = [...text.matchAll(NUMBER)];
  if (!found.length) return { kind: "none" };
  const figures: Partial<ReportedFigures> = {};
  const unlabelled: number[] = [];
  const isLabel = (words: string) => LIKES.test(words) || COMMENTS.test(words) || VIEWS.test(words);
  // "views 1200 likes 80" names each figure before it; "1,200 views · 80 likes" after it.
  const labelsBefore = isLabel(text.slice(0, found[0]!.index));
  for (const [i, m] of found.entries()) {
    const value = count(m[1]!, m[2]);
    if (value === undefined) return { kind: "invalid" };
    const end = (m.index ?? 0) + m[0].length;
    const after = text.slice(end, found[i + 1]?.index ?? text.length);
    const before = text.slice(i === 0 ? 0 : (found[i - 1]!.index ?? 0) + found[i - 1]![0].length, m.index);
    const label = labelsBefore ? before : after;
    const key = LIKES.test(label) ? "likes" : COMMENTS.test(label) ? "comments" : VIEWS.test(label) ? "views" : undefined;
    if (key && figures[key] === undefined) figures[key] = value;
    else unlabelled.push(value);
  }
  if (figures.views === undefined && unlabelled.length === 1) figures.views = unlabelled[0]!;
  if (figures.views === undefined) return { kind: "invalid" };
  return { kind: "figures", figures: figures as ReportedFigures };
}
