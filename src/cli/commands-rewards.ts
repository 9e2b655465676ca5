// Operator/manager commands that write rewards (issue 17: text per language). The name and the
// description are in DEFAULT_LOCALE; other languages come as `--name-es TEXT --description-es
// TEXT`, or from a file (JSON/YAML) with `translations: { es: { name, description } }`. A language
// that is given must be complete, or it is refused on its field.
import { LOCALES } from "../config.js";
import { err, ok, type Result } from "../result.js";
import { createReward, listRewards, updateReward, type RewardFormErr, type RewardInput } from "../services/catalog-admin.js";
import { REWARD_TRANSLATED_PARTS } from "../domain/reward-form-translations.js";
import { flattenTranslations } from "../domain/mission-form-translations.js";
import { readObjectFile } from "./object-file.js";
import { OPERATOR, type Actor } from "../services/managers.js";
import { flag, type ParsedArgs } from "./args.js";
import type { CliResult, Command } from "./commands.js";
import { wrap } from "./command-helpers.js";
import { table } from "./format.js";
import type { Deps } from "../services/deps.js";

const CREATE = "reward create (--file reward.yaml | --name NAME --cost N) [--stock N] [--description TEXT] [--kind product|voucher|experience] [--instructions TEXT] [--low-stock N] [--name-es TEXT --description-es TEXT …]";
const UPDATE = "reward update ID [--file reward.yaml] [--name NAME] [--cost N] [--stock N] [--description TEXT] [--active true|false] [--name-fr TEXT --description-fr TEXT …]";

/** A reward file: { name, description, cost, stock, active, translations: { es: { name, description } } }. */
function readRewardFile(path: string): Result<Record<string, unknown>> {
  const file = readObjectFile(path);
  if (!file.ok) return file;
  const { translations, ...rest } = file.value;
  return ok({ ...flattenTranslations(translations, "name"), ...rest });
}

/** The values given on the command line (and in --file), flags winning over the file. */
function rewardValues(deps: Deps, a: ParsedArgs, actor: Actor, usage: string): Result<Record<string, unknown>> {
  const file = flag(a, "file");
  // A file is read on the server: only the operator's own CLI may name one, never a chat manager.
  if (file && actor !== OPERATOR) return err("manage.cli.usage", { usage });
  const fromFile = file ? readRewardFile(file) : ok({});
  if (!fromFile.ok) return fromFile;
  const out: Record<string, unknown> = { ...fromFile.value };
  for (const name of ["name", "description", "cost", "stock", "active"]) if (flag(a, name) !== undefined) out[name] = flag(a, name);
  // Fulfilment (issue 21): the kind, its instructions (in the program's language) and the voucher low-stock alert.
  if (flag(a, "kind") !== undefined) out.kind = flag(a, "kind");
  if (flag(a, "instructions") !== undefined) out.instructions = { [deps.config.DEFAULT_LOCALE]: flag(a, "instructions") };
  if (flag(a, "low-stock") !== undefined) out.lowStockAt = flag(a, "low-stock");
  for (const l of LOCALES) for (const part of REWARD_TRANSLATED_PARTS) if (flag(a, `${part}-${l}`) !== undefined) out[`${part}_${l}`] = flag(a, `${part}-${l}`);
  // A misspelt language (`--name-de`) is refused like a file's unknown language, never dropped.
  for (const key of Object.keys(a.flags)) {
    const m = /^(name|description)-(.+)$/.exec(key);
    if (m && !(LOCALES as readonly string[]).includes(m[2]!)) out[`${m[1]}_${m[2]}`] = a.flags[key];
  }
  return ok(out);
}

const languages = (translations: unknown) => Object.keys((translations ?? {}) as object).join(", ") || "-";

function show(r: Awaited<ReturnType<typeof createReward>> | RewardFormErr, verb: string): CliResult {
  if (!r.ok) return r;
  return ok({ data: r.value, text: `${verb} reward ${r.value.id}: ${r.value.name} (translations: ${languages(r.value.translations)})` });
}

export const REWARD_COMMANDS: Record<string, Command> = {
  "reward create": {
    description: "add a reward to the catalog (text per language, kind, voucher low-stock alert)",
    examples: ["advo reward create --name \"Gift card 20 €\" --cost 500 --stock 40", "advo reward create --name Mug --cost 300 --kind product --name-es Taza --description-es \"Taza de cerámica\"", "advo reward create --file reward.yaml"],
    usage: CREATE,
    run: async (deps, a, actor) => {
      const values = rewardValues(deps, a, actor, CREATE);
      if (!values.ok) return values;
      if (values.value.name === undefined || values.value.cost === undefined) return err("manage.cli.usage", { usage: CREATE });
      return show(await createReward(deps, actor, { description: "", stock: null, ...values.value } as RewardInput), "created");
    },
  },
  "reward update": {
    description: "change a reward; translations given replace that language only",
    examples: ["advo reward update 3 --cost 450", "advo reward update 3 --name-fr Tasse --description-fr \"Tasse en céramique\""],
    usage: UPDATE,
    run: async (deps, a, actor) => {
      const id = Number(a.positionals[2]);
      if (!Number.isInteger(id) || id <= 0) return err("manage.cli.usage", { usage: UPDATE });
      const values = rewardValues(deps, a, actor, UPDATE);
      if (!values.ok) return values;
      return show(await updateReward(deps, actor, id, values.value as Partial<RewardInput>), "updated");
    },
  },
  "reward list": {
    usage: "reward list",
    description: "list the reward catalog",
    examples: ["advo reward list"],
    run: async (deps, _a, actor) => wrap(await listRewards(deps, actor), (list) =>
      table(["ID", "COST", "STOCK", "STATE", "NAME"], list.map((r) => [r.id, r.cost, r.stock ?? "∞", r.active ? "active" : "inactive", r.name]), "(no rewards)")),
  },
};
