// Profile helper for the redirect hot path (issue 13): starts the whole app (startApp: every route
// and middleware a deployment has, SQLite) and drives GET /t/<code> from the same process, so
// `node --cpu-prof --import tsx bench/redirect-profile.ts` shows where a redirect's CPU goes.
// Not part of `npm run bench` (no default export). BENCH_REDIRECTS sets the number of requests.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startApp } from "../src/app.js";

const REQUESTS = Number(process.env.BENCH_REDIRECTS ?? 20000);
const CONCURRENCY = 8;
const dir = mkdtempSync(join(tmpdir(), "advo-prof-redirect-"));
const app = await startApp(testConfig({ DATABASE_URL: `file:${join(dir, "r.db")}`, PORT: "0" }), silentLogger);
const db = app.database.db;
const m = await db.mission.create({ data: { title: "Bench", brief: "b", points: 1, deadline: new Date("2030-01-01"), segment: {}, status: "published", landingUrl: "https://shop.example/p?x=1" } });
const link = await db.trackingLink.create({ data: { code: "BENCHCODE2", missionId: m.id, targetUrl: "https://shop.example/p?x=1" } });
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let next = 0;
const one = () => new Promise<void>((resolve, reject) => {
  const req = request({ host: "127.0.0.1", port: app.port, path: `/t/${link.code}`, agent, headers: { "user-agent": "Mozilla/5.0 bench" } }, (res) => {
    res.resume();
    res.on("end", () => (res.statusCode === 302 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
  });
  req.on("error", reject);
  req.end();
});
const cpu0 = process.cpuUsage();
await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next++ < REQUESTS) await one(); }));
agent.destroy();
await app.stop(); // waits for the clicks still being written
const cpu = process.cpuUsage(cpu0);
console.log(`CPU per request (client included): ${((cpu.user + cpu.system) / REQUESTS).toFixed(0)} µs; ${app.http.app.routes.length} routes`);
rmSync(dir, { recursive: true, force: true });
