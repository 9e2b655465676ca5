// `advo dashboard link|revoke` through the command table the CLI and /advo share: the operator gets
// a working link (for itself or --as a manager, never a non-manager); revoke ends sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { parseArgs } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { findSession, redeemSignInLink } from "../../src/web/sessions.js";
import { MANAGER, STRANGER, managerConfig } from "../services/manage/fixtures.js";

describe.each(testProviders())("advo dashboard commands on %s", (provider) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  const run = (line: string, actor = "operator") => COMMANDS[line.split(" ").slice(0, 2).join(" ")]!.run(deps, parseArgs(line.split(" ")), actor);
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    deps = testDeps(t, managerConfig);
  });
  afterAll(async () => t?.destroy());

  it("prints a link for the operator and --as a manager; refuses --as a stranger and --as from chat", async () => {
    const own = await run("dashboard link");
    if (!own.ok) throw new Error(own.error);
    const url = (own.value.data as { url: string }).url;
    expect(url).toMatch(/^http:\/\/localhost:\d+\/dashboard\/signin\/[\w-]+$/);
    expect((await redeemSignInLink(deps, url.split("/").pop()!))?.session.actor).toBe("operator");

    const as = await run(`dashboard link --as ${MANAGER}`);
    expect(as.ok && (as.value.data as { url: string }).url).toBeTruthy();
    expect(await run(`dashboard link --as ${STRANGER}`)).toMatchObject({ ok: false, error: "manage.refused" });
    expect(await run(`dashboard link --as ${STRANGER}`, MANAGER)).toMatchObject({ ok: false, error: "manage.cli.usage" });
  });

  it("revokes one session or all; needs exactly one of --all and --session", async () => {
    const links = await Promise.all([run("dashboard link"), run("dashboard link")]);
    const sessions = await Promise.all(links.map((l) => redeemSignInLink(deps, (l.ok ? (l.value.data as { url: string }).url : "").split("/").pop()!)));
    expect(await run("dashboard revoke")).toMatchObject({ ok: false, error: "manage.cli.usage" });
    expect(await run(`dashboard revoke --session ${sessions[0]!.session.id}`)).toMatchObject({ ok: true, value: { data: { revoked: 1 } } });
    expect(await findSession(deps, sessions[0]!.cookie)).toBeUndefined();
    expect(await findSession(deps, sessions[1]!.cookie)).toBeDefined();
    expect(await run("dashboard revoke --all", STRANGER)).toMatchObject({ ok: false, error: "manage.refused" });
    await run("dashboard revoke --all");
    expect(await findSession(deps, sessions[1]!.cookie)).toBeUndefined();
  });
});
