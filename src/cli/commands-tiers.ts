// Operator/manager commands for tiers (issue 21): the levels a program's people climb with the
// points they earn. Names and perks per language: --name "Silver" --name-es "Plata" …
import { LOCALES } from "../config.js";
import type { TierProgram } from "../domain/tiers.js";
import { ok } from "../result.js";
import { importTierProgram, listingText, listTiers, removeTier, setTier, setTierBasis } from "../services/tiers-admin.js";
import { readObjectFile } from "./object-file.js";
import { flag, type ParsedArgs } from "./args.js";
import type { CliResult, Command } from "./commands.js";

const SET_USAGE = "tier set KEY [--threshold POINTS] [--name TEXT] [--name-es TEXT] [--perks TEXT] [--perks-fr TEXT] [--multiplier 1.5]";

/** `--name` is the English (fallback) text; `--name-<locale>` the other languages. */
function perLanguage(a: ParsedArgs, base: string): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  const plain = flag(a, base);
  if (plain) out.en = plain;
  for (const l of LOCALES) {
    const v = flag(a, `${base}-${l}`);
    if (v) out[l] = v;
  }
  return out;
}

function programText(p: TierProgram): string {
  const rows = p.tiers.map((t) => {
    const names = LOCALES.flatMap((l) => (t.names[l] ? [`${l}: ${t.names[l]}`] : [])).join(", ");
    const mult = t.multiplierPercent === 100 ? "" : `  ×${(t.multiplierPercent / 100).toFixed(2)}`;
    return `${t.key.padEnd(12)} from ${String(t.threshold).padStart(7)} points${mult}  (${names})${t.perks?.en ? `  perks: ${t.perks.en}` : ""}`;
  });
  return [`basis: ${p.basis === "cycle" ? "points earned in the current cycle" : "lifetime points"}`, ...(rows.length ? rows : ["no tiers"])].join("\n");
}

const show = (r: Awaited<ReturnType<typeof listTiers>>): CliResult => (r.ok ? ok({ data: r.value, text: programText(r.value) }) : r);

export const TIER_COMMANDS: Record<string, Command> = {
  "tier list": { usage: "tier list", run: async (deps, _a, actor) => show(await listTiers(deps, actor)) },
  "tier set": {
    usage: SET_USAGE,
    run: async (deps, a, actor) => {
      const key = a.positionals[2];
      if (!key) return { ok: false, error: "manage.cli.usage", params: { usage: SET_USAGE } };
      return show(await setTier(deps, actor, { key, threshold: flag(a, "threshold"), names: perLanguage(a, "name"), perks: perLanguage(a, "perks"), multiplier: flag(a, "multiplier") }));
    },
  },
  // Refused while missions still ahead list the tier (they are named); --force removes it anyway.
  "tier remove": {
    usage: "tier remove KEY [--force]",
    run: async (deps, a, actor) => {
      const key = a.positionals[2];
      if (!key) return { ok: false, error: "manage.cli.usage", params: { usage: "tier remove KEY [--force]" } };
      const r = await removeTier(deps, actor, key, { force: a.flags.force === true });
      if (!r.ok) return r;
      const { program, removed, listedBy } = r.value;
      const still = listedBy.length ? [`removed ${removed.key}; still listed by ${listingText(listedBy)}: open now only to their other tiers, or to nobody`] : [`removed ${removed.key}`];
      return ok({ data: program, text: [...still, programText(program)].join("\n") });
    },
  },
  // A whole program from a YAML or JSON file (CLI only: the chat never reads the server's files).
  "tier import": {
    usage: "tier import FILE",
    description: "replace the tier list with the one in a YAML or JSON file (basis, tiers: key, names, threshold, perks, multiplier)",
    examples: ["advo tier import tiers.yaml", "advo tier import tiers.json"],
    run: async (deps, a, actor) => {
      const path = a.positionals[2];
      if (!path) return { ok: false, error: "manage.cli.usage", params: { usage: "tier import FILE" } };
      const doc = readObjectFile(path);
      return doc.ok ? show(await importTierProgram(deps, actor, doc.value)) : doc;
    },
  },
  "tier basis": {
    usage: "tier basis lifetime|cycle",
    run: async (deps, a, actor) => show(await setTierBasis(deps, actor, a.positionals[2] ?? "")),
  },
};
