// Manager roles (issue 21): what each role may do, by the action names the services already pass
// to requireManager. One table, checked in one place, so the chat, the CLI and the dashboard can
// never disagree. An action not listed here needs an admin: a new service is safe by default.
export const ROLES = ["admin", "reviewer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Read-only figures and lists — for a brand's client. */
const VIEWER_ACTIONS = [
  "report.view", "stats.cycle", "stats.missions", "mission.list", "mission.view", "cycle.list", "reward.list", "tiers.list", "translations.list", "referral.view",
] as const;

/** The review queue and influencer profiles, plus everything a viewer sees. */
const REVIEWER_ACTIONS = [
  ...VIEWER_ACTIONS, "review.list", "submission", "submission.approve", "submission.reject", "points.statement", "influencer",
] as const;

const ALLOWED: Record<Exclude<Role, "admin">, ReadonlySet<string>> = {
  reviewer: new Set(REVIEWER_ACTIONS),
  viewer: new Set(VIEWER_ACTIONS),
};

export function roleAllows(role: Role, action: string): boolean {
  // "advo.<sub>" is the chat console's door: every manager may open it; the service behind each
  // subcommand then checks the role for what it does.
  return role === "admin" || action.startsWith("advo.") || ALLOWED[role].has(action);
}

export function isRole(value: string | null | undefined): value is Role {
  return (ROLES as readonly string[]).includes(value ?? "");
}
