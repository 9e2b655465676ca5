// The container smoke test (scripts/docker-smoke.sh: build the image, healthy on /healthz, non-root,
// `advo --help` inside, exit 0 on SIGTERM) where a Docker daemon is reachable; skipped with the
// reason where it is not (no docker client, or `docker info` cannot reach a daemon).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function dockerMissing(): string | undefined {
  const info = spawnSync("docker", ["info"], { encoding: "utf8" });
  if (info.error) return "docker is not installed";
  if (info.status !== 0) return `no reachable Docker daemon (${(info.stderr.split("\n").find((l) => /cannot|error/i.test(l)) ?? "docker info failed").trim()})`;
  return undefined;
}

const missing = dockerMissing();
if (missing) process.stdout.write(`docker smoke test skipped: ${missing}\n`);

describe("container image", () => {
  it.skipIf(missing !== undefined)(`given a Docker daemon then the image builds, turns healthy, runs as non-root and stops cleanly${missing ? ` (skipped: ${missing})` : ""}`, () => {
    const r = spawnSync("bash", [join(import.meta.dirname, "../../scripts/docker-smoke.sh")], { encoding: "utf8", timeout: 1_500_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain("docker smoke test passed");
  }, 1_600_000);
});
