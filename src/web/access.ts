// What each dashboard page and form needs, by the action names of src/domain/roles.ts — one table
// read by the session guard (every request is checked through requireManager before its handler
// runs) and by the pages (a link or button is shown only when its target would be allowed). A
// path not listed needs an admin, so a new page is safe by default.
import { roleAllows, type Role } from "../domain/roles.js";

type Rule = readonly [method: "GET" | "POST", path: RegExp, action: string | null | ((m: RegExpExecArray) => string)];

/** `null`: any signed-in manager (signing out). */
const RULES: readonly Rule[] = [
  ["GET", /^\/dashboard\/?$/, "report.view"],
  ["GET", /^\/dashboard\/missions$/, "mission.list"],
  ["GET", /^\/dashboard\/missions\/[^/]+$/, "mission.view"],
  // The directory and profiles are personal data: the same action as the chat's influencer card.
  ["GET", /^\/dashboard\/influencers(\/[^/]+)?$/, "influencer"],
  ["GET", /^\/dashboard\/review$/, "review.list"],
  ["GET", /^\/dashboard\/proofs\/[^/]+$/, "review.list"], // screenshots sent as proof, opened from the review queue
  ["POST", /^\/dashboard\/review\/[^/]+\/approve$/, "submission.approve"],
  ["POST", /^\/dashboard\/review\/[^/]+\/reject$/, "submission.reject"],
  ["GET", /^\/dashboard\/rewards$/, "reward.list"],
  ["POST", /^\/dashboard\/rewards\/redemptions\/[^/]+\/fulfil$/, "redemption.fulfil"],
  ["GET", /^\/dashboard\/cycles$/, "cycle.list"],
  ["GET", /^\/dashboard\/audit$/, "audit.list"],
  ["GET", /^\/dashboard\/exports$/, "export.list"],
  ["GET", /^\/dashboard\/export\/([a-z]+)\.csv$/, (m) => `export.${m[1]}`],
  ["POST", /^\/dashboard\/signout$/, null],
];

/** The action a request needs (null: none beyond being a manager); unlisted paths need an admin. */
export function dashboardAction(method: string, path: string): string | null {
  const verb = method === "HEAD" ? "GET" : method;
  for (const [m, pattern, action] of RULES) {
    if (m !== verb) continue;
    const match = pattern.exec(path);
    if (match) return typeof action === "function" ? action(match) : action;
  }
  return "dashboard.unlisted";
}

/** Whether `role` may open `path` (for links) or post to it (for buttons). */
export function roleMayOpen(role: Role, path: string, method: "GET" | "POST" = "GET"): boolean {
  const action = dashboardAction(method, path.split("?")[0]!);
  return action === null || roleAllows(role, action);
}
