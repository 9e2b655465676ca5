// The SSRF-safe fetcher against a real local HTTP server: forbidden addresses are refused before
// any connection (literal IPs, names resolving to them, redirects to them), limits hold.
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger, silentLogger } from "../../src/logger.js";
import { advoUserAgent, createSafeFetcher, type SafeFetcher, type SafeFetchOptions } from "../../src/verify/safe-fetch.js";
import { isForbiddenAddress } from "../../src/verify/address-policy.js";
import { FakePostPages } from "../fakes/post-pages.js";
import { fakeDns } from "../helpers/fake-dns.js";

const fake = new FakePostPages();
let port = 0;
const open: SafeFetcher[] = [];

beforeAll(async () => {
  await fake.start();
  port = Number(new URL(fake.base).port);
});
afterAll(() => fake.stop());
afterEach(async () => {
  fake.releaseHanging();
  await Promise.all(open.splice(0).map((f) => f.close()));
  fake.requests.length = 0;
});

function fetcher(overrides: Partial<SafeFetchOptions> = {}): SafeFetcher {
  const f = createSafeFetcher({
    timeoutMs: 5000, maxBytes: 50_000, userAgent: advoUserAgent("https://advo.example"), allowHosts: ["127.0.0.1"], log: silentLogger, ...overrides,
  });
  open.push(f);
  return f;
}

describe("address policy", () => {
  it.each([
    "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
    "255.255.255.255", "198.18.0.1", "240.0.0.1", "::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "fd00::1", "fe80::1", "ff02::1",
    "64:ff9b::7f00:1", "2002:7f00:1::", "not-an-ip",
    // Every IPv6 block that embeds an IPv4 address, whatever the embedded one (even public).
    "::7f00:1", "::a9fe:a9fe", "::a00:1", "::808:808", "::ffff:8.8.8.8", "64:ff9b::808:808", "64:ff9b:1::808:808", "2002:808:808::1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::1", "100::1",
  ])("given %s then it is forbidden", (a) => expect(isForbiddenAddress(a)).toBe(true));
  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2a03:2880:f12f:83:face:b00c:0:25de"])("given %s then it is allowed", (a) => expect(isForbiddenAddress(a)).toBe(false));
});

describe("safe fetcher", () => {
  it("given an allow-listed local host then it fetches with the honest User-Agent", async () => {
    fake.pages.set("/page/hello", { status: 200, body: "<p>hello</p>" });
    const res = await fetcher().get(`${fake.base}/page/hello`);
    expect(res).toMatchObject({ ok: true, status: 200, body: "<p>hello</p>" });
    expect(fake.requests).toEqual([{ path: "/page/hello", userAgent: "AdvoBot/0.1 (+https://advo.example)" }]);
  });

  it("given FETCH_ALLOW_HOSTS then a warning is logged at start and on first use of the host", async () => {
    const lines: string[] = [];
    const log = createLogger("info", new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    fake.pages.set("/page/hello", { status: 200, body: "hi" });
    await fetcher({ log }).get(`${fake.base}/page/hello`);
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
    expect(warnings.map((w) => w.msg)).toEqual([expect.stringContaining("FETCH_ALLOW_HOSTS is set"), expect.stringContaining("allow-listed host")]);
  });

  it.each([
    "http://127.0.0.1:1/", "http://10.0.0.1/", "http://192.168.0.10/admin", "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/", "http://0.0.0.0/", "http://224.0.0.1/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
    "http://[fd00::1]/", "http://[fe80::1]/", "http://2130706433/", "http://0x7f.0.0.1/", "http://017700000001/", "https://[::]/",
  ])("given the literal address %s then it is refused before any DNS or connection", async (url) => {
    const dns = fakeDns({});
    const res = await fetcher({ allowHosts: [], resolve: dns }).get(url);
    expect(res).toMatchObject({ ok: false, code: "fetch.forbidden_address" });
    expect(dns.asked).toEqual([]);
  });

  it("given localhost not on the allow list then the real DNS answer (loopback) is refused and the server sees nothing", async () => {
    const res = await fetcher({ allowHosts: [] }).get(`http://localhost:${port}/page/hello`);
    expect(res).toMatchObject({ ok: false, code: "fetch.forbidden_address" });
    expect(fake.requests).toEqual([]);
  });

  it.each([
    ["metadata.evil.test", ["169.254.169.254"]],
    ["intranet.evil.test", ["10.1.2.3"]],
    ["mapped.evil.test", ["::ffff:192.168.1.1"]],
    ["mixed.evil.test", ["93.184.216.34", "127.0.0.1"]],
  ])("given %s resolving to %j then it is refused at connect time", async (host, addrs) => {
    const dns = fakeDns({ [host]: addrs });
    const res = await fetcher({ resolve: dns }).get(`http://${host}:${port}/page/hello`);
    expect(res).toMatchObject({ ok: false, code: "fetch.forbidden_address" });
    expect((res as { detail: string }).detail).toContain(host);
    expect(dns.asked).toContain(host);
  });

  it("given a name resolving to the allow-listed fake's loopback then only the allow-listed NAME passes", async () => {
    fake.pages.set("/page/hello", { status: 200, body: "hi" });
    const dns = fakeDns({ "fake.test": ["127.0.0.1"] });
    expect(await fetcher({ allowHosts: ["fake.test"], resolve: dns }).get(`http://fake.test:${port}/page/hello`)).toMatchObject({ ok: true, body: "hi" });
    expect(await fetcher({ allowHosts: ["127.0.0.1"], resolve: dns }).get(`http://fake.test:${port}/page/hello`)).toMatchObject({ ok: false, code: "fetch.forbidden_address" });
  });

  it.each([
    ["the metadata address", "http://169.254.169.254/latest/meta-data/", "fetch.forbidden_address"],
    ["a private literal", "http://10.0.0.5:8080/", "fetch.forbidden_address"],
    ["IPv6 loopback", "http://[::1]/", "fetch.forbidden_address"],
    ["a loopback name", `http://localhost:${"PORT"}/page/hello`, "fetch.forbidden_address"],
    ["a file URL", "file:///etc/passwd", "fetch.invalid_url"],
  ])("given an allowed host redirecting to %s then the hop is refused", async (_name, target, code) => {
    const to = target.replace("PORT", String(port));
    const res = await fetcher().get(`${fake.base}/redirect?to=${encodeURIComponent(to)}`);
    expect(res).toMatchObject({ ok: false, code });
    expect(fake.requests.map((r) => r.path)).toEqual([`/redirect?to=${encodeURIComponent(to)}`]);
  });

  it("given a relative redirect on the allowed host then it is followed", async () => {
    fake.pages.set("/page/target", { status: 200, body: "arrived" });
    const res = await fetcher().get(`${fake.base}/redirect?to=${encodeURIComponent("/page/target")}`);
    expect(res).toMatchObject({ ok: true, body: "arrived", url: `${fake.base}/page/target` });
  });

  it("given a redirect loop then it stops after the maximum hops", async () => {
    const res = await fetcher({ maxRedirects: 3 }).get(`${fake.base}/loop`);
    expect(res).toMatchObject({ ok: false, code: "fetch.too_many_redirects" });
    expect(fake.requests).toHaveLength(4);
  });

  it("given a server that never answers then fetch.timeout", async () => {
    const res = await fetcher({ timeoutMs: 300 }).get(`${fake.base}/hang`);
    expect(res).toMatchObject({ ok: false, code: "fetch.timeout" });
  });

  it("given an endless body then fetch.too_large at the cap", async () => {
    expect(await fetcher({ maxBytes: 100_000 }).get(`${fake.base}/endless`)).toMatchObject({ ok: false, code: "fetch.too_large" });
  });

  it("given a declared length over the cap then fetch.too_large without reading it", async () => {
    expect(await fetcher({ maxBytes: 10_000 }).get(`${fake.base}/big-declared`)).toMatchObject({ ok: false, code: "fetch.too_large" });
  });

  it("given a 404 then fetch.bad_status with the status", async () => {
    expect(await fetcher().get(`${fake.base}/page/missing`)).toMatchObject({ ok: false, code: "fetch.bad_status", status: 404 });
  });

  it.each(["ftp://127.0.0.1/x", "javascript:alert(1)", "http://user:pw@127.0.0.1/", "nonsense"])("given %s then fetch.invalid_url", async (url) => {
    expect(await fetcher().get(url)).toMatchObject({ ok: false, code: "fetch.invalid_url" });
    expect(fake.requests).toEqual([]);
  });

  it("given a per-host limit of 1 then a second request to the host waits for the first", async () => {
    fake.pages.set("/page/second", { status: 200, body: "second" });
    const f = fetcher({ perHostConcurrency: 1 });
    const first = f.get(`${fake.base}/hang`);
    await expect.poll(() => fake.requests.map((r) => r.path)).toEqual(["/hang"]);
    const second = f.get(`${fake.base}/page/second`);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(fake.requests.map((r) => r.path)).toEqual(["/hang"]);
    fake.releaseHanging();
    expect(await first).toMatchObject({ ok: true, body: "released" });
    expect(await second).toMatchObject({ ok: true, body: "second" });
    expect(fake.requests.map((r) => r.path)).toEqual(["/hang", "/page/second"]);
  });
});
