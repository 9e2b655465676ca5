import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";
import { projectRoot } from "../src/db/provider.js";

describe("configuration", () => {
  it("given an empty environment then the embedded defaults apply", () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBe("file:./data/advo.db");
    expect(c.TELEGRAM_MODE).toBe("polling");
  });

  it("given several bad variables then every one is listed by name", () => {
    let error: ConfigError | undefined;
    try {
      parseConfig({ PORT: "abc", DATABASE_URL: "mysql://x", MANAGERS: "bob" });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.join("\n")).toMatch(/PORT/);
    expect(error!.problems.join("\n")).toMatch(/DATABASE_URL/);
    expect(error!.problems.join("\n")).toMatch(/MANAGERS/);
  });

  it("given a bad secret then its value is not echoed", () => {
    expect(() => parseConfig({ TELEGRAM_WEBHOOK_SECRET: "has spaces!" })).toThrow(ConfigError);
    try {
      parseConfig({ TELEGRAM_WEBHOOK_SECRET: "has spaces!" });
    } catch (e) {
      expect((e as Error).message).not.toContain("has spaces!");
    }
  });

  it("given PORT=abc then npm start exits non-zero with a readable message, not a stack trace", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: projectRoot,
      env: { ...process.env, PORT: "abc", DATABASE_URL: "mysql://x" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("PORT");
    expect(r.stderr).toContain("DATABASE_URL");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
