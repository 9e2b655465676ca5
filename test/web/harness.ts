// A dashboard served over real HTTP for tests (the sub-app mounted as src/app.ts does), with a
// sign-in that goes through the link's POST like a browser, returning the cookie and CSRF token.
import { expect } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { HttpServer } from "../../src/http/server.js";
import { silentLogger } from "../../src/logger.js";
import { dashboardRoutes } from "../../src/web/routes.js";
import { createSignInLink } from "../../src/web/sessions.js";
import type { Actor } from "../../src/services/managers.js";

export interface Dashboard {
  t: TestDatabase;
  deps: ReturnType<typeof testDeps>;
  base: string;
  signIn(actor: Actor): Promise<{ cookie: string; csrf: string }>;
  get(path: string, cookie: string): Promise<Response>;
  post(path: string, form: Record<string, string>, cookie?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startDashboard(provider: "sqlite" | "postgresql", config: Record<string, string>): Promise<Dashboard> {
  const t = await createTestDatabase(provider);
  const deps = testDeps(t, config);
  const http = new HttpServer(silentLogger);
  http.mount(dashboardRoutes(deps));
  const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  deps.config.PUBLIC_URL = base;
  const post = (path: string, form: Record<string, string>, cookie?: string) =>
    fetch(`${base}${path}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(form) });
  const get = (path: string, cookie: string) => fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  return {
    t, deps, base, get, post,
    async signIn(actor) {
      const url = await createSignInLink(deps, actor);
      expect(url).toBeDefined();
      const res = await post("/dashboard/signin", { token: url!.split("/").pop()! });
      expect(res.status).toBe(303);
      const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
      const page = await (await get("/dashboard/cycles", cookie)).text();
      return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(page)![1]! };
    },
    async close() {
      await http.close();
      await t.destroy();
    },
  };
}
