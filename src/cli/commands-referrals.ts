// Operator/manager commands for referrals (issue 21): the program's referral settings (the
// per-person limit and the points of each stage) and the referral figures.
import { ok } from "../result.js";
import { referralReport, type ReferralFigures } from "../services/referrals-figures.js";
import { readReferralProgram, setReferralProgram, type ReferralProgram } from "../services/referrals.js";
import { requireManager } from "../services/managers.js";
import { flag } from "./args.js";
import type { Command } from "./commands.js";

const programText = (p: ReferralProgram) =>
  p.limit === 0
    ? "referrals: off (limit 0)"
    : `referrals: up to ${p.limit} people per member; ${p.onboardedPoints} points when one finishes onboarding, ${p.firstPostPoints} when their first post is approved`;

const figuresText = (f: ReferralFigures) =>
  [
    `member codes: ${f.codes}`, `joined with one: ${f.joined}`, `onboarded: ${f.onboarded}`, `first posts approved: ${f.firstPosts}`, `points paid: ${f.points}`,
    ...(f.top.length ? ["top referrers:", ...f.top.map((t, i) => `  ${i + 1}. ${t.name ?? `#${t.id}`} (#${t.id}) ${t.referred}`)] : []),
  ].join("\n");

export const REFERRAL_COMMANDS: Record<string, Command> = {
  "referral settings": {
    description: "show or change the referral limit per person and the points paid to referrers",
    examples: ["advo referral settings", "advo referral settings --limit 5 --onboarded 50 --first-post 100"],
    usage: "referral settings [--limit N] [--onboarded POINTS] [--first-post POINTS]   (no flag: show them; --limit 0 turns referrals off)",
    run: async (deps, a, actor) => {
      const input = { limit: flag(a, "limit"), onboardedPoints: flag(a, "onboarded"), firstPostPoints: flag(a, "first-post") };
      if (Object.values(input).every((v) => v === undefined)) {
        const refused = await requireManager(deps, actor, "referral.view");
        if (refused) return refused;
        const p = await readReferralProgram(deps.db);
        return ok({ data: p, text: programText(p) });
      }
      const r = await setReferralProgram(deps, actor, input);
      return r.ok ? ok({ data: r.value, text: programText(r.value) }) : r;
    },
  },
  "referral report": {
    description: "who referred whom, and what it paid",
    examples: ["advo referral report", "advo referral report --json"],
    usage: "referral report",
    run: async (deps, _a, actor) => {
      const r = await referralReport(deps, actor);
      return r.ok ? ok({ data: r.value, text: figuresText(r.value) }) : r;
    },
  },
};
