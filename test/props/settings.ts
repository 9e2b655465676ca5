// One seed for every property test, so a failure in CI replays the same way on any machine.
// The normal suite runs a modest number of cases; `npm run test:props` runs the same files with
// PROPS_RUNS (default there: 2,000) for a longer search.
import fc from "fast-check";
import { catalogs } from "../../src/i18n/catalog.js";
import { LOCALES } from "../../src/i18n/translate.js";

export const RUNS = Math.max(1, Number(process.env.PROPS_RUNS ?? 100));
export const SEED = Number(process.env.PROPS_SEED ?? 20261203);
fc.configureGlobal({ seed: SEED, numRuns: RUNS });

/** A refusal the user can act on: its message id is translated in every locale. */
export function isKnownReason(messageId: string): boolean {
  return LOCALES.every((l) => typeof catalogs[l][messageId] === "string" && catalogs[l][messageId]!.length > 0);
}
