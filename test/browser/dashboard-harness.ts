// What every browser test of the dashboard starts from: a fresh SQLite database, the dashboard
// served over real HTTP (PUBLIC_URL pointing at it, so sign-in links do), and a headless Chromium.
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { HttpServer } from "../../src/http/server.js";
import { silentLogger } from "../../src/logger.js";
import { dashboardRoutes } from "../../src/web/routes.js";
import { createSignInLink } from "../../src/web/sessions.js";
import { managerConfig } from "../services/manage/fixtures.js";
import { chromiumPath } from "./chromium.js";

export interface BrowserDashboard {
  t: TestDatabase;
  deps: ReturnType<typeof testDeps>;
  browser: Browser;
  base: string;
  /** a new browser context signed in as `actor` by pressing the link page's button */
  signIn(actor: string, context?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserDashboard(): Promise<BrowserDashboard> {
  const t = await createTestDatabase("sqlite");
  const http = new HttpServer(silentLogger);
  const deps = testDeps(t, managerConfig);
  http.mount(dashboardRoutes(deps));
  const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  deps.config.PUBLIC_URL = base;
  const browser = await chromium.launch({ executablePath: chromiumPath!, headless: true });
  return {
    t,
    deps,
    browser,
    base,
    async signIn(actor, context = {}) {
      const page = await (await browser.newContext(context)).newPage();
      await page.goto((await createSignInLink(deps, actor))!);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${base}/dashboard`);
      return page;
    },
    async close() {
      await browser.close();
      await http.close();
      await t.destroy();
    },
  };
}
