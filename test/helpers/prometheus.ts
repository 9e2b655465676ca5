// A strict parser for the Prometheus text exposition format (0.0.4), for tests: it throws on any
// line the format does not allow, on samples without a # TYPE, on a family typed twice, on bad
// label escaping, and checks that every histogram's buckets are cumulative and end with +Inf equal
// to _count.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const typed = new Set<string>();
  if (!text.endsWith("\n")) throw new Error("exposition must end with a newline");
  const lines = text.split("\n").slice(0, -1);
  for (const [i, line] of lines.entries()) {
    const where = `line ${i + 1}: ${line}`;
    if (line === "") continue;
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (!m) {
        if (/^# (HELP|TYPE)/.test(line)) throw new Error(`malformed ${where}`);
        continue; // a comment
      }
      const [, kind, name, rest = ""] = m;
      if (!NAME.test(name!)) throw new Error(`bad metric name in ${where}`);
      const family = families.get(name!) ?? { name: name!, type: "untyped" as const, help: "", samples: [] };
      if (kind === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(rest)) throw new Error(`bad type in ${where}`);
        if (family.samples.length || typed.has(name!)) throw new Error(`TYPE after samples or twice in ${where}`);
        typed.add(name!);
        family.type = rest as Family["type"];
      } else family.help = rest;
      families.set(name!, family);
      continue;
    }
    const sample = parseSample(line, where);
    const family = families.get(familyOf(sample.name, families));
    if (!family || family.type === "untyped") throw new Error(`sample without # TYPE in ${where}`);
    family.samples.push(sample);
  }
  for (const f of families.values()) if (f.type === "histogram") checkHistogram(f);
  return families;
}

function familyOf(sample: string, families: Map<string, Family>): string {
  for (const suffix of ["_bucket", "_sum", "_count", "_total", "_created"]) {
    if (sample.endsWith(suffix)) {
      const base = sample.slice(0, -suffix.length);
      const f = families.get(base);
      if (f && (f.type === "histogram" || f.type === "summary")) return base;
    }
  }
  return sample;
}

function parseSample(line: string, where: string): Sample {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
  if (!m) throw new Error(`malformed sample ${where}`);
  const labels: Record<string, string> = {};
  let rest = m[3] ?? "";
  while (rest.length) {
    const lm = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/.exec(rest);
    if (!lm || !LABEL.test(lm[1]!)) throw new Error(`malformed labels in ${where}`);
    if (lm[1]! in labels) throw new Error(`duplicate label in ${where}`);
    labels[lm[1]!] = lm[2]!.replace(/\\(["\\n])/g, (_s, c: string) => (c === "n" ? "\n" : c));
    rest = rest.slice(lm[0].length);
  }
  const raw = m[4]!;
  // Prometheus parses special values case-insensitively (Go's ParseFloat); prom-client writes "Nan".
  const special = raw.toLowerCase();
  const value = special === "+inf" ? Infinity : special === "-inf" ? -Infinity : special === "nan" ? NaN : Number(raw);
  if (!/^(\+Inf|-Inf|NaN|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/i.test(raw)) throw new Error(`bad value in ${where}`);
  return { name: m[1]!, labels, value };
}

function checkHistogram(f: Family): void {
  const series = new Map<string, Sample[]>();
  for (const s of f.samples.filter((x) => x.name === `${f.name}_bucket`)) {
    const { le, ...rest } = s.labels;
    if (le === undefined) throw new Error(`${f.name}: bucket without le`);
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, buckets] of series) {
    let previous = -Infinity;
    let count = 0;
    for (const b of buckets) {
      const le = b.labels.le === "+Inf" ? Infinity : Number(b.labels.le);
      if (!(le > previous) || b.value < count) throw new Error(`${f.name}${key}: buckets not increasing`);
      previous = le;
      count = b.value;
    }
    if (previous !== Infinity) throw new Error(`${f.name}${key}: no +Inf bucket`);
    const total = f.samples.find((s) => s.name === `${f.name}_count` && JSON.stringify(s.labels) === key);
    if (!total || total.value !== count) throw new Error(`${f.name}${key}: _count differs from the +Inf bucket`);
  }
}

/** The value of one sample (labels must match exactly, in any order); undefined when absent. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of families.values()) {
    const s = f.samples.find((x) => x.name === name && sameLabels(x.labels, labels));
    if (s) return s.value;
  }
  return undefined;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
