// Cost per formatted message: the ICU layer (t/tb on intl-messageformat, compiled once per
// locale, zone and id) against the hand-rolled substitution it replaced, copied below as the
// baseline, in the same run on the same messages. Goal: ≤ 2× the baseline and < 5 µs.
// BENCH_I18N_ITERATIONS (default 200000) changes the sample size.
import { catalogs } from "../src/i18n/catalog.js";
import { t, tb, type Locale, type Params } from "../src/i18n/translate.js";
import type { Block, Inline } from "../src/engine/message.js";

const ITERATIONS = Number(process.env.BENCH_I18N_ITERATIONS ?? 200_000);

// --- The old layer (before ICU), verbatim apart from names -------------------------------------
function oldTemplate(locale: Locale, key: string): string {
  const text = catalogs[locale][key] ?? catalogs.en[key];
  if (text === undefined) throw new Error(`missing message id "${key}"`);
  return text;
}
function substitute(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
function oldT(locale: Locale, key: string, params: Params = {}): string {
  const raw = oldTemplate(locale, key).replace(/\*\*(.+?)\*\*/g, "$1").replace(/`(.+?)`/g, "$1");
  return substitute(raw, params);
}
function oldInlines(line: string, params: Params): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|`(.+?)`/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > last) out.push(substitute(line.slice(last, m.index), params));
    if (m[1] !== undefined) out.push({ bold: substitute(m[1], params) });
    else if (m[2] !== undefined) out.push({ code: substitute(m[2], params) });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push(substitute(line.slice(last), params));
  return out;
}
function oldTb(locale: Locale, key: string, params: Params = {}): Block[] {
  const blocks: Block[] = [];
  for (const chunk of oldTemplate(locale, key).split(/\n\s*\n/)) {
    let para: Inline[] = [];
    let items: Inline[][] = [];
    for (const line of chunk.split("\n")) {
      if (line.startsWith("- ")) {
        if (para.length) blocks.push({ type: "paragraph", content: para });
        para = [];
        items.push(oldInlines(line.slice(2), params));
      } else {
        if (items.length) blocks.push({ type: "list", items });
        items = [];
        if (para.length) para.push("\n");
        para.push(...oldInlines(line, params));
      }
    }
    if (para.length) blocks.push({ type: "paragraph", content: para });
    if (items.length) blocks.push({ type: "list", items });
  }
  return blocks;
}
// ------------------------------------------------------------------------------------------------

// Real messages of different shapes: a short one with a value, a card with bold and lists, a plain
// label without arguments. Sample params fill every placeholder with a short word or a number.
const KEYS = ["core.unknown_command", "core.help.member", "journey.points.summary", "journey.missions.item", "journey.points.kind.bonus"];
const LOCALE_ROTATION: Locale[] = ["en", "es", "fr", "it"];

function paramsFor(key: string): Params {
  const params: Params = {};
  for (const m of (catalogs.en[key] ?? "").matchAll(/\{\s*(\w+)/g)) params[m[1]!] = m[1]!.match(/points|count|rank|total|cost|stock/) ? 21 : "Ana";
  return params;
}

type Formatter = (locale: Locale, key: string, params: Params) => unknown;

function casesFor(keys: string[]) {
  return keys.flatMap((key) => LOCALE_ROTATION.map((locale) => ({ key, locale, params: paramsFor(key) })));
}

/** µs per call: wall time, and this process's CPU time (fairer on a shared, loaded machine). */
function onePass(fn: Formatter, cases: ReturnType<typeof casesFor>, n: number): { wall: number; cpu: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const c = cases[i % cases.length]!;
    fn(c.locale, c.key, c.params);
  }
  const c1 = process.cpuUsage(c0);
  return { wall: ((performance.now() - t0) * 1000) / n, cpu: (c1.user + c1.system) / n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Old and new alternate in rounds, so a load spike on the shared machine hits both alike. */
function compare(before: Formatter, after: Formatter, keys: string[]) {
  const cases = casesFor(keys);
  onePass(before, cases, 20_000); // warm-up (and compile)
  onePass(after, cases, 20_000);
  const rounds = 9;
  const b: number[] = [];
  const a: number[] = [];
  const bCpu: number[] = [];
  const aCpu: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const x = onePass(before, cases, Math.ceil(ITERATIONS / rounds));
    const y = onePass(after, cases, Math.ceil(ITERATIONS / rounds));
    b.push(x.wall);
    a.push(y.wall);
    bCpu.push(x.cpu);
    aCpu.push(y.cpu);
    ratios.push(y.wall / x.wall);
  }
  return { before: median(b), after: median(a), ratio: median(ratios), beforeCpu: median(bCpu), afterCpu: median(aCpu) };
}

export default async function benchI18n(): Promise<void> {
  const keys = KEYS.filter((k) => k in catalogs.en);
  const rows: [string, ReturnType<typeof compare>][] = [
    ["t (plain text)", compare(oldT, (l, k, p) => t(l, k, p), keys)],
    ["tb (rich blocks)", compare(oldTb, (l, k, p) => tb(l, k, p), keys)],
    ["t, no plurals", compare(oldT, (l, k, p) => t(l, k, p), ["core.unknown_command", "core.help.member", "journey.points.kind.bonus"])],
  ];
  for (const [name, r] of rows) {
    process.stdout.write(`${name.padEnd(18)} old ${r.before.toFixed(2)} µs · ICU ${r.after.toFixed(2)} µs · ratio ${r.ratio.toFixed(2)}× (median of rounds) · CPU time old ${r.beforeCpu.toFixed(2)} µs, ICU ${r.afterCpu.toFixed(2)} µs\n`);
  }
  await Promise.resolve();
}
