// A reviewer is refused each admin action (issue 21): every `/advo` sub-command whose action the
// reviewer role lacks (src/engine/manage/help.ts names the action of each), typed in Slack on the
// real Bolt app against the fake Slack Web API, and the same command table as the CLI runs it —
// each answer names what a reviewer can do, each refusal is audited, nothing changes. (The
// dashboard's forms: test/web/dashboard-roles.test.ts and dashboard-shipping.test.ts.)
import { describe, expect, it } from "vitest";
import { testProviders } from "../../helpers/db.js";
import { roleAllows } from "../../../src/domain/roles.js";
import { INTERACTIVE_HELP, TABLE_HELP } from "../../../src/engine/manage/help.js";
import { COMMANDS } from "../../../src/cli/commands.js";
import { parseArgs } from "../../../src/cli/args.js";
import { readTierProgram } from "../../../src/services/tiers.js";
import { slashCommand } from "./slack-requests.js";
import { slackAppPerSuite } from "./slack-app.js";

const REVIEWER = "slack:UREVIEWER";
/** `cycle close --force` etc.: examples split as a shell would (quoted words kept together). */
const words = (line: string) => (line.match(/"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^"|"$/g, ""));
const adminOnly = (table: Record<string, { action: string; example: string }>) =>
  Object.entries(table).filter(([, e]) => !roleAllows("reviewer", e.action)).map(([name, e]) => ({ name, example: e.example }));

describe.each(testProviders())("a reviewer refused each admin action on %s", (provider) => {
  const harness = slackAppPerSuite(provider, {
    env: () => ({ SLACK_MANAGER_CHANNEL: "CMANAGERS" }),
    prepare: (slack) => {
      slack.members = ["UADMIN", "UREVIEWER", "UBOT"];
    },
  });
  let asked = 0;
  const answer = async (text: string) => {
    const name = `r${++asked}`;
    const body = await (await harness.command(slashCommand(text, { user: "UREVIEWER", responseUrl: harness.slack.responseUrl(name) }))).text();
    if (body.includes("blocks") || body.includes("text")) return body;
    const [late] = await harness.slack.waitFor(`respond:${name}`);
    return JSON.stringify(late!.args);
  };

  it("given a reviewer then every admin /advo sub-command, typed or interactive, is refused naming what a reviewer can do", async () => {
    const db = harness.app.database.db;
    await db.manager.update({ where: { platform_externalId: { platform: "slack", externalId: "UREVIEWER" } }, data: { role: "reviewer" } });
    const tiers = await readTierProgram(db);
    const cases = [...adminOnly(INTERACTIVE_HELP), ...adminOnly(TABLE_HELP)];
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["cycle close", "points adjust", "broadcast", "tier set", "tier new", "manager set-role", "redemption fulfil", "mission new"]));
    const notRefused: string[] = [];
    for (const c of cases) {
      const body = await answer(c.example);
      if (!body.includes("A reviewer can")) notRefused.push(`${c.example} → ${body.slice(0, 200)}`);
    }
    expect(notRefused).toEqual([]);
    expect(await db.auditLog.count({ where: { actor: REVIEWER, outcome: "refused" } })).toBeGreaterThanOrEqual(cases.length);
    expect(await db.mission.count()).toBe(0);
    expect(await db.ledgerEntry.count()).toBe(0);
    expect(await readTierProgram(db)).toEqual(tiers);
  });

  it("given a reviewer then the command table the CLI runs refuses each admin command with the role's refusal", async () => {
    const deps = harness.app.deps;
    const notRefused: string[] = [];
    for (const c of adminOnly(TABLE_HELP)) {
      const args = parseArgs(words(c.example));
      const r = await COMMANDS[c.name]!.run(deps, args, REVIEWER);
      if (r.ok || r.error !== "manage.refused_role") notRefused.push(`${c.example} → ${r.ok ? "ok" : r.error}`);
    }
    expect(notRefused).toEqual([]);
  });
});
