// `npm run job -- <name>` as an operator runs it: a real process on a real database file.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTestDatabaseUrl } from "../helpers/db.js";

const script = fileURLToPath(new URL("../../src/jobs/run-one.ts", import.meta.url));

function runJob(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, LOG_LEVEL: "silent", ...env }, encoding: "utf8", timeout: 120_000 });
}

describe("npm run job", () => {
  it("given a job name, then it runs it now, prints its counts as JSON and exits 0; an unknown name exits 2 with the list", async () => {
    const { url } = await createTestDatabaseUrl("sqlite");
    const ok = runJob(["missions-lifecycle"], { DATABASE_URL: url });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ job: "missions-lifecycle", status: "ran", outcome: "ok", counts: { published: 0, announced: 0, closed: 0, expired: 0 } });
    const bad = runJob(["no-such-job"], { DATABASE_URL: url });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("reminders");
  }, 180_000);
});
